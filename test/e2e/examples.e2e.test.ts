/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test, not node code: runs `npm start` as a child process, temporary folders, the environment and the figures on stdout */
/**
 * The example workflows in examples/ inside a real n8n (2.41.1; N8N_VERSION=1.123.x for the last 1.x line)
 * against the sandbox, imported as a user would (credentials resolved by name), and `npm start` itself
 * (scripts/start.sh with DEMO_MAX_DETECTIONS=2) run end to end.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eventIdFromKey } from '../../nodes/Roboflow/eventId';
import { MODELS, SANDBOX_KEYS, SEED, startSandbox, WORKFLOWS, type Sandbox } from '../../sandbox';
import { ALERT_EXAMPLE, CREDENTIAL_NAMES, EXAMPLE_FILES, loadExample, nodeOutput } from '../../scripts/demo-lib';
import { freePorts, REPO_ROOT, startN8n, type ExecutionSummary, type N8n } from './n8n';
import { until } from './until';

const figures: Record<string, number> = {};

describe('example workflows in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	const ids: Record<string, string> = {};
	const credentialIds: Record<string, string> = {};

	const visionEvents = () => [...sandbox.state.visionEvents.values()];
	/** Runs a manually triggered example from `trigger` and returns its finished execution. */
	async function runFrom(workflowId: string, trigger: string, previous: number): Promise<ExecutionSummary> {
		const t0 = Date.now();
		await n8n.runManually(workflowId, { triggerToStartFrom: { name: trigger } });
		const executions = await n8n.waitForExecutions(workflowId, previous + 1, 60000);
		figures[`manualRun-${workflowId}-${previous}`] = Date.now() - t0;
		return executions[executions.length - 1];
	}

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		const t0 = Date.now();
		n8n = await startN8n();
		figures.n8nStartupMs = Date.now() - t0;
		credentialIds.videoDbApi = await n8n.createCredential('videoDbApi', CREDENTIAL_NAMES.videoDbApi, {
			apiKey: SANDBOX_KEYS.videodb,
			baseUrl: sandbox.videodbUrl,
		});
		credentialIds.roboflowApi = await n8n.createCredential('roboflowApi', CREDENTIAL_NAMES.roboflowApi, {
			apiKey: SANDBOX_KEYS.roboflow,
			baseUrl: sandbox.roboflowUrl,
			inferenceUrl: sandbox.inferenceUrl,
		});
		credentialIds.n8nApi = await n8n.createCredential('n8nApi', CREDENTIAL_NAMES.n8nApi, {
			apiKey: await n8n.ensureApiKey(),
			baseUrl: `${n8n.baseUrl}/api/v1`,
		});
		for (const [key, file] of Object.entries(EXAMPLE_FILES)) ids[key] = await n8n.importWorkflow(loadExample(file));
	});

	afterAll(async () => {
		process.stdout.write(`examples e2e figures (ms): ${JSON.stringify(figures)}\n`);
		await n8n?.stop();
		await sandbox?.close();
	});

	it('imports every example with its credentials resolved by name', async () => {
		for (const id of Object.values(ids)) {
			const saved = await n8n.getWorkflow(id);
			for (const node of saved.nodes.filter((n) => n.credentials)) {
				for (const [type, ref] of Object.entries(node.credentials ?? {})) {
					expect(ref.name).toBe(CREDENTIAL_NAMES[type as keyof typeof CREDENTIAL_NAMES]);
					expect(ref.id).toBe(credentialIds[type]);
				}
			}
		}
	});

	describe('VideoDB alert → Roboflow vision event', () => {
		it('publishing registers the VideoDB alert on the dock camera', async () => {
			await n8n.activate(ids.alertToRoboflow);
			const alerts = [...sandbox.state.alerts.values()].filter(
				(a) => a.stream_id === SEED.streams.warehouseDock && a.scene_index_id === SEED.sceneIndexes.dockActivity,
			);
			expect(alerts).toHaveLength(1);
			expect(alerts[0]).toMatchObject({ status: 'enabled', event_id: SEED.events.personOnDock });
			expect(alerts[0].callback_url).toContain(`/webhook/5b0c6c1e-8f7a-4d2b-9e3f-a1d2c3b4e5f6/alert?token=`);
		});

		it('a confident detection becomes one Roboflow safety alert, also when delivered twice', async () => {
			const t0 = Date.now();
			const { deliveries } = await sandbox.detect({
				stream_id: SEED.streams.warehouseDock,
				scene_index_id: SEED.sceneIndexes.dockActivity,
				confidence: 0.93,
				times: 2,
			});
			expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
			const [execution] = await n8n.waitForExecutions(ids.alertToRoboflow, 1, 30000);
			figures.detectionToExecutionMs = Date.now() - t0;
			expect(execution.status).toBe('success');
			const payload = deliveries[0].payload as Record<string, unknown>;
			const created = nodeOutput(execution.data, ALERT_EXAMPLE.roboflow);
			const dedupeKey = `${String(payload.event_id)}|${String(payload.timestamp)}`;
			expect(nodeOutput(execution.data, ALERT_EXAMPLE.trigger)).toMatchObject({ dedupe_key: dedupeKey });
			const expectedId = eventIdFromKey(dedupeKey);
			expect(created).toMatchObject({ eventId: expectedId, created: true });
			const stored = sandbox.state.visionEvents.get(expectedId);
			expect(stored).toMatchObject({
				eventType: 'safety_alert',
				useCaseId: SEED.useCases.siteSafety,
				streamId: SEED.streams.warehouseDock,
				eventData: { alertType: 'person_on_dock', severity: 'medium', description: payload.explanation },
				customMetadata: {
					stream_id: SEED.streams.warehouseDock,
					label: 'person_on_dock',
					confidence: 0.93,
					alert_id: [...sandbox.state.alerts.values()][0].alert_id,
				},
			});
			// The trigger answered the duplicate delivery itself, without handing n8n an item to run (the next
			// test's sentinel execution is the second and last one).
			expect(deliveries[1].body).toEqual({ received: true, duplicate: true });
			expect(visionEvents()).toHaveLength(1);
		});

		it('a low-confidence detection runs but stores nothing', async () => {
			await sandbox.detect({
				stream_id: SEED.streams.warehouseDock,
				scene_index_id: SEED.sceneIndexes.dockActivity,
				confidence: 0.42,
			});
			const executions = await n8n.waitForExecutions(ids.alertToRoboflow, 2, 30000);
			// The first test's duplicate delivery would have been written before this one's (n8n writes an
			// execution before it answers): two executions in all.
			expect(executions).toHaveLength(2);
			const last = executions[executions.length - 1];
			expect(last.status).toBe('success');
			expect(nodeOutput(last.data, ALERT_EXAMPLE.trigger)).toMatchObject({ confidence: 0.42 });
			expect(nodeOutput(last.data, ALERT_EXAMPLE.roboflow)).toBeUndefined();
			expect(nodeOutput(last.data, 'Below threshold')).toMatchObject({ confidence: 0.42 });
			expect(visionEvents()).toHaveLength(1);
		});
	});

	describe('Scheduled: VideoDB events and alerts for every connected stream', () => {
		const running = [SEED.sceneIndexes.dockActivity, SEED.sceneIndexes.bayNorthActivity, SEED.sceneIndexes.lineAQuality];
		const exampleAlerts = () =>
			[...sandbox.state.alerts.values()].filter((a) => a.callback_url === 'https://example.com/webhook/videodb-alerts');

		it('creates one alert per running scene index, reusing the existing event', async () => {
			const eventsBefore = sandbox.state.events.size;
			const execution = await runFrom(ids.scheduledAlerts, 'Run now', 0);
			expect(execution.status).toBe('success');
			expect(exampleAlerts().map((a) => a.scene_index_id).sort()).toEqual([...running].sort());
			for (const alert of exampleAlerts()) expect(alert).toMatchObject({ event_id: SEED.events.personOnDock, status: 'enabled' });
			expect(sandbox.state.events.size).toBe(eventsBefore);
		});

		it('running it again creates nothing new', async () => {
			const execution = await runFrom(ids.scheduledAlerts, 'Run now', 1);
			expect(execution.status).toBe('success');
			expect(exampleAlerts()).toHaveLength(running.length);
			expect(nodeOutput(execution.data, 'Create alert')).toBeUndefined();
		});
	});

	describe('Onboard a camera (Manual → Stream Create → Scene Index Create → Event Create → Alert Create)', () => {
		it('connects the camera, starts its scene index, reuses or creates the event and creates the alert', async () => {
			const streamsBefore = sandbox.state.streams.size;
			const execution = await runFrom(ids.onboardCamera, 'Run now', 0);
			expect(execution.status).toBe('success');
			expect(sandbox.state.streams.size).toBe(streamsBefore + 1);
			const stream = [...sandbox.state.streams.values()].find((s) => s.name === 'Dock door 4')!;
			expect(stream).toMatchObject({ status: 'connected', store: true });
			expect(sandbox.requests({ service: 'videodb', method: 'POST', path: '/rtstream' })[0].body).toMatchObject({
				url: 'rtsp://camera.example.com:554/dock-door-4',
			});
			const index = [...sandbox.state.sceneIndexes.values()].find((i) => i.stream_id === stream.id)!;
			expect(index).toMatchObject({ status: 'running', name: 'Dock door activity', extraction_config: { time: '10', frame_count: '2' } });
			expect(index.prompt).toMatch(/yellow safety zone/);
			const events = [...sandbox.state.events.values()].filter((e) => e.label === 'person_in_safety_zone');
			expect(events).toHaveLength(1);
			const alerts = [...sandbox.state.alerts.values()].filter((a) => a.stream_id === stream.id);
			expect(alerts).toEqual([
				expect.objectContaining({
					scene_index_id: index.rtstream_index_id,
					event_id: events[0].event_id,
					callback_url: 'https://example.com/webhook/dock-alerts',
					status: 'enabled',
				}),
			]);
			expect(nodeOutput(execution.data, 'Create alert')).toMatchObject({ stream_id: stream.id, status: 'enabled' });
			// The new index describes the camera from now on: one record per 10 s window.
			sandbox.advanceClock(30);
			expect(sandbox.state.sceneRecords.get(index.rtstream_index_id)!.records.length).toBeGreaterThanOrEqual(3);
		});
	});

	describe('What happened today (Schedule / Run now → Get Records → Aggregate → Summary)', () => {
		it('reads every scene description of the last 24 h across pages and writes a summary item', async () => {
			sandbox.clearRequests();
			const execution = await runFrom(ids.whatHappenedToday, 'Run now', 0);
			expect(execution.status).toBe('success');
			const pages = sandbox.requests({
				service: 'videodb',
				method: 'GET',
				path: `/rtstream/${SEED.streams.warehouseDock}/index/scene/${SEED.sceneIndexes.dockActivity}`,
			});
			expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(SEED.historySeconds / 5 / 100));
			const { start, end } = pages[0].query;
			expect(Number(end) - Number(start)).toBe(24 * 3600);
			expect(Math.abs(Number(end) - Date.now() / 1000)).toBeLessThan(600);
			const records = sandbox.state.sceneRecords.get(SEED.sceneIndexes.dockActivity)!.records;
			const summary = nodeOutput(execution.data, 'Summary') as Record<string, unknown>;
			expect(summary.camera).toBe('Warehouse dock camera');
			expect(summary.windows).toBeGreaterThanOrEqual(SEED.historySeconds / 5);
			expect(summary.windows).toBeLessThanOrEqual(records.length);
			expect(summary.top).toHaveLength(3);
			expect(summary.summary).toMatch(/^Warehouse dock camera: \d+ scene descriptions from \d\d:\d\d UTC to \d\d:\d\d UTC\. Seen most often: /);
		});
	});

	describe('Failed quality check → alert (polling trigger)', () => {
		it('publishes: the activation poll starts at now and runs nothing', async () => {
			await n8n.activate(ids.failedQualityAlert);
			expect((await n8n.publicationStatus(ids.failedQualityAlert)).status).toBe('published');
			expect(await n8n.executions({ workflowId: ids.failedQualityAlert })).toHaveLength(0);
		});
	});

	describe('Manual: camera snapshot → Run Model (or Run Workflow) → Create Vision Event', () => {
		it('stores a safety alert whose image is the snapshot, annotated with the detections', async () => {
			sandbox.clearRequests();
			const execution = await runFrom(ids.snapshotToVisionEvent, 'Run now', 0);
			expect(execution.status).toBe('success');
			const [call] = sandbox.requests({ service: 'inference' });
			expect(call).toMatchObject({ method: 'POST', path: `/${MODELS.objectDetection}`, query: { api_key: SANDBOX_KEYS.roboflow, confidence: '0.5' } });
			const predictions = nodeOutput(execution.data, 'Run Model')?.predictions as Array<Record<string, unknown>>;
			expect(predictions.map((p) => p.class)).toEqual(['person', 'forklift']);
			const created = nodeOutput(execution.data, 'Create Vision Event') as Record<string, unknown>;
			const event = sandbox.state.visionEvents.get(String(created.eventId))!;
			expect(event).toMatchObject({
				eventType: 'safety_alert',
				useCaseId: SEED.useCases.siteSafety,
				deviceId: 'dock-3-camera',
				eventData: { alertType: 'dock_activity', severity: 'high', description: 'person 91%, forklift 78%' },
			});
			const [image] = event.images as Array<Record<string, unknown>>;
			expect(image.objectDetections).toEqual(
				predictions.map((p) => ({ class: p.class, x: p.x, y: p.y, width: p.width, height: p.height, confidence: p.confidence })),
			);
			const file = sandbox.state.images.get(String(image.sourceId))!;
			expect(file).toMatchObject({ contentType: 'image/png', filename: 'dock-3.png' });
			expect(file.data.readUInt32BE(16)).toBe(640);
			// The key went in the query and comes back nowhere in the saved execution.
			expect(JSON.stringify(execution.data)).not.toContain(SANDBOX_KEYS.roboflow);
		});

		it('the same path with Run Workflow: the key\'s workspace looked up, the first output\'s detections stored', async () => {
			// The example with its model swapped for a saved Workflow, imported as a workflow of its own.
			const variant = loadExample(EXAMPLE_FILES.snapshotToVisionEvent);
			variant.id = 'rfSnapshotToEventWf';
			variant.name = 'Snapshot → Run Workflow → vision event';
			const model = variant.nodes.find((n) => n.name === 'Run Model')!;
			model.parameters = { resource: 'inference', operation: 'runWorkflow', workspace: '', workflowId: WORKFLOWS.detectAndCount, imageSource: 'binary', binaryPropertyName: 'data' };
			const create = variant.nodes.find((n) => n.name === 'Create Vision Event')!;
			create.parameters = { ...create.parameters, severity: 'medium', description: '={{ $json.outputs[0].count }} objects on the dock' };
			const id = await n8n.importWorkflow(variant);
			sandbox.clearRequests();
			const execution = await runFrom(id, 'Run now', 0);
			expect(execution.status).toBe('success');
			expect(sandbox.requests({ service: 'roboflow', method: 'GET', path: '/' })).toHaveLength(1);
			expect(sandbox.requests({ service: 'inference' }).map((r) => r.path)).toEqual([`/${SEED.workspace}/workflows/${WORKFLOWS.detectAndCount}`]);
			const created = nodeOutput(execution.data, 'Create Vision Event') as Record<string, unknown>;
			const event = sandbox.state.visionEvents.get(String(created.eventId))!;
			expect(event.eventData).toMatchObject({ description: '2 objects on the dock' });
			const [image] = event.images as Array<Record<string, unknown>>;
			expect((image.objectDetections as Array<Record<string, unknown>>).map((d) => d.class)).toEqual(['person', 'forklift']);
			expect(JSON.stringify(execution.data)).not.toContain(SANDBOX_KEYS.roboflow);
		});
	});

	describe('Manual: Roboflow quality checks and inventory count', () => {
		it('records five quality checks in one batch request and one inventory count', async () => {
			sandbox.clearRequests();
			const before = visionEvents().length;
			const execution = await runFrom(ids.qualityAndInventory, 'Run now', 0);
			expect(execution.status).toBe('success');
			const quality = visionEvents().filter((e) => e.useCaseId === SEED.useCases.lineAQuality);
			expect(quality.map((e) => e.eventData.result).sort()).toEqual(['fail', 'fail', 'pass', 'pass', 'pass']);
			expect(quality.find((e) => e.eventData.externalId === 'A-1003')).toMatchObject({
				eventId: eventIdFromKey('line-a:A-1003'),
				deviceId: 'line-a-camera-1',
				customMetadata: { serial: 'A-1003', scratches: 4, line: 'A' },
			});
			const inventory = visionEvents().filter((e) => e.useCaseId === SEED.useCases.warehouseInventory);
			expect(inventory).toHaveLength(1);
			expect(inventory[0]).toMatchObject({
				eventType: 'inventory_count',
				eventData: { location: 'dock-3', itemCount: 42, itemType: 'pallets' },
				customMetadata: { counted_by: 'dock camera' },
			});
			expect(visionEvents().length).toBe(before + 6);
			expect(sandbox.requests({ service: 'roboflow', method: 'POST', path: '/vision-events/batch' })).toHaveLength(1);
		});

		it('the published "Failed quality check → alert" raises one alert per failed part, once', async () => {
			const alerts = async () => {
				const runs = await n8n.executions({ workflowId: ids.failedQualityAlert });
				return runs.flatMap((run) => {
					const out = (run.data as unknown as { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: { text: string } }>> } }>> } })
						.resultData.runData['Alert message (stand-in for Slack)'];
					return (out?.[0]?.data?.main[0] ?? []).map((item) => item.json.text);
				});
			};
			const t0 = Date.now();
			const texts = await until('two failed-part alerts', async () => {
				const found = await alerts();
				return found.length >= 2 ? found : undefined;
			}, 200_000, 2000);
			figures.qualityToAlertMs = Date.now() - t0;
			expect(texts.map((t) => /part (A-\d+)/.exec(t)?.[1]).sort()).toEqual(['A-1003', 'A-1005']);
			expect(texts[0]).toContain('(line-a-camera-1)');
		}, 240000);

		it('running it again overwrites the same events (deduplication keys)', async () => {
			const before = visionEvents().length;
			const execution = await runFrom(ids.qualityAndInventory, 'Run now', 1);
			expect(execution.status).toBe('success');
			expect(visionEvents().length).toBe(before);
		});
	});
});

describe('npm start (scripts/start.sh)', () => {
	it('prints the editor URL and one line per execution, then stops by itself with DEMO_MAX_DETECTIONS=2', async () => {
		const [n8nPort, sandboxPort, brokerPort] = await freePorts(3);
		const devHome = mkdtempSync(join(tmpdir(), 'n8n-start-e2e-'));
		const t0 = Date.now();
		const env: Record<string, string> = {
			...(process.env as Record<string, string>),
			DEMO_MAX_DETECTIONS: '2',
			DEMO_INTERVAL_MS: '2000',
			N8N_PORT: String(n8nPort),
			SANDBOX_PORT: String(sandboxPort),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			DEV_HOME: devHome,
		};
		for (const name of ['NODE_OPTIONS', 'JEST_WORKER_ID', 'NODE_ENV', 'VIDEODB_API_KEY', 'ROBOFLOW_API_KEY', 'WEBHOOK_URL', 'N8N_WEBHOOK_URL']) {
			delete env[name];
		}
		const child = spawn('bash', ['scripts/start.sh'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const killer = setTimeout(() => child.kill('SIGTERM'), 240000);
		const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
		clearTimeout(killer);
		figures.npmStartMs = Date.now() - t0;
		process.stdout.write(`npm start took ${figures.npmStartMs} ms; output:\n${output}\n`);
		if (code === 0) for (const dir of [devHome, `${devHome}.logs`]) rmSync(dir, { recursive: true, force: true });
		expect(code).toBe(0);
		expect(output).toContain(`n8n editor:  http://127.0.0.1:${n8nPort}/workflow/`);
		expect(output).toContain('login:       ');
		const lines = output.split('\n').filter((l) => /execution #\d+: /.test(l));
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/person_on_dock 0\.93 → Roboflow vision event [0-9a-f-]{36}.*delivered twice/);
		expect(lines[1]).toMatch(/person_on_dock 0\.42 → filtered \(confidence 0\.42 < 0\.8\)/);
		expect(await fetch(`http://127.0.0.1:${n8nPort}/healthz`).catch(() => 'down')).toBe('down');
	}, 300000);
});

/**
 * The VideoDB Alert Trigger inside a real n8n (2.41.1; N8N_VERSION=1.123.x for the last 1.x line, where
 * activation ends inside the request and the harness reports it as a publication status), against the
 * sandbox. n8n reaches the sandbox at 127.0.0.1 (credential base URL) and the sandbox's detections
 * reach n8n's webhook URL at 127.0.0.1 (N8N_WEBHOOK_URL). Figures (counts, timings) are printed at the end.
 * Every test imports a workflow of its own (a fresh webhook id) on a freshly reset sandbox, unpublished
 * afterwards. "Nothing was started" is read off n8n's execution list once a later, valid callback's
 * execution is there, never after a fixed sleep. E2E_PACKAGE_DIR may point at another built copy of the package (package.json + dist/).
 */
import { randomUUID } from 'node:crypto';

import { deriveToken } from '../../nodes/VideoDbAlertTrigger/token';
import { SANDBOX_KEYS, SEED, startSandbox, type Alert, type Sandbox } from '../../sandbox';
import { REPO_ROOT, startN8n, type ExecutionSummary, type N8n } from './n8n';
import { until } from './until';
import { alertTriggerWorkflow, nodeItems } from './workflows';

// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test, not node code: E2E_PACKAGE_DIR may point at another built copy
const PACKAGE_DIR = process.env.E2E_PACKAGE_DIR ?? REPO_ROOT;
const TRIGGER = 'VideoDB Alert Trigger';
const STREAM = SEED.streams.warehouseDock;
const INDEX = SEED.sceneIndexes.dockActivity;
const FAILING_INDEX = SEED.sceneIndexes.dockSafetyZone;

const figures: Record<string, unknown> = {};
const triggerJson = (execution: ExecutionSummary) => nodeItems(execution, TRIGGER)[0];
const post = async (url: string, body: string, type = 'application/json') =>
	await fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

describe('VideoDB Alert Trigger in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let credential: { id: string; name: string };
	/** Workflows the current test imported; unpublished after it. */
	const imported: string[] = [];

	const alerts = (sceneIndexId: string = INDEX): Alert[] =>
		[...sandbox.state.alerts.values()].filter((a) => a.scene_index_id === sceneIndexId);
	const enabledAlerts = (sceneIndexId: string = INDEX) => alerts(sceneIndexId).filter((a) => a.status === 'enabled');
	const enabledIds = () => enabledAlerts().map((a) => a.alert_id);
	const alertPosts = (sceneIndexId: string = INDEX) =>
		sandbox.requests({ service: 'videodb', method: 'POST', path: `/rtstream/${STREAM}/index/${sceneIndexId}/alert` }).length;
	const statusPatches = (action: string) =>
		sandbox.requests({ service: 'videodb', method: 'PATCH' }).filter((r) => (r.body as { action?: string }).action === action).length;

	/** Imports a trigger workflow (see alertTriggerWorkflow) with a new webhook id; not published. */
	async function importTrigger(options: Parameters<typeof alertTriggerWorkflow>[2] = {}) {
		const webhookId = randomUUID();
		const id = await n8n.importWorkflow(alertTriggerWorkflow(webhookId, credential, options));
		imported.push(id);
		return { id, webhookId, url: `${n8n.webhookBaseUrl}webhook/${webhookId}/alert`, token: deriveToken(SANDBOX_KEYS.videodb, webhookId) };
	}

	/** importTrigger() and publish it; resolves once its alert is enabled in the sandbox. */
	async function publishedTrigger(options: Parameters<typeof importTrigger>[0] = {}) {
		const workflow = await importTrigger(options);
		await n8n.activate(workflow.id);
		const alert = await until('an enabled alert', () => enabledAlerts(options.sceneIndexId).find((a) => a.callback_url?.includes(workflow.webhookId)));
		return { ...workflow, alert };
	}

	/** Sends one detection through `alert` and waits for the `n`-th execution of `workflowId`; returns all, oldest first. */
	async function detectAndWait(alert: Alert, workflowId: string, n: number) {
		const { deliveries } = await sandbox.detect({ alert_id: alert.alert_id });
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		return { payload: deliveries[0].payload!, executions: await n8n.waitForExecutions(workflowId, n) };
	}

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		n8n = await startN8n({ packageDir: PACKAGE_DIR });
		figures.n8nStartupMs = (n8n as unknown as { startupMs?: number }).startupMs;
		const data = { apiKey: SANDBOX_KEYS.videodb, baseUrl: sandbox.videodbUrl };
		credential = { id: await n8n.createCredential('videoDbApi', 'VideoDB sandbox', data), name: 'VideoDB sandbox' };
	});

	beforeEach(() => sandbox.reset());

	afterEach(async () => {
		sandbox.clearFaults();
		for (const id of imported.splice(0)) {
			if ((await n8n.publicationStatus(id)).status !== 'not_published') await n8n.deactivate(id);
		}
	});

	afterAll(async () => {
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test, not node code: prints the figures
		process.stdout.write(`VideoDB Alert Trigger e2e figures: ${JSON.stringify(figures, null, 2)}\n`);
		await n8n?.stop();
		await sandbox?.close();
	});

	it('activation registers exactly one alert whose callback is the production URL with the token', async () => {
		const { id, url, token } = await importTrigger();
		const t0 = Date.now();
		await n8n.activate(id);
		figures.firstActivationMs = Date.now() - t0;
		const registered = await until('an enabled alert', () => enabledAlerts()[0]);
		expect(alerts()).toHaveLength(1);
		expect(registered.callback_url).toBe(`${url}?token=${token}`);
		expect(registered.event_id).toBe(SEED.events.personOnDock);
		expect(url.startsWith('http://127.0.0.1:')).toBe(true);
		const saved = await n8n.getWorkflow(id);
		expect(saved.staticData?.[`node:${TRIGGER}`]).toMatchObject({ alertId: registered.alert_id, streamId: STREAM, sceneIndexId: INDEX });
	});

	it('a detection starts one execution with the payload and the alert id', async () => {
		const { id, alert } = await publishedTrigger();
		const t0 = Date.now();
		const { deliveries } = await sandbox.detect({ alert_id: alert.alert_id, confidence: 0.93, playerUrl: false });
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		const [execution] = await n8n.waitForExecutions(id, 1);
		figures.detectionToExecutionMs = Date.now() - t0;
		expect(execution.mode).toBe('webhook');
		expect(execution.status).toBe('success');
		const payload = deliveries[0].payload!;
		const dedupe_key = `${String(payload.event_id)}|${String(payload.timestamp)}`;
		expect(triggerJson(execution)).toEqual({ ...payload, alert_id: alert.alert_id, stream_id: STREAM, scene_index_id: INDEX, dedupe_key });
		expect(String(payload.event_id)).toMatch(/^event-/);
		expect(triggerJson(execution)).not.toHaveProperty('player_url');
	});

	it('rejects callbacks without the right token (401) and bodies that are not objects (400), starting nothing', async () => {
		const { id, url, token, alert } = await publishedTrigger();
		const missing = await post(url, JSON.stringify({ event_id: 'event-x', timestamp: 't' }));
		const wrong = await post(`${url}?token=${'0'.repeat(32)}`, JSON.stringify({ event_id: 'event-x' }));
		const text = await post(`${url}?token=${token}`, 'not json', 'text/plain');
		const array = await post(`${url}?token=${token}`, '[1,2]');
		const malformed = await post(`${url}?token=${token}`, '{"event_id": ');
		expect([missing.status, wrong.status, text.status, array.status, malformed.status]).toEqual([401, 401, 400, 400, 422]);
		expect(await missing.json()).toEqual({ message: 'Missing or wrong token in the callback URL' });
		expect(await text.json()).toEqual({ message: 'The callback body must be a JSON object' });
		// All five were answered; a valid detection sent after them must be the workflow's only execution.
		const { payload } = await detectAndWait(alert, id, 1);
		const started = (await n8n.executions({ workflowId: id })).map(triggerJson);
		expect(started).toHaveLength(1);
		expect(started[0].timestamp).toBe(payload.timestamp);
	});

	it('a duplicated delivery (at-least-once) starts one execution', async () => {
		const { id, alert } = await publishedTrigger();
		const { deliveries } = await sandbox.detect({ alert_id: alert.alert_id, times: 2, timeFormat: 'number' });
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		expect(deliveries[1].body).toEqual({ received: true, duplicate: true });
		// The repeat was answered; a new detection after it must be the second and last execution.
		const later = await detectAndWait(alert, id, 2);
		const started = (await n8n.executions({ workflowId: id })).map(triggerJson);
		expect(started).toHaveLength(2);
		expect(later.executions.map((e) => triggerJson(e).timestamp)).toEqual([deliveries[0].payload!.timestamp, later.payload.timestamp]);
		expect(typeof triggerJson(later.executions[0]).start_time).toBe('number');
		figures.duplicate = { deliveries: deliveries.length, executions: started.length - 1 };
	});

	it('deactivation disables the alert; re-activation re-enables the same one without a second create', async () => {
		const { id, url, token, alert } = await publishedTrigger();
		await n8n.deactivate(id);
		await until('the alert disabled', () => (enabledAlerts().length === 0 ? true : undefined));
		const after = await post(`${url}?token=${token}`, '{}');
		expect(after.status).toBe(404);

		await n8n.activate(id);
		const again = await until('the alert enabled', () => enabledAlerts()[0]);
		expect(again.alert_id).toBe(alert.alert_id);
		expect(alerts()).toHaveLength(1);
		expect(alertPosts()).toBe(1);
	});

	it('"listen for test event" registers the test URL, receives one call and unregisters', async () => {
		const { id, webhookId, token, alert } = await publishedTrigger();
		const started = await n8n.runManually(id, { triggerToStartFrom: { name: TRIGGER } });
		expect(started.waitingForWebhook).toBe(true);
		const testUrl = `${n8n.webhookBaseUrl}webhook-test/${webhookId}/alert?token=${token}`;
		const testAlert = await until('the test alert', () => enabledAlerts().find((a) => a.callback_url === testUrl));
		expect(enabledAlerts()).toHaveLength(2); // the production alert stays

		const { executions } = await detectAndWait(testAlert, id, 1);
		expect(executions[0].mode).toBe('manual');
		expect(triggerJson(executions[0])).toMatchObject({ alert_id: testAlert.alert_id, stream_id: STREAM });

		await until('the test alert disabled', () =>
			sandbox.state.alerts.get(testAlert.alert_id)?.status === 'disabled' ? true : undefined,
		);
		expect(enabledIds()).toEqual([alert.alert_id]);
	});

	it('20 deactivate/activate cycles leave at most one enabled alert and create nothing new', async () => {
		const { id, alert } = await publishedTrigger();
		const postsBefore = alertPosts();
		const enablesBefore = statusPatches('enable');
		const disablesBefore = statusPatches('disable');
		const durations: number[] = [];
		let maxEnabled = 0;
		for (let cycle = 0; cycle < 20; cycle++) {
			const t0 = Date.now();
			await n8n.deactivate(id);
			await until('disabled', () => (enabledAlerts().length === 0 ? true : undefined));
			await n8n.activate(id);
			await until('enabled', () => (enabledAlerts().length > 0 ? true : undefined));
			durations.push(Date.now() - t0);
			maxEnabled = Math.max(maxEnabled, enabledAlerts().length);
		}
		const enabled = enabledAlerts();
		figures.cycles = {
			cycles: 20,
			newCreates: alertPosts() - postsBefore,
			enables: statusPatches('enable') - enablesBefore,
			disables: statusPatches('disable') - disablesBefore,
			maxEnabledAfterActivation: maxEnabled,
			enabledAtEnd: enabled.length,
			cycleMs: { min: Math.min(...durations), median: durations.sort((a, b) => a - b)[10], max: Math.max(...durations) },
		};
		expect(maxEnabled).toBe(1);
		expect(enabled.map((a) => a.alert_id)).toEqual([alert.alert_id]);
		expect(alertPosts() - postsBefore).toBe(0);
		expect(statusPatches('enable') - enablesBefore).toBe(20);
	});

	it('5 rapid activate/deactivate toggles (no waiting) settle with at most one enabled alert', async () => {
		const { id, alert } = await publishedTrigger();
		const postsBefore = alertPosts();
		for (let i = 0; i < 5; i++) {
			await n8n.deactivate(id);
			await n8n.activate(id, { wait: false });
		}
		const status = await n8n.waitForPublication(id);
		// Settled: a detection through the alert starts an execution, so the trigger n8n now runs owns it.
		const { executions } = await detectAndWait(await until('an enabled alert', () => enabledAlerts()[0]), id, 1);
		const enabled = enabledAlerts();
		figures.rapidToggles = {
			toggles: 5,
			publication: status.status,
			newCreates: alertPosts() - postsBefore,
			enabledAtEnd: enabled.length,
		};
		expect(status.status).toBe('published');
		expect(executions[0].status).toBe('success');
		expect(enabled.map((a) => a.alert_id)).toEqual([alert.alert_id]);
		expect(alertPosts()).toBe(postsBefore);
	});

	it('a failing disable on deactivation is logged by the trigger; re-activation adopts the still-enabled alert', async () => {
		const { id, url, token, alert } = await publishedTrigger();
		const alertId = alert.alert_id;
		sandbox.addFault({ method: 'PATCH', path: `/videodb/rtstream/${STREAM}/index/${INDEX}/alert/${alertId}/status`, times: 10, status: 500 });
		const logFrom = n8n.logs().length;
		const newLog = () => n8n.logs().slice(logFrom);
		await n8n.deactivate(id);
		const logged = await until('the trigger error in the n8n log', () => (newLog().includes(`could not disable alert ${alertId}`) ? true : undefined));
		expect(logged).toBe(true);
		// n8n retries a failed teardown (1 s, 2 s back-off); the fault may go once n8n has given the webhook up.
		await until('n8n giving up the teardown', () => (/Abandoned webhook whose|Could not remove webhooks of workflow/.test(newLog()) ? true : undefined), 30000);
		sandbox.clearFaults();
		const logLine = newLog().split('\n').find((line) => line.includes(`could not disable alert ${alertId}`)) ?? '';
		figures.failedDelete = {
			disableAttempts: statusPatches('disable'),
			publication: (await n8n.publicationStatus(id)).status,
			logLine: logLine.slice(0, 300),
		};
		expect(logLine).toContain(url);
		expect(logLine).not.toContain(token);
		expect(enabledIds()).toEqual([alertId]);

		const postsBefore = alertPosts();
		await n8n.activate(id);
		expect(alertPosts()).toBe(postsBefore);
		expect(enabledIds()).toEqual([alertId]);
	});

	it('a trigger saved at typeVersion 1 registers, receives alerts and checks tokens like 1.1', async () => {
		const index = SEED.sceneIndexes.bayNorthActivity;
		const stream = SEED.streams.loadingBayNorth;
		const { id, url, token, alert } = await publishedTrigger({ typeVersion: 1, streamId: stream, sceneIndexId: index });
		expect(alert.callback_url).toBe(`${url}?token=${token}`);
		const { deliveries } = await sandbox.detect({ alert_id: alert.alert_id, playerUrl: false });
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		const [execution] = await n8n.waitForExecutions(id, 1);
		expect(execution.status).toBe('success');
		const payload = deliveries[0].payload!;
		const dedupe_key = `${String(payload.event_id)}|${String(payload.timestamp)}`;
		expect(triggerJson(execution)).toEqual({ ...payload, alert_id: alert.alert_id, stream_id: stream, scene_index_id: index, dedupe_key });
		const wrong = await post(url, '{"event_id":"x"}');
		expect(wrong.status).toBe(401);
		await n8n.deactivate(id);
		await until('the version-1 alert disabled', () => (enabledAlerts(index).length === 0 ? true : undefined));
	});

	it("a failing create shows the service's message in the publication status", async () => {
		const { id } = await importTrigger({ sceneIndexId: FAILING_INDEX });
		sandbox.addFault({
			method: 'POST',
			path: `/videodb/rtstream/${STREAM}/index/${FAILING_INDEX}/alert`,
			times: 20,
			status: 400,
			body: { success: false, message: 'Scene index is stopped; start it before adding alerts', error_code: 'INDEX_STOPPED' },
		});
		const t0 = Date.now();
		await n8n.activate(id, { wait: false });
		const status = await n8n.waitForPublication(id, 60000);
		figures.failedActivation = {
			ms: Date.now() - t0,
			createAttempts: alertPosts(FAILING_INDEX),
			status: status.status,
			message: status.triggers?.[0]?.errorMessage,
		};
		expect(status.status).toBe('failed');
		expect(status.triggers?.[0]?.errorMessage).toContain('Scene index is stopped; start it before adding alerts');
		expect(enabledAlerts(FAILING_INDEX)).toHaveLength(0);
	});
});

/**
 * The VideoDB Alert Trigger inside a real n8n (2.41.1; N8N_VERSION=1.123.x for the last 1.x line, where
 * activation ends inside the request and the harness reports it as a publication status), against the
 * sandbox. n8n reaches the sandbox at 127.0.0.1 (credential base URL) and the sandbox's detections
 * reach n8n's webhook URL at 127.0.0.1 (N8N_WEBHOOK_URL). Figures (counts, timings) are printed at the end.
 *
 * E2E_PACKAGE_DIR may point at another built copy of the package (package.json + dist/).
 */
import { deriveToken } from '../../nodes/VideoDbAlertTrigger/token';
import { SANDBOX_KEYS, SEED, startSandbox, type Alert, type Sandbox } from '../../sandbox';
import { REPO_ROOT, startN8n, type ExecutionSummary, type N8n } from './n8n';
import { sleep, until } from './until';

// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test, not node code: E2E_PACKAGE_DIR may point at another built copy
const PACKAGE_DIR = process.env.E2E_PACKAGE_DIR ?? REPO_ROOT;
const TYPE = 'n8n-nodes-videodb-roboflow.videoDbAlertTrigger';
const TRIGGER = 'VideoDB Alert Trigger';
const STREAM = SEED.streams.warehouseDock;
const INDEX = SEED.sceneIndexes.dockActivity;
const FAILING_INDEX = SEED.sceneIndexes.dockSafetyZone;
const WEBHOOK_ID = '7d1e5c2a-3b4f-4a6e-9c8d-0e1f2a3b4c5d';
const FAILING_WEBHOOK_ID = '7d1e5c2a-3b4f-4a6e-9c8d-0e1f2a3b4c6e';
const V1_WEBHOOK_ID = '7d1e5c2a-3b4f-4a6e-9c8d-0e1f2a3b4c7f';
const TOKEN = deriveToken(SANDBOX_KEYS.videodb, WEBHOOK_ID);

const figures: Record<string, unknown> = {};

/** Trigger → NoOp; typeVersion 1.1 is what a new node gets, 1 what older saved workflows hold. */
function workflow(
	name: string,
	webhookId: string,
	sceneIndexId: string,
	credential: { id: string; name: string },
	{ typeVersion = 1.1, stream = STREAM }: { typeVersion?: number; stream?: string } = {},
) {
	return {
		name,
		nodes: [
			{
				id: `${webhookId.slice(0, 30)}01`,
				name: TRIGGER,
				type: TYPE,
				typeVersion,
				position: [0, 0],
				webhookId,
				parameters: {
					streamId: { __rl: true, mode: 'id', value: stream },
					sceneIndexId: { __rl: true, mode: 'id', value: sceneIndexId },
					eventSource: 'existing',
					eventId: { __rl: true, mode: 'id', value: SEED.events.personOnDock },
					options: {},
				},
				credentials: { videoDbApi: credential },
			},
			{
				id: `${webhookId.slice(0, 30)}02`,
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}


type RunData = Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>;

function triggerJson(execution: ExecutionSummary): Record<string, unknown> {
	const runData = (execution.data as unknown as { resultData: { runData: RunData } }).resultData.runData;
	return runData[TRIGGER][0].data.main[0][0].json;
}

describe('VideoDB Alert Trigger in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let workflowId: string;
	let prodUrl: string;
	let alertId: string;
	let credential: { id: string; name: string };

	const alerts = (sceneIndexId: string = INDEX): Alert[] =>
		[...sandbox.state.alerts.values()].filter((a) => a.scene_index_id === sceneIndexId);
	const enabledAlerts = (sceneIndexId: string = INDEX) => alerts(sceneIndexId).filter((a) => a.status === 'enabled');
	const alertPosts = (sceneIndexId: string = INDEX) =>
		sandbox.requests({ service: 'videodb', method: 'POST', path: `/rtstream/${STREAM}/index/${sceneIndexId}/alert` }).length;
	const statusPatches = (action: string) =>
		sandbox.requests({ service: 'videodb', method: 'PATCH' }).filter((r) => (r.body as { action?: string }).action === action)
			.length;
	const executionCount = async () => (await n8n.executions({ workflowId })).length;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		n8n = await startN8n({ packageDir: PACKAGE_DIR });
		figures.n8nStartupMs = (n8n as unknown as { startupMs?: number }).startupMs;
		const credentialId = await n8n.createCredential('videoDbApi', 'VideoDB sandbox', {
			apiKey: SANDBOX_KEYS.videodb,
			baseUrl: sandbox.videodbUrl,
		});
		credential = { id: credentialId, name: 'VideoDB sandbox' };
		workflowId = await n8n.importWorkflow(workflow('e2e alert trigger', WEBHOOK_ID, INDEX, credential));
		prodUrl = `${n8n.webhookBaseUrl}webhook/${WEBHOOK_ID}/alert`;
	});

	afterAll(async () => {
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test, not node code: prints the figures
		process.stdout.write(`VideoDB Alert Trigger e2e figures: ${JSON.stringify(figures, null, 2)}\n`);
		await n8n?.stop();
		await sandbox?.close();
	});

	it('activation registers exactly one alert whose callback is the production URL with the token', async () => {
		const t0 = Date.now();
		await n8n.activate(workflowId);
		figures.firstActivationMs = Date.now() - t0;
		const registered = await until('an enabled alert', () => enabledAlerts()[0]);
		expect(alerts()).toHaveLength(1);
		expect(registered.callback_url).toBe(`${prodUrl}?token=${TOKEN}`);
		expect(registered.event_id).toBe(SEED.events.personOnDock);
		expect(prodUrl.startsWith('http://127.0.0.1:')).toBe(true);
		alertId = registered.alert_id;
		const saved = await n8n.getWorkflow(workflowId);
		expect(saved.staticData?.[`node:${TRIGGER}`]).toMatchObject({ alertId, streamId: STREAM, sceneIndexId: INDEX });
	});

	it('a detection starts one execution with the payload and the alert id', async () => {
		const t0 = Date.now();
		const { deliveries } = await sandbox.detect({ alert_id: alertId, confidence: 0.93, playerUrl: false });
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		const [execution] = await n8n.waitForExecutions(workflowId, 1);
		figures.detectionToExecutionMs = Date.now() - t0;
		expect(execution.mode).toBe('webhook');
		expect(execution.status).toBe('success');
		const payload = deliveries[0].payload!;
		const dedupe_key = `${String(payload.event_id)}|${String(payload.timestamp)}`;
		expect(triggerJson(execution)).toEqual({ ...payload, alert_id: alertId, stream_id: STREAM, scene_index_id: INDEX, dedupe_key });
		expect(String(payload.event_id)).toMatch(/^event-/);
		expect(triggerJson(execution)).not.toHaveProperty('player_url');
	});

	it('rejects callbacks without the right token (401) and bodies that are not objects (400), starting nothing', async () => {
		const before = await executionCount();
		const post = async (url: string, body: string, type = 'application/json') =>
			await fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
		const missing = await post(prodUrl, JSON.stringify({ event_id: 'event-x', timestamp: 't' }));
		const wrong = await post(`${prodUrl}?token=${'0'.repeat(32)}`, JSON.stringify({ event_id: 'event-x' }));
		const text = await post(`${prodUrl}?token=${TOKEN}`, 'not json', 'text/plain');
		const array = await post(`${prodUrl}?token=${TOKEN}`, '[1,2]');
		const malformed = await post(`${prodUrl}?token=${TOKEN}`, '{"event_id": ');
		expect([missing.status, wrong.status, text.status, array.status, malformed.status]).toEqual([401, 401, 400, 400, 422]);
		expect(await missing.json()).toEqual({ message: 'Missing or wrong token in the callback URL' });
		expect(await text.json()).toEqual({ message: 'The callback body must be a JSON object' });
		await sleep(1500);
		expect(await executionCount()).toBe(before);
	});

	it('a duplicated delivery (at-least-once) starts one execution', async () => {
		const before = await executionCount();
		const { deliveries } = await sandbox.detect({ alert_id: alertId, times: 2, timeFormat: 'number' });
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		expect(deliveries[1].body).toEqual({ received: true, duplicate: true });
		const all = await n8n.waitForExecutions(workflowId, before + 1);
		await sleep(1500);
		expect(await executionCount()).toBe(before + 1);
		expect(typeof triggerJson(all[all.length - 1]).start_time).toBe('number');
		figures.duplicate = { deliveries: deliveries.length, executions: (await executionCount()) - before };
	});

	it('deactivation disables the alert; re-activation re-enables the same one without a second create', async () => {
		await n8n.deactivate(workflowId);
		await until('the alert disabled', () => (enabledAlerts().length === 0 ? true : undefined));
		const after = await fetch(`${prodUrl}?token=${TOKEN}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
		expect(after.status).toBe(404);

		await n8n.activate(workflowId);
		const again = await until('the alert enabled', () => enabledAlerts()[0]);
		expect(again.alert_id).toBe(alertId);
		expect(alerts()).toHaveLength(1);
		expect(alertPosts()).toBe(1);
	});

	it('"listen for test event" registers the test URL, receives one call and unregisters', async () => {
		const before = await executionCount();
		const started = await n8n.runManually(workflowId, { triggerToStartFrom: { name: TRIGGER } });
		expect(started.waitingForWebhook).toBe(true);
		const testUrl = `${n8n.webhookBaseUrl}webhook-test/${WEBHOOK_ID}/alert?token=${TOKEN}`;
		const testAlert = await until('the test alert', () => enabledAlerts().find((a) => a.callback_url === testUrl));
		expect(enabledAlerts()).toHaveLength(2); // the production alert stays

		const { deliveries } = await sandbox.detect({ alert_id: testAlert.alert_id });
		expect(deliveries[0].status).toBe(200);
		const all = await n8n.waitForExecutions(workflowId, before + 1);
		const manual = all[all.length - 1];
		expect(manual.mode).toBe('manual');
		expect(triggerJson(manual)).toMatchObject({ alert_id: testAlert.alert_id, stream_id: STREAM });

		await until('the test alert disabled', () =>
			sandbox.state.alerts.get(testAlert.alert_id)?.status === 'disabled' ? true : undefined,
		);
		expect(enabledAlerts().map((a) => a.alert_id)).toEqual([alertId]);
	});

	it('20 deactivate/activate cycles leave at most one enabled alert and create nothing new', async () => {
		const postsBefore = alertPosts();
		const enablesBefore = statusPatches('enable');
		const disablesBefore = statusPatches('disable');
		const durations: number[] = [];
		let maxEnabled = 0;
		for (let cycle = 0; cycle < 20; cycle++) {
			const t0 = Date.now();
			await n8n.deactivate(workflowId);
			await until('disabled', () => (enabledAlerts().every((a) => a.callback_url?.includes('/webhook-test/')) ? true : undefined));
			await n8n.activate(workflowId);
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
		expect(enabled.map((a) => a.alert_id)).toEqual([alertId]);
		expect(alertPosts() - postsBefore).toBe(0);
		expect(statusPatches('enable') - enablesBefore).toBe(20);
	});

	it('5 rapid activate/deactivate toggles (no waiting) settle with at most one enabled alert', async () => {
		const postsBefore = alertPosts();
		for (let i = 0; i < 5; i++) {
			await n8n.deactivate(workflowId);
			await n8n.activate(workflowId, { wait: false });
		}
		const status = await n8n.waitForPublication(workflowId);
		await sleep(2000);
		const enabled = enabledAlerts();
		figures.rapidToggles = {
			toggles: 5,
			publication: status.status,
			newCreates: alertPosts() - postsBefore,
			enabledAtEnd: enabled.length,
		};
		expect(status.status).toBe('published');
		expect(enabled.map((a) => a.alert_id)).toEqual([alertId]);
		expect(alertPosts()).toBe(postsBefore);
	});

	it('a failing disable on deactivation is logged by the trigger; re-activation adopts the still-enabled alert', async () => {
		const path = `/videodb/rtstream/${STREAM}/index/${INDEX}/alert/${alertId}/status`;
		sandbox.addFault({ method: 'PATCH', path, times: 10, status: 500 });
		const patchesBefore = statusPatches('disable');
		await n8n.deactivate(workflowId);
		const logged = await until('the trigger error in the n8n log', () =>
			n8n.logs().includes(`could not disable alert ${alertId}`) ? true : undefined,
		);
		expect(logged).toBe(true);
		await sleep(4000); // n8n retries a failed teardown (1 s, 2 s back-off)
		sandbox.clearFaults();
		const attempts = statusPatches('disable') - patchesBefore;
		const logLine = n8n.logs().split('\n').find((line) => line.includes(`could not disable alert ${alertId}`)) ?? '';
		figures.failedDelete = {
			disableAttempts: attempts,
			publication: (await n8n.publicationStatus(workflowId)).status,
			logLine: logLine.slice(0, 300),
		};
		expect(logLine).toContain(prodUrl);
		expect(logLine).not.toContain(TOKEN);
		expect(enabledAlerts().map((a) => a.alert_id)).toEqual([alertId]);

		const postsBefore = alertPosts();
		await n8n.activate(workflowId);
		expect(alertPosts()).toBe(postsBefore);
		expect(enabledAlerts().map((a) => a.alert_id)).toEqual([alertId]);
	});

	it('a trigger saved at typeVersion 1 registers, receives alerts and checks tokens like 1.1', async () => {
		const index = SEED.sceneIndexes.bayNorthActivity;
		const stream = SEED.streams.loadingBayNorth;
		const v1Id = await n8n.importWorkflow(workflow('e2e alert trigger v1', V1_WEBHOOK_ID, index, credential, { typeVersion: 1, stream }));
		await n8n.activate(v1Id);
		const alert = await until('an enabled alert for the version-1 trigger', () => enabledAlerts(index)[0]);
		const url = `${n8n.webhookBaseUrl}webhook/${V1_WEBHOOK_ID}/alert`;
		expect(alert.callback_url).toBe(`${url}?token=${deriveToken(SANDBOX_KEYS.videodb, V1_WEBHOOK_ID)}`);
		const { deliveries } = await sandbox.detect({ alert_id: alert.alert_id, playerUrl: false });
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		const [execution] = await n8n.waitForExecutions(v1Id, 1);
		expect(execution.status).toBe('success');
		const payload = deliveries[0].payload!;
		const dedupe_key = `${String(payload.event_id)}|${String(payload.timestamp)}`;
		expect(triggerJson(execution)).toEqual({ ...payload, alert_id: alert.alert_id, stream_id: stream, scene_index_id: index, dedupe_key });
		const wrong = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event_id":"x"}' });
		expect(wrong.status).toBe(401);
		await n8n.deactivate(v1Id);
		await until('the version-1 alert disabled', () => (enabledAlerts(index).length === 0 ? true : undefined));
	});

	it("a failing create shows the service's message in the publication status", async () => {
		const failingId = await n8n.importWorkflow(workflow('e2e failing trigger', FAILING_WEBHOOK_ID, FAILING_INDEX, credential));
		sandbox.addFault({
			method: 'POST',
			path: `/videodb/rtstream/${STREAM}/index/${FAILING_INDEX}/alert`,
			times: 20,
			status: 400,
			body: { success: false, message: 'Scene index is stopped; start it before adding alerts', error_code: 'INDEX_STOPPED' },
		});
		const t0 = Date.now();
		await n8n.activate(failingId, { wait: false });
		const status = await n8n.waitForPublication(failingId, 60000);
		figures.failedActivation = {
			ms: Date.now() - t0,
			createAttempts: alertPosts(FAILING_INDEX),
			status: status.status,
			message: status.triggers?.[0]?.errorMessage,
		};
		expect(status.status).toBe('failed');
		expect(status.triggers?.[0]?.errorMessage).toContain('Scene index is stopped; start it before adding alerts');
		expect(enabledAlerts(FAILING_INDEX)).toHaveLength(0);
		sandbox.clearFaults();
		await n8n.deactivate(failingId);
	});
});

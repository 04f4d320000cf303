/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test, not node code: removes the n8n user folder unless E2E_KEEP, prints the figures */
/**
 * The example workflow (VideoDB alert → Roboflow vision event) in a real n8n 2.41.1 through what
 * happens in production: an n8n restart on the same user folder and port, and a change of the
 * VideoDB API key in the credential while the workflow stays published. Figures are printed at the
 * end: how long callbacks are refused during the restart, how long n8n answers 404 once it
 * listens again, and when /healthz and /healthz/readiness report it up.
 */
import { rmSync } from 'node:fs';

import { eventIdFromKey } from '../../nodes/Roboflow/eventId';
import { deriveToken } from '../../nodes/VideoDbAlertTrigger/token';
import { SANDBOX_KEYS, startSandbox, type Alert, type Sandbox } from '../../sandbox';
import { ALERT_EXAMPLE, CREDENTIAL_NAMES, EXAMPLE_FILES, loadExample, nodeOutput } from '../../scripts/demo-lib';
import { startN8n, type N8n } from './n8n';
import { sleep, until } from './until';

const figures: Record<string, unknown> = {};

/** An HTTP status, or what went wrong instead ('refused' = connection refused). */
type Outcome = number | string;

async function outcome(request: Promise<Response>): Promise<Outcome> {
	try {
		const res = await request;
		await res.arrayBuffer();
		return res.status;
	} catch (error) {
		const code = (error as { cause?: { code?: string } }).cause?.code;
		return code === 'ECONNREFUSED' ? 'refused' : (code ?? (error as Error).name);
	}
}

/**
 * Samples n8n's liveness (/healthz), readiness and the trigger's webhook (with a wrong token: 401
 * once the webhook is served, 404 before, and no execution either way) until stopped.
 */
function probe(baseUrl: string, webhookUrl: string) {
	const samples: Array<{ at: number; health: Outcome; readiness: Outcome; webhook: Outcome }> = [];
	let running = true;
	const loop = (async () => {
		while (running) {
			const at = Date.now();
			const health = await outcome(fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) }));
			const readiness = await outcome(fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) }));
			const webhook = await outcome(
				fetch(`${webhookUrl}?token=${'0'.repeat(32)}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '{}',
					signal: AbortSignal.timeout(2000),
				}),
			);
			samples.push({ at, health, readiness, webhook });
			await sleep(100);
		}
	})();
	return {
		samples,
		async stop() {
			running = false;
			await loop;
		},
	};
}

describe('the alert example through an n8n restart and an API key change', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let userFolder: string;
	let workflowId: string;
	let videoDbCredentialId: string;
	let webhookUrl: string;
	let alert: Alert;
	let firstPayload: Record<string, unknown>;
	let firstEventId: string;

	const example = loadExample(EXAMPLE_FILES.alertToRoboflow);
	const webhookId = String(example.nodes.find((node) => node.name === ALERT_EXAMPLE.trigger)?.webhookId);
	const oldToken = deriveToken(SANDBOX_KEYS.videodb, webhookId);
	const newToken = deriveToken(SANDBOX_KEYS.videodbSecond, webhookId);
	const ourAlerts = () => [...sandbox.state.alerts.values()].filter((a) => a.callback_url?.startsWith(webhookUrl));
	const enabled = () => ourAlerts().filter((a) => a.status === 'enabled');
	const executionCount = async () => (await n8n.executions({ workflowId })).length;
	const post = async (url: string, body: unknown) =>
		await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		// Kept at stop(): the restart starts on the same folder; afterAll removes it.
		n8n = await startN8n({ keepUserFolder: true });
		userFolder = n8n.userFolder;
		videoDbCredentialId = await n8n.createCredential('videoDbApi', CREDENTIAL_NAMES.videoDbApi, {
			apiKey: SANDBOX_KEYS.videodb,
			baseUrl: sandbox.videodbUrl,
		});
		await n8n.createCredential('roboflowApi', CREDENTIAL_NAMES.roboflowApi, {
			apiKey: SANDBOX_KEYS.roboflow,
			baseUrl: sandbox.roboflowUrl,
		});
		workflowId = await n8n.importWorkflow(example);
		webhookUrl = `${n8n.webhookBaseUrl}webhook/${webhookId}/alert`;
	});

	afterAll(async () => {
		process.stdout.write(`restart / key change e2e figures: ${JSON.stringify(figures, null, 2)}\n`);
		await n8n?.stop();
		await sandbox?.close();
		if (userFolder && process.env.E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	});

	it('publishing registers one alert; a detection becomes one vision event, its repeat is caught in memory', async () => {
		await n8n.activate(workflowId);
		alert = await until('the enabled alert', () => enabled()[0]);
		expect(alert.callback_url).toBe(`${webhookUrl}?token=${oldToken}`);

		const { deliveries } = await sandbox.detect({ alert_id: alert.alert_id, confidence: 0.93, times: 2 });
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		expect(deliveries[1].body).toEqual({ received: true, duplicate: true });
		const [execution] = await n8n.waitForExecutions(workflowId, 1);
		firstPayload = deliveries[0].payload!;
		const dedupeKey = `${String(firstPayload.event_id)}|${String(firstPayload.timestamp)}`;
		expect(nodeOutput(execution.data, ALERT_EXAMPLE.trigger)).toMatchObject({ dedupe_key: dedupeKey });
		firstEventId = eventIdFromKey(dedupeKey);
		expect(nodeOutput(execution.data, ALERT_EXAMPLE.roboflow)).toMatchObject({ eventId: firstEventId, created: true });
		expect([...sandbox.state.visionEvents.keys()]).toEqual([firstEventId]);
	});

	it('a restart leaves the alert alone; callbacks are refused, then answered 404 until n8n serves webhooks again', async () => {
		sandbox.clearRequests();
		const port = n8n.port;
		const probes = probe(n8n.baseUrl, webhookUrl);
		const t0 = Date.now();
		await n8n.stop();
		const stoppedAt = Date.now();
		n8n = await startN8n({ port, userFolder });
		const startedAt = Date.now();
		// The webhook answers before /healthz/readiness turns 200 (by 0.7-2 s here): wait for both.
		const since = (s: (typeof probes.samples)[number]) => s.at > stoppedAt;
		await until(
			'the webhook registered again (401 to a wrong token) and n8n ready',
			() => (probes.samples.some((s) => since(s) && s.webhook === 401) && probes.samples.some((s) => since(s) && s.readiness === 200) ? true : undefined),
			60000,
		);
		await probes.stop();

		const samples = probes.samples.filter((s) => s.at >= t0);
		const refused = samples.filter((s) => s.webhook === 'refused');
		const lastRefused = refused.at(-1)?.at ?? t0;
		const after = samples.filter((s) => s.at > lastRefused);
		const liveAt = after.find((s) => s.health === 200)?.at;
		const readyAt = after.find((s) => s.readiness === 200)?.at;
		const registeredAt = after.find((s) => s.webhook === 401)?.at;
		const notFound = after.filter((s) => s.webhook === 404);
		// Every change of what the probes see, as [ms since SIGTERM, /healthz, /healthz/readiness, webhook].
		const outcomes = (s: (typeof samples)[number]) => [s.health, s.readiness, s.webhook].join();
		const timeline = samples
			.filter((s, i) => i === 0 || outcomes(s) !== outcomes(samples[i - 1]))
			.map((s) => [s.at - t0, s.health, s.readiness, s.webhook]);
		figures.restart = {
			stopMs: stoppedAt - t0,
			startMs: startedAt - stoppedAt,
			n8nReadyMs: n8n.readyMs,
			callbacksRefusedMs: refused.length ? lastRefused - refused[0].at : 0,
			notFoundMs: notFound.length && registeredAt ? registeredAt - notFound[0].at : 0,
			notFoundAfterHealthzMs: liveAt && registeredAt ? Math.max(0, registeredAt - liveAt) : null,
			notFoundAfterReadyMs: readyAt && registeredAt ? Math.max(0, registeredAt - readyAt) : null,
			registeredMinusReadyMs: readyAt && registeredAt ? registeredAt - readyAt : null,
			callbacksLostMs: registeredAt ? registeredAt - t0 : null,
			timeline,
			videoDbRequests: sandbox.requests({ service: 'videodb' }).map((r) => `${r.method} ${r.path}`),
		};
		expect(refused.length).toBeGreaterThan(0);
		expect(readyAt).toBeDefined();
		// Nothing re-registered: n8n calls none of the trigger's hooks on a restart.
		expect(sandbox.requests({ service: 'videodb', method: 'POST' })).toHaveLength(0);
		expect(sandbox.requests({ service: 'videodb', method: 'PATCH' })).toHaveLength(0);
		expect(enabled()).toEqual([alert]);
	});

	it('a repeat of a pre-restart detection starts a second execution; Roboflow still holds one vision event for it', async () => {
		const writesBefore = sandbox.requests({ service: 'roboflow', method: 'POST', path: '/vision-events' }).length;
		const repeat = await post(alert.callback_url!, firstPayload);
		expect(repeat.status).toBe(200);
		const executions = await n8n.waitForExecutions(workflowId, 2);
		const second = executions[1];
		expect(second.status).toBe('success');
		expect(nodeOutput(second.data, ALERT_EXAMPLE.roboflow)).toMatchObject({ eventId: firstEventId });
		expect(sandbox.requests({ service: 'roboflow', method: 'POST', path: '/vision-events' }).length).toBe(writesBefore + 1);
		expect([...sandbox.state.visionEvents.keys()]).toEqual([firstEventId]);
		figures.repeatAfterRestart = { executions: executions.length, visionEvents: sandbox.state.visionEvents.size };
	});

	it('after the API key changes, callbacks to the registered alert keep starting executions once the token cache holds only the new key', async () => {
		const saved = await n8n.getCredential(videoDbCredentialId);
		// What the editor's credential modal sends on save.
		await n8n.rest('PATCH', `/credentials/${videoDbCredentialId}`, {
			id: saved.id,
			name: saved.name,
			type: saved.type,
			data: { apiKey: SANDBOX_KEYS.videodbSecond, baseUrl: sandbox.videodbUrl },
		});
		const changedAt = Date.now();
		expect(await n8n.testCredential(videoDbCredentialId)).toMatchObject({ status: 'OK' });
		const before = await executionCount();

		// A callback with a wrong token makes the trigger read the credential again (nodes/VideoDbAlertTrigger/
		// tokenCache.ts), so from then on the process remembers only the new key's token, as it would once
		// TOKEN_TTL_MS had passed: the old key's token can pass only as the token registered at publication.
		expect((await post(`${webhookUrl}?token=${'0'.repeat(32)}`, { event_id: 'forged', timestamp: 'forged' })).status).toBe(401);
		const { deliveries } = await sandbox.detect({ alert_id: alert.alert_id, confidence: 0.91 });
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		const executions = await n8n.waitForExecutions(workflowId, before + 1);
		expect(executions.at(-1)!.status).toBe('success');
		expect(enabled()).toEqual([alert]);
		figures.keyChange = { waitedMs: Date.now() - changedAt, oldTokenStatus: deliveries[0].status };
	}, 120000);

	it('unpublish + publish moves the alert to the new token; the old token gets 401 from then on', async () => {
		await n8n.deactivate(workflowId);
		await n8n.activate(workflowId);
		const moved = await until('the alert with the new token', () => enabled()[0]);
		expect(enabled()).toHaveLength(1);
		expect(moved.callback_url).toBe(`${webhookUrl}?token=${newToken}`);
		expect(sandbox.state.alerts.get(alert.alert_id)!.status).toBe('disabled');
		const saved = await n8n.getWorkflow(workflowId);
		expect(saved.staticData?.[`node:${ALERT_EXAMPLE.trigger}`]).toMatchObject({ callbackUrl: moved.callback_url });

		const before = await executionCount();
		const old = await post(`${webhookUrl}?token=${oldToken}`, { ...firstPayload, timestamp: 'after-the-move' });
		expect(old.status).toBe(401);
		const { deliveries } = await sandbox.detect({ alert_id: moved.alert_id, confidence: 0.95 });
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		const executions = await n8n.waitForExecutions(workflowId, before + 1);
		expect(executions).toHaveLength(before + 1);
		figures.afterMove = { oldTokenStatus: old.status, newAlertStatus: deliveries[0].status };
	});
});

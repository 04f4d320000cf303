/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test, not node code: signals a process, removes its user folder, prints figures */
/**
 * `kill -9` of a single n8n process in the middle of a burst of alerts, then a restart on the same user
 * folder: with the example "Recover unfinished VideoDB alerts" published next to the alert example,
 * every detection n8n acknowledged (HTTP 200) ends as exactly one Roboflow vision event. n8n marks the
 * executions it was running `crashed` at the restart, their input intact; the recovery retries them.
 * Detections n8n never acknowledged are delivered again, as VideoDB delivers at least once.
 */
import { rmSync } from 'node:fs';

import { allExecutions, n8nMainPid } from '../../bench/measure';
import { SANDBOX_KEYS, SEED, startSandbox, type Sandbox } from '../../sandbox';
import { CREDENTIAL_NAMES, EXAMPLE_FILES, loadExample, withSettings } from '../../scripts/demo-lib';
import { deliver, detectionIn, plan, storedByDetection } from '../queue/deliveries';
import { startN8n, type N8n } from './n8n';
import { until } from './until';

const DETECTIONS = 200;
/** The detection a payload of test/queue/deliveries.ts stands for (`crash-17`). */
const detectionOf = (payload: Record<string, unknown>) => detectionIn(payload.explanation)!;
const figures: Record<string, unknown> = {};

describe('kill -9 of a single n8n process mid-burst, then a restart', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let userFolder: string;
	let alertWorkflowId: string;
	let recoveryId: string;

	beforeAll(async () => {
		// Each Roboflow answer takes 2 s: n8n answers a callback once its execution started, so the kill
		// finds executions it acknowledged still waiting on Roboflow.
		sandbox = await startSandbox({ port: 0, latencyMs: 2000 });
		n8n = await startN8n({ keepUserFolder: true });
		userFolder = n8n.userFolder;
		await n8n.createCredential('videoDbApi', CREDENTIAL_NAMES.videoDbApi, { apiKey: SANDBOX_KEYS.videodb, baseUrl: sandbox.videodbUrl });
		await n8n.createCredential('roboflowApi', CREDENTIAL_NAMES.roboflowApi, { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl });
		const apiUrl = `${n8n.baseUrl}/api/v1`;
		await n8n.createCredential('n8nApi', CREDENTIAL_NAMES.n8nApi, { apiKey: await n8n.ensureApiKey(), baseUrl: apiUrl });
		alertWorkflowId = await n8n.importWorkflow(loadExample(EXAMPLE_FILES.alertToRoboflow));
		const recovery = withSettings(loadExample(EXAMPLE_FILES.recoverAlerts), 'Settings', { n8nApiUrl: apiUrl, alertWorkflowId });
		await n8n.activate(alertWorkflowId);
		recoveryId = await n8n.importWorkflow(recovery);
		await n8n.activate(recoveryId);
	});

	afterAll(async () => {
		process.stdout.write(`crash e2e figures: ${JSON.stringify(figures, null, 2)}\n`);
		await n8n?.stop();
		await sandbox?.close();
		if (userFolder && process.env.E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	});

	it(`${DETECTIONS} detections, n8n killed after 40: every acknowledged one becomes one vision event after the restart`, async () => {
		const alert = [...sandbox.state.alerts.values()].find((a) => a.status === 'enabled' && a.scene_index_id === SEED.sceneIndexes.dockActivity)!;
		const stored = () => storedByDetection(sandbox, 'crash');
		const sending = deliver(plan(SEED.events.personOnDock, 'crash', DETECTIONS, 1, 0), [alert.callback_url!], 20);
		await until('40 detections stored', () => (stored().size >= 40 ? true : undefined), 120_000);
		const port = n8n.port;
		process.kill(n8nMainPid(n8n), 'SIGKILL');
		const killedAt = Date.now();
		const report = await sending;
		const storedAtKillIds = new Set(stored().keys());
		const storedAtKill = storedAtKillIds.size;

		n8n = await startN8n({ port, userFolder, keepUserFolder: true });
		const restartedAt = Date.now();
		// What n8n acknowledged is n8n's to finish: the recovery workflow retries what the restart marked crashed.
		const unanswered = new Set(report.unanswered.map(detectionOf));
		const acknowledged = plan(SEED.events.personOnDock, 'crash', DETECTIONS, 1, 0).map((d) => detectionOf(d.payload)).filter((id) => !unanswered.has(id));
		const recovery = async () => (await allExecutions(n8n, recoveryId)).map((e) => `${e.id}:${e.status}`).join(' ');
		await until('every acknowledged detection stored', () => (acknowledged.every((id) => stored().has(id)) ? true : undefined), 180_000, 500).catch(
			async (error: Error) => Promise.reject(new Error(`${error.message}; recovery runs: ${await recovery()}`)),
		);
		const recoveredMs = Date.now() - restartedAt;
		const crashed = await until('every crashed execution retried', async () => {
			const all = (await allExecutions(n8n, alertWorkflowId)).filter((e) => e.status === 'crashed');
			return all.every((e) => e.retrySuccessId) ? all : undefined;
		}, 120_000, 1000);

		// What it never acknowledged, VideoDB delivers again.
		const again = await deliver(report.unanswered.map((payload) => ({ payload, target: 0 })), [alert.callback_url!], 10);
		expect(again.statuses).toEqual({ 200: report.unanswered.length });
		await until('every detection stored', () => (stored().size === DETECTIONS ? true : undefined), 120_000);

		const counts = [...stored().values()];
		figures.crash = {
			detections: DETECTIONS,
			acknowledged: acknowledged.length,
			acknowledgedNotStoredAtKill: acknowledged.filter((id) => !storedAtKillIds.has(id)).length,
			unansweredAtKill: report.unanswered.length,
			storedAtKill,
			crashedAtRestart: crashed.length,
			retriedSuccessfully: crashed.filter((e) => e.retrySuccessId).length,
			restartMs: restartedAt - killedAt,
			acknowledgedRecoveredMsAfterRestart: recoveredMs,
			visionEvents: stored().size,
			duplicated: counts.filter((n) => n > 1).length,
		};
		expect(crashed.length).toBeGreaterThan(0);
		expect(acknowledged.filter((id) => !storedAtKillIds.has(id)).length).toBeGreaterThan(0);
		expect(stored().size).toBe(DETECTIONS);
		expect(counts.every((n) => n === 1)).toBe(true);
	}, 600_000);
});

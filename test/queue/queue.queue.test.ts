/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test, not node code: environment, stdout and a file for the figures */
/**
 * The example "VideoDB alert → Roboflow vision event" in n8n queue mode: main (production webhooks
 * off), 2 workers, 2 webhook processors, Postgres 17, Redis, nginx hashing on the URL, and the
 * sandbox for both APIs. Deliveries go straight to one webhook processor or the other (as a
 * round-robin balancer would) or through nginx. Figures are printed at the end and written to
 * .cache/e2e-logs/queue-figures.json.
 *
 * QUEUE_DETECTIONS (default 2000) sets the size of the direct-routing run; the path-hash run uses half.
 * One file on purpose: every test runs on the one cluster (starting one takes 25-60 s on 2 cores).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { allExecutions, executionCount } from '../../bench/measure';
import { SANDBOX_KEYS, SEED, startSandbox, type Alert, type Sandbox } from '../../sandbox';
import { CREDENTIAL_NAMES, EXAMPLE_FILES, loadExample, withSettings } from '../../scripts/demo-lib';
import { until } from '../e2e/until';
import { REPO_ROOT, type ExecutionSummary, type N8n } from '../e2e/n8n';
import { nodeItems, triggerWorkflow } from '../e2e/workflows';
import { startCluster, type Cluster } from './cluster';
import { deliver, plan, storedByDetection, type Detection } from './deliveries';

const DETECTIONS = Number(process.env.QUEUE_DETECTIONS ?? 2000);
/**
 * A worker's lease on a job (QUEUE_WORKER_LOCK_DURATION, n8n's default 60 s): once it lapses n8n fails
 * the execution and overwrites its input (README, "Restarts and crashes"). The recovery has to act
 * first, so the lease is set well above its Stale After.
 */
const LOCK_DURATION_MS = '300000';
const RECOVERY_STALE_SECONDS = 30;
const CONCURRENCY = 10;
const WEBHOOK_ID = '5b0c6c1e-8f7a-4d2b-9e3f-a1d2c3b4e5f6'; // the example's trigger
const figures: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any -- figures of many shapes, printed as JSON

describe('queue mode: main + 2 workers + 2 webhook processors on Postgres 17 and Redis', () => {
	let cluster: Cluster;
	let sandbox: Sandbox;
	let workflowId: string;
	let main: N8n;
	let videoDbCredentialId: string;
	let roboflowCredentialId: string;

	const ourAlerts = (): Alert[] =>
		[...sandbox.state.alerts.values()].filter((a) => a.scene_index_id === SEED.sceneIndexes.dockActivity);
	const enabled = () => ourAlerts().filter((a) => a.status === 'enabled');
	/** The path after /webhook/ that VideoDB calls (webhook id, `alert`, the token). */
	const callbackPath = () => {
		const [alert] = enabled();
		return alert.callback_url!.slice(alert.callback_url!.indexOf('/webhook/') + '/webhook/'.length);
	};
	const processorUrls = () => cluster.webhooks.map((w) => `${w.baseUrl}/webhook/${callbackPath()}`);
	const eventsByDetection = (tag: string) => storedByDetection(sandbox, tag);
	const executionsOf = async () => await allExecutions(main, workflowId, DETECTIONS * 3);

	/**
	 * Waits until at least `expected` executions exist and every one has finished; returns them. n8n
	 * writes an execution before it answers the callback, so once the deliveries are answered no other
	 * execution can appear: a repeat's duplicate is already listed, and counted.
	 */
	async function settle(expected: number, timeoutMs: number) {
		const done = async () => {
			const all = await executionsOf();
			return all.length >= expected && all.every((e) => e.stoppedAt) ? all : undefined;
		};
		return await until(`${expected} executions finished`, done, timeoutMs, 1000);
	}

	beforeAll(async () => {
		const t0 = Date.now();
		sandbox = await startSandbox({ port: 0 });
		cluster = await startCluster({ env: { QUEUE_WORKER_LOCK_DURATION: LOCK_DURATION_MS } });
		main = cluster.main;
		figures.clusterStartMs = Date.now() - t0;
		figures.readyMs = {
			main: main.readyMs,
			workers: cluster.workers.map((w) => w.readyMs),
			webhooks: cluster.webhooks.map((w) => w.readyMs),
		};
		videoDbCredentialId = await main.createCredential('videoDbApi', CREDENTIAL_NAMES.videoDbApi, { apiKey: SANDBOX_KEYS.videodb, baseUrl: sandbox.videodbUrl });
		roboflowCredentialId = await main.createCredential('roboflowApi', CREDENTIAL_NAMES.roboflowApi, { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl });
		workflowId = await main.importWorkflow(loadExample(EXAMPLE_FILES.alertToRoboflow));
	}, 600_000);

	afterAll(async () => {
		process.stdout.write(`queue-mode figures: ${JSON.stringify(figures, null, 2)}\n`);
		writeFileSync(join(REPO_ROOT, '.cache', 'e2e-logs', 'queue-figures.json'), JSON.stringify(figures, null, 2));
		await cluster?.stop();
		await sandbox?.close();
	}, 120_000);

	it('publishing registers exactly one alert, with the balancer in its callback URL', async () => {
		const t0 = Date.now();
		// Publishing is asynchronous in queue mode: activate() waits for the publication status.
		await main.activate(workflowId, { timeoutMs: 90_000 });
		figures.publishMs = Date.now() - t0;
		expect(enabled()).toHaveLength(1);
		expect(ourAlerts()).toHaveLength(1);
		expect(enabled()[0].callback_url).toMatch(new RegExp(`^${cluster.webhookBaseUrl}webhook/${WEBHOOK_ID}/alert\\?token=[0-9a-f]{32}$`));
	});

	it('main serves no production webhooks; both webhook processors take callbacks; executions run on workers', async () => {
		const onMain = await main.webhook(callbackPath(), { body: { event_id: 'event-x', timestamp: 'main' } });
		expect(onMain.status).toBe(404);
		const detections = plan(SEED.events.personOnDock, 'warmup', 20, 2, 0);
		const report = await deliver(detections, processorUrls(), 4);
		expect(report.acceptedPerTarget).toEqual([10, 10]);
		await settle(20, 120_000);
		expect(eventsByDetection('warmup').size).toBe(20);
		const perWorker = cluster.finishedPerWorker();
		expect(perWorker.reduce((a, b) => a + b, 0)).toBe(20);
		expect(main.logs()).not.toMatch(/finished execution/);
		for (const p of [main, ...cluster.workers, ...cluster.webhooks]) expect(p.logs()).not.toMatch(/Unrecognized node type/);
	});

	it(`${DETECTIONS} detections, 10 % repeated, half of the repeats to the other webhook processor: 0 lost, one vision event each, cross-process repeats counted`, async () => {
		const before = (await executionsOf()).length;
		const detections: Detection[] = plan(SEED.events.personOnDock, 'direct', DETECTIONS, 2);
		const report = await deliver(detections, processorUrls(), CONCURRENCY);
		expect(report.statuses).toEqual({ 200: DETECTIONS + report.crossRepeats + report.sameRepeats });
		const all = await settle(before + DETECTIONS, 900_000);
		const executions = all.length - before;
		const byDetection = eventsByDetection('direct');
		const duplicates = executions - DETECTIONS;
		figures.direct = {
			detections: DETECTIONS,
			repeatsSameProcessor: report.sameRepeats,
			repeatsOtherProcessor: report.crossRepeats,
			callbacksPerSec: Number((((DETECTIONS + report.crossRepeats + report.sameRepeats) / report.ms) * 1000).toFixed(1)),
			executions,
			duplicateExecutions: duplicates,
			failedExecutions: all.slice(0, all.length - before).filter((e) => e.status !== 'success').length,
			visionEvents: byDetection.size,
			lost: DETECTIONS - byDetection.size,
			perWorker: cluster.finishedPerWorker(),
		};
		expect(byDetection.size).toBe(DETECTIONS); // 0 lost
		expect([...byDetection.values()].every((n) => n === 1)).toBe(true); // one vision event per detection
		// Every repeat that reached the other processor started a second execution; the same processor caught its repeats.
		expect(duplicates).toBe(report.crossRepeats);
		expect(cluster.finishedPerWorker().every((n) => n > 0)).toBe(true);
	}, 1_800_000);

	it(`through nginx hashing on the URL: ${Math.round(DETECTIONS / 2)} detections, 10 % repeated, 0 duplicate executions`, async () => {
		const count = Math.round(DETECTIONS / 2);
		const before = (await executionsOf()).length;
		const detections = plan(SEED.events.personOnDock, 'hashed', count, 1);
		const report = await deliver(detections, [`${cluster.webhookBaseUrl}webhook/${callbackPath()}`], CONCURRENCY);
		expect(report.statuses).toEqual({ 200: count + report.sameRepeats });
		const all = await settle(before + count, 900_000);
		const byDetection = eventsByDetection('hashed');
		figures.pathHash = {
			detections: count,
			repeats: report.sameRepeats,
			callbacksPerSec: Number((((count + report.sameRepeats) / report.ms) * 1000).toFixed(1)),
			executions: all.length - before,
			duplicateExecutions: all.length - before - count,
			visionEvents: byDetection.size,
			lost: count - byDetection.size,
		};
		expect(byDetection.size).toBe(count);
		expect([...byDetection.values()].every((n) => n === 1)).toBe(true);
		expect(all.length - before).toBe(count);
	}, 1_800_000);

	it('forged or missing tokens get 401 from every webhook processor and start nothing', async () => {
		const before = (await executionsOf()).length;
		const forged = callbackPath().replace(/token=[0-9a-f]+/, `token=${'0'.repeat(32)}`);
		const missing = callbackPath().replace(/\?token=[0-9a-f]+/, '');
		const targets = [...cluster.webhooks.map((w) => w.baseUrl), cluster.webhookBaseUrl.replace(/\/$/, '')];
		for (const base of targets) {
			for (const path of [forged, missing]) {
				const r = await main.request('POST', `${base}/webhook/${path}`, { body: { event_id: 'event-forged', timestamp: base }, auth: 'none' });
				expect(r.status).toBe(401);
			}
		}
		// A real delivery afterwards is the only new execution.
		await deliver(plan(SEED.events.personOnDock, 'after-forged', 1, 1, 0), [processorUrls()[1]], 1);
		const all = await settle(before + 1, 120_000);
		expect(all.length).toBe(before + 1);
	});

	it('unpublishing disables the alert and the webhook processors stop serving it; publishing again re-enables the same alert', async () => {
		const [alert] = enabled();
		const url = processorUrls()[0];
		await main.deactivate(workflowId, { timeoutMs: 90_000 });
		expect(ourAlerts().map((a) => a.status)).toEqual(['disabled']);
		const answer = async () => (await main.request('POST', url, { body: { event_id: 'event-off', timestamp: 'x' }, auth: 'none' })).status;
		await until('the webhook processors answering 404', async () => ((await answer()) === 404 ? true : undefined), 60_000, 500);
		await main.activate(workflowId, { timeoutMs: 90_000 });
		expect(ourAlerts()).toHaveLength(1);
		expect(enabled().map((a) => a.alert_id)).toEqual([alert.alert_id]);
		const report = await deliver(plan(SEED.events.personOnDock, 'republished', 2, 2, 0), processorUrls(), 2);
		expect(report.acceptedPerTarget).toEqual([1, 1]);
		await until('both republished detections stored', () => (eventsByDetection('republished').size === 2 ? true : undefined), 120_000);
	});

	it("the editor's Listen for test event works: main serves the test URL while the production alert stays", async () => {
		const production = enabled()[0];
		const listening = await main.runManually(workflowId, { triggerToStartFrom: { name: 'VideoDB Alert Trigger' } });
		expect(listening.waitingForWebhook).toBe(true);
		const testAlert = await until('the test alert', () => enabled().find((a) => a.callback_url?.includes('/webhook-test/')), 60_000);
		expect(testAlert.callback_url).toContain(`${main.baseUrl}/webhook-test/${WEBHOOK_ID}/alert?token=`);
		const { deliveries } = await sandbox.detect({ alert_id: testAlert.alert_id, confidence: 0.95 });
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		const manual = await until('the manual execution', async () => (await executionsOf()).find((e) => e.mode === 'manual' && e.stoppedAt), 60_000);
		expect(manual.status).toBe('success');
		// The listening run ends with its execution: its alert is disabled, the production one untouched.
		await until('the test alert disabled', () => (sandbox.state.alerts.get(testAlert.alert_id)?.status === 'disabled' ? true : undefined), 60_000);
		expect(enabled().map((a) => a.alert_id)).toEqual([production.alert_id]);
	});

	it("n8n's Remove Duplicates (items processed in previous executions) behind the trigger, every detection repeated on the other processor: how many repeats it lets through", async () => {
		// The example with Remove Duplicates on dedupe_key in front of Roboflow, under its own webhook.
		const example = loadExample(EXAMPLE_FILES.alertToRoboflow);
		const trigger = example.nodes.find((n) => n.type.endsWith('.videoDbAlertTrigger'))!;
		const create = example.nodes.find((n) => n.type.endsWith('.roboflow'))!;
		const dedupe = { id: '0f6a1b2c-3d4e-4f50-8a61-7b8c9d0e1f99', name: 'Remove Duplicates', type: 'n8n-nodes-base.removeDuplicates', typeVersion: 2, position: [260, 0], parameters: { operation: 'removeItemsSeenInPreviousExecutions', dedupeValue: '={{ $json.dedupe_key }}', options: {} } };
		const id = await main.importWorkflow({
			name: 'Alert → Remove Duplicates → Roboflow',
			nodes: [{ ...trigger, webhookId: '5b0c6c1e-8f7a-4d2b-9e3f-a1d2c3b4e5aa' }, dedupe, create],
			connections: { [trigger.name]: { main: [[{ node: dedupe.name, type: 'main', index: 0 }]] }, [dedupe.name]: { main: [[{ node: create.name, type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		await main.activate(id, { timeoutMs: 90_000 });
		const alert = [...sandbox.state.alerts.values()].find((a) => a.status === 'enabled' && a.callback_url?.includes('5b0c6c1e-8f7a-4d2b-9e3f-a1d2c3b4e5aa'))!;
		const path = alert.callback_url!.slice(alert.callback_url!.indexOf('/webhook/') + '/webhook/'.length);
		const count = 200;
		const creates = () => sandbox.requests({ service: 'roboflow', method: 'POST', path: '/vision-events' }).length;
		const createsBefore = creates();
		// Every detection twice, the repeat to the other processor: the trigger's window cannot see it.
		const detections = plan(SEED.events.personOnDock, 'remove-duplicates', count, 2, 0).map((d) => ({ ...d, repeatTo: (d.target + 1) % 2 }));
		const report = await deliver(detections, cluster.webhooks.map((w) => `${w.baseUrl}/webhook/${path}`), CONCURRENCY);
		expect(report.statuses).toEqual({ 200: count * 2 });
		await until('every detection stored', () => (eventsByDetection('remove-duplicates').size === count ? true : undefined), 600_000);
		const executions = await until('both copies of every detection executed', async () => {
			const all = await allExecutions(main, id, count * 3);
			return all.length === count * 2 && all.every((e) => e.stoppedAt) ? all : undefined;
		}, 600_000);
		const passed = creates() - createsBefore - count;
		figures.removeDuplicates = { detections: count, repeatsOtherProcessor: count, executions: executions.length, repeatsPassed: passed };
		// `passed` is measured, not asserted: the node reads, extends and writes back one row without a
		// lock. What holds is the idempotent write: one vision event per detection.
		expect([...eventsByDetection('remove-duplicates').values()].every((n) => n === 1)).toBe(true);
		await main.deactivate(id, { timeoutMs: 90_000 });
	}, 1_200_000);

	it('an API key change keeps the registered alert flowing through a restarted webhook processor; the next publication moves it to the new token', async () => {
		const oldPath = callbackPath();
		const saved = await main.getCredential(videoDbCredentialId);
		await main.rest('PATCH', `/credentials/${videoDbCredentialId}`, {
			id: saved.id,
			name: saved.name,
			type: saved.type,
			data: { apiKey: SANDBOX_KEYS.videodbSecond, baseUrl: sandbox.videodbUrl },
		});
		// A restarted processor remembers no token: only the one registered at publication (static
		// data, read from Postgres) can let the old token in.
		const t0 = Date.now();
		const restarted = await cluster.restart(cluster.webhooks[1]);
		figures.webhookProcessorRestartMs = Date.now() - t0;
		const oldUrl = `${restarted.baseUrl}/webhook/${oldPath}`;
		const report = await deliver(plan(SEED.events.personOnDock, 'old-key', 4, 1, 0), [oldUrl], 2);
		expect(report.statuses).toEqual({ 200: 4 });
		await until('the old-token detections stored', () => (eventsByDetection('old-key').size === 4 ? true : undefined), 120_000);

		await main.deactivate(workflowId, { timeoutMs: 90_000 });
		await main.activate(workflowId, { timeoutMs: 90_000 });
		expect(enabled()).toHaveLength(1);
		expect(callbackPath()).not.toBe(oldPath);
		const forged = await main.request('POST', oldUrl, { body: { event_id: 'event-old', timestamp: 'moved' }, auth: 'none' });
		expect(forged.status).toBe(401);
		const fresh = await deliver(plan(SEED.events.personOnDock, 'new-key', 2, 2, 0), processorUrls(), 2);
		expect(fresh.statuses).toEqual({ 200: 2 });
		await until('the new-token detections stored', () => (eventsByDetection('new-key').size === 2 ? true : undefined), 120_000);
	});

	it('the Roboflow Vision Event Trigger: polls on main, executions on workers; 1 000 events over several polls and a main restart: each emitted once', async () => {
		const TRIGGER = 'Roboflow Vision Event Trigger';
		const useCaseId = SEED.useCases.warehouseInventory;
		const triggerId = await main.importWorkflow(
			triggerWorkflow('queue roboflow trigger', {
				id: 'a0c1e2f3-0000-4000-8000-000000000021',
				name: TRIGGER,
				type: 'n8n-nodes-videodb-roboflow.roboflowTrigger',
				typeVersion: 1,
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, useCaseId: { __rl: true, mode: 'id', value: useCaseId }, eventTypes: [], filters: {} },
				credentials: { roboflowApi: { id: roboflowCredentialId, name: CREDENTIAL_NAMES.roboflowApi } },
			}),
		);
		const finishedBefore = cluster.finishedPerWorker().reduce((a, b) => a + b, 0);
		await main.activate(triggerId, { timeoutMs: 90_000 });
		const recorded: string[] = [];
		/** Records `count` inventory counts stamped now, 100 per batch request, as a camera line would. */
		const record = async (count: number) => {
			for (let done = 0; done < count; done += 100) {
				const events = Array.from({ length: Math.min(100, count - done) }, () => {
					const eventId = randomUUID();
					recorded.push(eventId);
					return { eventId, eventType: 'inventory_count', useCaseId, timestamp: new Date().toISOString(), eventData: { itemCount: 1 } };
				});
				const res = await fetch(`${sandbox.roboflowUrl}/vision-events/batch`, {
					method: 'POST',
					headers: { authorization: `Bearer ${SANDBOX_KEYS.roboflow}`, 'content-type': 'application/json' },
					body: JSON.stringify({ events }),
				});
				expect(res.status).toBe(201);
			}
		};
		const emitted = async () => {
			const runs = await allExecutions(main, triggerId, 100);
			const withData = await Promise.all(runs.filter((r) => r.stoppedAt).map(async (r) => await main.publicApi<ExecutionSummary>('GET', `/executions/${r.id}?includeData=true`)));
			return withData.flatMap((r) => nodeItems(r, TRIGGER).map((item) => String(item.eventId)));
		};
		const emittedAtLeast = async (n: number) => {
			const ids = await emitted();
			return ids.length >= n ? ids : undefined;
		};
		await record(350);
		await until('the first 350 events emitted', async () => await emittedAtLeast(350), 150_000, 2000);
		await record(350);
		await until('700 events emitted', async () => await emittedAtLeast(700), 150_000, 2000);
		// Main restarts (SIGTERM, then a new process): it publishes the workflow again and polls on from the
		// window kept in the trigger's static data (in Postgres), not from "now".
		const restartAt = Date.now();
		await record(150);
		main = await cluster.restart(main);
		const restartMs = Date.now() - restartAt;
		await record(150);
		const ids = await until(`all ${recorded.length} events emitted`, async () => await emittedAtLeast(recorded.length), 240_000, 2000);
		const times = new Map<string, number>();
		for (const id of ids) times.set(id, (times.get(id) ?? 0) + 1);
		const runs = await allExecutions(main, triggerId, 100);
		figures.roboflowTrigger = {
			events: recorded.length,
			emitted: ids.length,
			executions: runs.length,
			mainRestartMs: restartMs,
			onWorkers: cluster.finishedPerWorker().reduce((a, b) => a + b, 0) - finishedBefore,
		};
		expect(ids).toHaveLength(recorded.length);
		expect(recorded.every((id) => times.get(id) === 1)).toBe(true);
		expect(runs.every((r) => r.status === 'success')).toBe(true);
		expect(figures.roboflowTrigger.onWorkers).toBeGreaterThanOrEqual(runs.length);
		await main.deactivate(triggerId, { timeoutMs: 90_000 });
	}, 900_000);

	it('a worker killed mid-run: the other worker takes the queue, and "Recover unfinished VideoDB alerts" re-runs what the killed one held: 0 lost, 0 duplicated', async () => {
		// The recovery example, published on main, talks to main's public API with an API key.
		const apiUrl = `${main.baseUrl}/api/v1`;
		await main.createCredential('n8nApi', CREDENTIAL_NAMES.n8nApi, { apiKey: await main.ensureApiKey(), baseUrl: apiUrl });
		const settings = { n8nApiUrl: apiUrl, alertWorkflowId: workflowId, staleAfterSeconds: RECOVERY_STALE_SECONDS };
		const recoveryId = await main.importWorkflow(withSettings(loadExample(EXAMPLE_FILES.recoverAlerts), 'Settings', settings));
		await main.activate(recoveryId, { timeoutMs: 90_000 });

		const count = 300;
		const before = new Set((await executionsOf()).map((e) => e.id));
		const victim = cluster.workers[0];
		const finishedBefore = cluster.finishedPerWorker()[0];
		const sending = deliver(plan(SEED.events.personOnDock, 'killed', count, 2, 0), processorUrls(), CONCURRENCY);
		// Kill it (SIGKILL of its process group: n8n and its task runner) once it is busy with this run.
		await until('30 executions on the first worker', () => (cluster.finishedPerWorker()[0] - finishedBefore >= 30 ? true : undefined), 300_000);
		const running = (victim.logs().match(/Worker started execution/g) ?? []).length - cluster.finishedPerWorker()[0];
		process.kill(-(victim.pid as number), 'SIGKILL');
		const killedAt = Date.now();
		const report = await sending;
		expect(report.statuses).toEqual({ 200: count });
		await until('every detection stored', () => (eventsByDetection('killed').size === count ? true : undefined), 300_000, 1000);
		const recoveredMs = Date.now() - killedAt;
		const ours = (await executionsOf()).filter((e) => !before.has(e.id));
		// n8n's own count (internal API, every status) next to the public API's list.
		const counted = (await executionCount(main, workflowId)) - before.size;
		const byStatus: Record<string, number> = {};
		for (const e of ours) byStatus[`${e.status}/${e.mode}`] = (byStatus[`${e.status}/${e.mode}`] ?? 0) + 1;
		const stored = [...eventsByDetection('killed').values()];
		// What the killed worker held: retried while `running` (n8n's retry; its success is recorded on the
		// original), or run again through the recovery entry and stopped (`canceled`) when left `new`.
		const held = ours.filter((e) => e.mode === 'webhook' && e.status !== 'success');
		figures.workerKilled = {
			detections: count,
			accepted: report.statuses[200],
			runningOnKilledWorker: running,
			heldByTheKilledWorker: held.map((e) => `${e.id}:${e.status}${e.retrySuccessId ? `, retried as ${String(e.retrySuccessId)}` : ''}`),
			executionsByStatusAndMode: byStatus,
			executionsListed: ours.filter((e) => e.mode !== 'retry').length,
			executionsCounted: counted,
			visionEvents: stored.length,
			lost: count - stored.length,
			duplicated: stored.filter((n) => n > 1).length,
			secondsUntilEveryDetectionStored: Math.round(recoveredMs / 1000),
			staleAfterSeconds: RECOVERY_STALE_SECONDS,
			lockDurationMs: Number(LOCK_DURATION_MS),
		};
		expect(held.length).toBeGreaterThan(0);
		expect(held.every((e) => (e.status === 'running' && e.retrySuccessId) || e.status === 'canceled')).toBe(true);
		expect(stored).toHaveLength(count); // 0 lost
		expect(stored.every((n) => n === 1)).toBe(true); // 0 duplicated
		await main.deactivate(recoveryId, { timeoutMs: 90_000 });
		await victim.stop();
	}, 900_000);
});

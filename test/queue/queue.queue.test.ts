/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test, not node code: environment, stdout and a file for the figures */
/**
 * The example "VideoDB alert → Roboflow vision event" in n8n queue mode: main (production webhooks
 * off), 2 workers, 2 webhook processors, Postgres 17, Redis, nginx hashing on the URL, and the
 * sandbox for both APIs. Deliveries go straight to one webhook processor or the other (as a
 * round-robin balancer would) or through nginx. Figures are printed at the end and written to
 * .cache/e2e-logs/queue-figures.json.
 *
 * QUEUE_DETECTIONS (default 2000) sets the size of the direct-routing run; the path-hash run uses half.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { allExecutions } from '../../bench/measure';
import { SANDBOX_KEYS, SEED, startSandbox, type Alert, type Sandbox } from '../../sandbox';
import { CREDENTIAL_NAMES, EXAMPLE_FILES, loadExample } from '../../scripts/demo-lib';
import { sleep } from '../e2e/harness/processes';
import { REPO_ROOT, type N8n } from '../e2e/n8n';
import { startCluster, type Cluster } from './cluster';
import { deliver, plan, type Detection } from './deliveries';

const DETECTIONS = Number(process.env.QUEUE_DETECTIONS ?? 2000);
const CONCURRENCY = 10;
const WEBHOOK_ID = '5b0c6c1e-8f7a-4d2b-9e3f-a1d2c3b4e5f6'; // the example's trigger
const figures: Record<string, unknown> = {};

describe('queue mode: main + 2 workers + 2 webhook processors on Postgres 17 and Redis', () => {
	let cluster: Cluster;
	let sandbox: Sandbox;
	let workflowId: string;
	let main: N8n;

	const ourAlerts = (): Alert[] =>
		[...sandbox.state.alerts.values()].filter((a) => a.scene_index_id === SEED.sceneIndexes.dockActivity);
	const enabled = () => ourAlerts().filter((a) => a.status === 'enabled');
	/** The path after /webhook/ that VideoDB calls (webhook id, `alert`, the token). */
	const callbackPath = () => {
		const [alert] = enabled();
		return alert.callback_url!.slice(alert.callback_url!.indexOf('/webhook/') + '/webhook/'.length);
	};
	const processorUrls = () => cluster.webhooks.map((w) => `${w.baseUrl}/webhook/${callbackPath()}`);
	/** Vision events stored for a run, by the detection they came from (the explanation is unique per detection). */
	const eventsByDetection = (tag: string) => {
		const counts = new Map<string, number>();
		for (const e of sandbox.state.visionEvents.values()) {
			const text = String((e.eventData as { description?: unknown } | undefined)?.description ?? '');
			const match = /Queue-mode detection (\S+):/.exec(text);
			if (match && match[1].startsWith(`${tag}-`)) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
		}
		return counts;
	};
	const executionsOf = async () => await allExecutions(main, workflowId, DETECTIONS * 3);

	/** Waits until `expected` executions finished and nothing more arrives; returns them. */
	async function settle(expected: number, timeoutMs: number) {
		const deadline = Date.now() + timeoutMs;
		let last = -1;
		let stableSince = Date.now();
		for (;;) {
			const all = await executionsOf();
			const finished = all.filter((e) => e.stoppedAt).length;
			if (finished !== last) {
				last = finished;
				stableSince = Date.now();
			}
			// Expected ones are all in, and 5 s without a new one (a late duplicate would show by then).
			if (finished >= expected && finished === all.length && Date.now() - stableSince > 5000) return all;
			if (Date.now() > deadline) return all;
			await sleep(1000);
		}
	}

	beforeAll(async () => {
		const t0 = Date.now();
		sandbox = await startSandbox({ port: 0 });
		cluster = await startCluster();
		main = cluster.main;
		figures.clusterStartMs = Date.now() - t0;
		figures.readyMs = {
			main: main.readyMs,
			workers: cluster.workers.map((w) => w.readyMs),
			webhooks: cluster.webhooks.map((w) => w.readyMs),
		};
		await main.createCredential('videoDbApi', CREDENTIAL_NAMES.videoDbApi, { apiKey: SANDBOX_KEYS.videodb, baseUrl: sandbox.videodbUrl });
		await main.createCredential('roboflowApi', CREDENTIAL_NAMES.roboflowApi, { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl });
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
});

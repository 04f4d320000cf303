/**
 * P5: the example "VideoDB alert → Roboflow vision event" in n8n queue mode (main + 2 workers + 2
 * webhook processors on Postgres 17 and Redis; test/queue/cluster.ts) next to one ordinary n8n
 * process, in the same run and against the same sandbox: alert callbacks accepted per second and
 * Roboflow vision events stored per second, every run checked for lost detections. Both n8n set-ups
 * stay up for the whole part and the runs alternate, so drift hits both alike. On a 2-core machine
 * the five queue-mode processes share the cores one process has: the figure is queue mode's
 * overhead (Redis hand-off, Postgres instead of SQLite, more processes), not its scaling.
 */
import { SANDBOX_KEYS, SEED, type Sandbox } from '../sandbox';
import { CREDENTIAL_NAMES, EXAMPLE_FILES, loadExample } from '../scripts/demo-lib';
import { REPO_ROOT, startN8n, type N8n } from '../test/e2e/n8n';
import { startCluster } from '../test/queue/cluster';
import { deliver, plan, storedByDetection } from '../test/queue/deliveries';
import { sleep } from '../test/e2e/until';
import { stats, type Stats } from './measure';
import { BenchFailure } from './verify';

export interface QueueRow {
	mode: 'single' | 'queue';
	label: string;
	callbacks: number;
	concurrency: number;
	acceptedPerSec: Stats;
	eventsPerSec: Stats;
	lost: number;
}

export interface P5Options {
	callbacks: number;
	reps: number;
	concurrency: number;
	log: (message: string) => void;
}

/** Credentials named as the examples expect, the example imported and published; returns the callback path. */
export async function setUp(n8n: N8n, sandbox: Sandbox): Promise<string> {
	await n8n.createCredential('videoDbApi', CREDENTIAL_NAMES.videoDbApi, { apiKey: SANDBOX_KEYS.videodb, baseUrl: sandbox.videodbUrl });
	await n8n.createCredential('roboflowApi', CREDENTIAL_NAMES.roboflowApi, { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl });
	const id = await n8n.importWorkflow(loadExample(EXAMPLE_FILES.alertToRoboflow));
	await n8n.activate(id, { timeoutMs: 90_000 });
	const workflow = await n8n.getWorkflow(id);
	const callbackUrl = String((workflow.staticData?.['node:VideoDB Alert Trigger'] as { callbackUrl?: string } | undefined)?.callbackUrl ?? '');
	if (!callbackUrl.includes('/webhook/')) throw new BenchFailure(`no callback URL in the trigger's static data after publishing (${callbackUrl})`);
	return callbackUrl.slice(callbackUrl.indexOf('/webhook/') + 1);
}

/** One run: callbacks round-robin over `urls`, then waits (bounded) until every detection is a stored vision event. */
export async function runOnce(sandbox: Sandbox, urls: string[], tag: string, o: Pick<P5Options, 'callbacks' | 'concurrency'>): Promise<{ accepted: number; stored: number; acceptedPerSec: number; eventsPerSec: number }> {
	const t0 = Date.now();
	const report = await deliver(plan(SEED.events.personOnDock, tag, o.callbacks, urls.length, 0), urls, o.concurrency);
	let stored = storedByDetection(sandbox, tag).size;
	let lastChange = Date.now();
	while (stored < o.callbacks && Date.now() - lastChange < 60_000) {
		await sleep(100);
		const now = storedByDetection(sandbox, tag).size;
		if (now !== stored) [stored, lastChange] = [now, Date.now()];
	}
	return {
		accepted: report.statuses[200] ?? 0,
		stored,
		acceptedPerSec: ((report.statuses[200] ?? 0) / report.ms) * 1000,
		eventsPerSec: (stored / Math.max(1, lastChange - t0)) * 1000,
	};
}

export async function runP5(sandbox: Sandbox, o: P5Options): Promise<QueueRow[]> {
	sandbox.reset();
	sandbox.setLatency(0);
	const single = await startN8n({ packageDir: REPO_ROOT });
	o.log(`P5: single n8n ready in ${single.startupMs} ms`);
	try {
		const cluster = await startCluster();
		o.log(`P5: queue mode ready (main ${cluster.main.readyMs} ms; workers ${cluster.workers.map((w) => w.readyMs).join(', ')} ms; webhook processors ${cluster.webhooks.map((w) => w.readyMs).join(', ')} ms)`);
		try {
			const singlePath = await setUp(single, sandbox);
			const queuePath = await setUp(cluster.main, sandbox);
			const targets = {
				single: [`${single.baseUrl}/${singlePath}`],
				queue: cluster.webhooks.map((w) => `${w.baseUrl}/${queuePath}`),
			};
			const figures = { single: { accepted: [] as number[], events: [] as number[], lost: 0 }, queue: { accepted: [] as number[], events: [] as number[], lost: 0 } };
			for (let rep = 1; rep <= o.reps; rep++) {
				for (const mode of ['single', 'queue'] as const) {
					const r = await runOnce(sandbox, targets[mode], `p5-${mode}-${rep}`, o);
					const lost = o.callbacks - r.stored;
					if (r.accepted !== o.callbacks || lost !== 0) {
						throw new BenchFailure(`P5 ${mode} rep ${rep}: ${r.accepted} of ${o.callbacks} callbacks accepted, ${lost} detections without a vision event`);
					}
					figures[mode].accepted.push(r.acceptedPerSec);
					figures[mode].events.push(r.eventsPerSec);
					o.log(`P5 rep ${rep} ${mode}: ${r.acceptedPerSec.toFixed(1)} callbacks/s accepted, ${r.eventsPerSec.toFixed(1)} vision events/s stored, 0 lost`);
				}
			}
			const label = {
				single: 'one n8n process (regular mode, SQLite)',
				queue: 'queue mode: main + 2 workers + 2 webhook processors (Postgres 17, Redis), callbacks round-robin over the webhook processors',
			};
			return (['single', 'queue'] as const).map((mode) => ({
				mode,
				label: label[mode],
				callbacks: o.callbacks,
				concurrency: o.concurrency,
				acceptedPerSec: stats(figures[mode].accepted),
				eventsPerSec: stats(figures[mode].events),
				lost: 0,
			}));
		} finally {
			await cluster.stop();
		}
	} finally {
		await single.stop();
	}
}

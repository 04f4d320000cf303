/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark tooling, not node code: settings from the environment, the report to stdout and a file, exit code */
/**
 * `npm run bench`: one sandbox and ONE real n8n (the pinned runtime, this package installed as a
 * community package), then P1–P4 and the raw ceiling, every figure repeated and every run verified
 * against the sandbox. Writes bench/results.json and prints the markdown tables.
 * Settings (env): BENCH_ITEMS (5000), BENCH_REPS (3), BENCH_CALLBACKS (2000), BENCH_CONCURRENCY_0
 * (20), BENCH_CONCURRENCY_20 (50), BENCH_MEMORY_COUNTS ("10000,100000"), BENCH_ONLY
 * ("raw,p1,p2,p3,p4,p3-settings,p5,p6"), BENCH_FIELDS=1 (also input mode Fields), BENCH_SETTINGS_CALLBACKS
 * (300), BENCH_P5_CALLBACKS (1000), BENCH_P6_CALLBACKS (1000). P3 runs last in the main n8n (it is the longest part); "p3-settings"
 * then repeats P3 in one extra n8n per entry of P3_SETTINGS, after the main n8n has stopped; "p5" then
 * starts one n8n and a queue-mode cluster side by side (bench/p5.ts; needs scripts/install-queue.sh);
 * "p6" measures capacity (alerts/s, CPU per alert) in three set-ups (bench/p6.ts) and writes its own
 * bench/results-p6.json.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { SANDBOX_KEYS, SEED, startSandbox, type Sandbox } from '../sandbox';
import { REPO_ROOT, startN8n, type N8n } from '../test/e2e/n8n';
import { deleteExecutions, n8nMainPid, publish, runOnce, stats, withPeakRss } from './measure';
import { P3_SETTINGS, runP3 } from './p3';
import { runP5 } from './p5';
import { runP6 } from './p6';
import { runRaw } from './raw';
import { machine, printReport, type Results, type ThroughputRow } from './report';
import { BenchFailure, verifyRun, type Expectation } from './verify';
import * as wf from './workflows';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CONFIG = {
	items: env('BENCH_ITEMS', 5000),
	reps: env('BENCH_REPS', 3),
	callbacks: env('BENCH_CALLBACKS', 2000),
	settingsCallbacks: env('BENCH_SETTINGS_CALLBACKS', 300),
	p5Callbacks: env('BENCH_P5_CALLBACKS', 1000),
	p6Callbacks: env('BENCH_P6_CALLBACKS', 1000),
	concurrency0: env('BENCH_CONCURRENCY_0', 20),
	concurrency20: env('BENCH_CONCURRENCY_20', 50),
	memoryCounts: (process.env.BENCH_MEMORY_COUNTS ?? '10000,100000').split(',').map(Number),
	/** Also Roboflow in input mode Fields (7 expressions per item; slow: n8n evaluates each one). */
	fields: process.env.BENCH_FIELDS === '1',
	only: new Set((process.env.BENCH_ONLY ?? 'raw,p1,p2,p3,p4,p3-settings,p5,p6').split(',').map((s) => s.trim())),
};
const USE_CASE = SEED.useCases.lineAQuality;
const t0 = Date.now();
const log = (msg: string) => process.stdout.write(`[bench ${String(Math.round((Date.now() - t0) / 1000)).padStart(4)}s] ${msg}\n`);
const tag = () => randomBytes(4).toString('hex');

/** One kind of run: a workflow, what it must send, and which nodes' time is "the work". */
interface Scenario {
	key: string;
	label: string;
	workflowId: string;
	path: string;
	measured: string[];
	apiPath: Expectation['path'];
	outputNode: string;
	outputItems: (count: number) => number;
}

async function runScenario(n8n: N8n, sandbox: Sandbox, s: Scenario, latencyMs: number, count: number, includeData = true) {
	sandbox.reset();
	sandbox.setLatency(latencyMs);
	const expectation: Expectation = {
		count,
		tag: tag(),
		baseTime: Date.now() - 3_600_000,
		useCaseId: USE_CASE,
		path: s.apiPath,
		outputNode: includeData ? s.outputNode : undefined,
		outputItems: s.outputItems(count),
	};
	const body = { count, tag: expectation.tag, baseTime: expectation.baseTime, useCaseId: USE_CASE };
	const record = await runOnce(n8n, s.workflowId, s.path, body, { includeData });
	verifyRun(sandbox, expectation, record);
	await deleteExecutions(n8n, s.workflowId);
	const ms = s.measured.reduce((sum, name) => sum + (record.nodeMs[name] ?? 0), 0);
	return { ms, perSec: (count / ms) * 1000, executionMs: record.executionMs };
}

/** Runs every scenario `reps` times, interleaved (drift hits all of them alike). */
async function throughput(n8n: N8n, sandbox: Sandbox, part: string, latencyMs: number, scenarios: Array<Scenario & { concurrency: string }>) {
	const values = new Map<string, number[]>(scenarios.map((s) => [s.key, []]));
	const execMs = new Map<string, number[]>(scenarios.map((s) => [s.key, []]));
	for (let rep = 1; rep <= CONFIG.reps; rep++) {
		for (const s of scenarios) {
			const r = await runScenario(n8n, sandbox, s, latencyMs, CONFIG.items);
			values.get(s.key)!.push(r.perSec);
			execMs.get(s.key)!.push(r.executionMs);
			log(`${part} ${latencyMs} ms rep ${rep}: ${s.label} → ${r.perSec.toFixed(0)}/s (node ${r.ms} ms, execution ${r.executionMs} ms)`);
		}
	}
	return scenarios.map(
		(s): ThroughputRow => ({
			part,
			key: s.key,
			label: s.label,
			latencyMs,
			concurrency: s.concurrency,
			perSec: stats(values.get(s.key)!),
			executionMs: stats(execMs.get(s.key)!),
		}),
	);
}

async function main(): Promise<void> {
	const results: Results = { startedAt: new Date().toISOString(), config: { ...CONFIG, only: [...CONFIG.only] }, machine: machine(), rows: [], callbacks: [], memory: [], raw: [] };
	const sandbox = await startSandbox({ port: 0 });
	try {
		// The main n8n serves raw..p4; p3-settings and p5 start their own.
		if (['raw', 'p1', 'p2', 'p3', 'p4'].some((part) => CONFIG.only.has(part))) {
			log(`sandbox on ${sandbox.url}; starting n8n`);
			const n8n = await startN8n({ packageDir: REPO_ROOT });
			log(`n8n ${n8n.baseUrl} ready in ${n8n.startupMs} ms (log ${n8n.logFile})`);
			try {
				await benchAll(n8n, sandbox, results);
			} finally {
				await n8n.stop();
			}
		}
		if (CONFIG.only.has('p3-settings')) await p3Settings(sandbox, results);
		if (CONFIG.only.has('p5')) {
			results.queue = await runP5(sandbox, { callbacks: CONFIG.p5Callbacks, reps: CONFIG.reps, concurrency: 10, log });
			save(results);
		}
		if (CONFIG.only.has('p6')) {
			const p6: Results = { ...results, rows: [], callbacks: [], memory: [], raw: [], queue: undefined, capacity: [] };
			const onRows = (rows: NonNullable<Results['capacity']>) => save(Object.assign(p6, { capacity: rows }), 'results-p6.json');
			onRows(await runP6(sandbox, { callbacks: CONFIG.p6Callbacks, reps: CONFIG.reps, concurrency: 10, log, onRows }));
			process.stdout.write(`\n${printReport(p6)}\n`);
		}
	} finally {
		await sandbox.close();
	}
	// P6 has its own file (above); results.json only when another part ran, so a P6 run leaves it alone.
	if ([...CONFIG.only].some((part) => part !== 'p6')) {
		save(results);
		process.stdout.write(`\n${printReport(results)}\n`);
	}
	log(`done in ${Math.round((Date.now() - t0) / 1000)} s`);
}

/** Written after every part, so an interrupted run still leaves what it measured. */
function save(results: Results, file = 'results.json'): void {
	results.durationSec = Math.round((Date.now() - t0) / 1000);
	writeFileSync(join(REPO_ROOT, 'bench', file), `${JSON.stringify(results, null, 2)}\n`);
}

async function benchAll(n8n: N8n, sandbox: Sandbox, results: Results): Promise<void> {
	const roboflow = { id: await n8n.createCredential('roboflowApi', 'Roboflow sandbox', { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl }), name: 'Roboflow sandbox' };
	const header = { id: await n8n.createCredential('httpHeaderAuth', 'Roboflow bearer', { name: 'Authorization', value: `Bearer ${SANDBOX_KEYS.roboflow}` }), name: 'Roboflow bearer' };
	const single = (key: string, label: string, json: ReturnType<typeof wf.noOpWorkflow>, node: string) => async (): Promise<Scenario> => ({
		key, label, path: key, workflowId: await publish(n8n, json), measured: [node], apiPath: '/vision-events', outputNode: node, outputItems: (n) => n,
	});
	const rfItem = (key: string, options: Record<string, unknown>) => single(key, `Roboflow (${describe(options)})`, wf.roboflowItemWorkflow(key, options, roboflow), 'Roboflow')();
	const c0 = CONFIG.concurrency0;
	const c20 = CONFIG.concurrency20;
	const need = (part: string) => CONFIG.only.has(part);

	if (need('raw')) {
		for (const [concurrency, latencyMs] of [[1, 0], [50, 0], [50, 20]]) {
			const values: number[] = [];
			for (let rep = 1; rep <= CONFIG.reps; rep++) {
				sandbox.reset();
				sandbox.setLatency(latencyMs);
				const job = { url: sandbox.roboflowUrl, apiKey: SANDBOX_KEYS.roboflow, count: CONFIG.items, concurrency, tag: tag(), baseTime: Date.now() - 3_600_000, useCaseId: USE_CASE };
				const r = await runRaw(job);
				verifyRun(sandbox, { ...job, path: '/vision-events' });
				values.push((CONFIG.items / r.ms) * 1000);
			}
			results.raw.push({ concurrency, latencyMs, perSec: stats(values) });
			save(results);
			log(`raw undici c=${concurrency} ${latencyMs} ms → median ${stats(values).median.toFixed(0)} req/s`);
		}
	}

	if (need('p1') || need('p2')) {
		const httpItem = await single('http-item', 'HTTP Request, one request per item, body mapped field by field (7 expressions)', wf.httpItemWorkflow('http-item', sandbox.roboflowUrl, header), 'HTTP Request')();
		const httpWhole = await single('http-item-json', 'HTTP Request, one request per item, body = {{ JSON.stringify($json) }}', wf.httpItemWorkflow('http-item-json', sandbox.roboflowUrl, header, 'whole'), 'HTTP Request')();
		const httpBatch: Scenario = {
			key: 'http-batch', label: 'HTTP Request, hand-built batches of 100 (Code + HTTP Request)', path: 'http-batch',
			workflowId: await publish(n8n, wf.httpBatchWorkflow('http-batch', sandbox.roboflowUrl, header)),
			measured: ['Make Batches', 'HTTP Request'], apiPath: '/vision-events/batch', outputNode: 'HTTP Request', outputItems: (n) => Math.ceil(n / 100),
		};
		const rfBatch: Scenario = { ...(await rfItem('rf-batch', { batchSize: 100 })), apiPath: '/vision-events/batch' };
		const rfDefault = await rfItem('rf-item', {});
		const rfC0 = await rfItem(`rf-item-c${c0}`, { concurrency: c0 });
		const rfC20 = c20 === c0 ? rfC0 : await rfItem(`rf-item-c${c20}`, { concurrency: c20 });
		const fieldsKey = 'rf-fields';
		const rfFields = await single(fieldsKey, 'Roboflow (input mode Fields, 7 expressions per item; defaults)', wf.roboflowFieldsWorkflow(fieldsKey, {}, roboflow, USE_CASE), 'Roboflow')();
		for (const latencyMs of [0, 20]) {
			const list: Array<Scenario & { concurrency: string }> = [];
			if (need('p1')) {
				list.push({ ...httpItem, concurrency: 'all items at once' });
				list.push({ ...httpWhole, concurrency: 'all items at once' });
				list.push({ ...rfDefault, concurrency: '5 (default)' });
				const raised = latencyMs === 0 ? rfC0 : rfC20;
				list.push({ ...raised, concurrency: String(latencyMs === 0 ? c0 : c20) });
				if (latencyMs === 0 && CONFIG.fields) list.push({ ...rfFields, concurrency: '5 (default)' });
			}
			if (need('p2')) {
				list.push({ ...rfBatch, concurrency: '5 (default)' });
				list.push({ ...httpBatch, concurrency: 'all batches at once' });
				if (!need('p1')) list.push({ ...httpItem, concurrency: 'all items at once' }, { ...httpWhole, concurrency: 'all items at once' });
			}
			results.rows.push(...(await throughput(n8n, sandbox, 'P1/P2', latencyMs, list)));
			save(results);
		}
	}

	if (need('p4')) {
		sandbox.setLatency(0);
		const pid = n8nMainPid(n8n);
		const batch: Scenario = { ...(await rfItem('mem-rf-batch', { batchSize: 100 })), apiPath: '/vision-events/batch' };
		const base: Scenario = { ...batch, key: 'mem-noop', path: 'mem-noop', workflowId: await publish(n8n, wf.noOpWorkflow('mem-noop')), measured: ['Done'] };
		for (const count of CONFIG.memoryCounts) {
			const peaks: Record<string, number[]> = { base: [], batch: [] };
			const deltas: Record<string, number[]> = { base: [], batch: [] };
			for (let rep = 1; rep <= CONFIG.reps; rep++) {
				for (const [name, s] of [['base', base], ['batch', batch]] as const) {
					const m = await withPeakRss(pid, async () => {
						if (name === 'base') {
							sandbox.reset();
							const rec = await runOnce(n8n, s.workflowId, s.path, { count, tag: tag(), baseTime: Date.now() - 3_600_000, useCaseId: USE_CASE }, { includeData: false });
							if (rec.status !== 'success') throw new BenchFailure(`memory baseline run ended ${rec.status}`);
							await deleteExecutions(n8n, s.workflowId);
							return 0;
						}
						return (await runScenario(n8n, sandbox, s, 0, count, false)).ms;
					});
					peaks[name].push(m.peak / 2 ** 20);
					deltas[name].push((m.peak - m.before) / 2 ** 20);
					log(`P4 ${count} events rep ${rep} ${name}: peak RSS ${(m.peak / 2 ** 20).toFixed(0)} MiB (+${((m.peak - m.before) / 2 ** 20).toFixed(0)})`);
				}
			}
			results.memory.push({ count, baselinePeakMiB: stats(peaks.base), batchPeakMiB: stats(peaks.batch), baselineDeltaMiB: stats(deltas.base), batchDeltaMiB: stats(deltas.batch) });
			save(results);
		}
	}

	if (need('p3')) {
		await runP3(n8n, sandbox, { callbacks: CONFIG.callbacks, reps: CONFIG.reps, log, onRows: (rows) => { results.callbacks.push(...rows); save(results); } });
	}
}

/** P3 again in one fresh n8n per setting that changes how n8n treats webhook calls (bench/p3.ts). */
async function p3Settings(sandbox: Sandbox, results: Results): Promise<void> {
	results.settings = {};
	for (const setting of P3_SETTINGS) {
		results.settings[setting.key] = setting.label;
		const n8n = await startN8n({ packageDir: REPO_ROOT, env: { ...setting.env } });
		log(`n8n with ${setting.label} ready in ${n8n.startupMs} ms`);
		try {
			await runP3(n8n, sandbox, {
				callbacks: CONFIG.settingsCallbacks, reps: CONFIG.reps, settings: setting.key, log,
				onRows: (rows) => { results.callbacks.push(...rows); save(results); },
			});
		} finally {
			await n8n.stop();
		}
	}
}

function describe(options: Record<string, unknown>): string {
	const parts = Object.entries(options).map(([k, v]) => `${k} ${String(v)}`);
	return parts.length ? parts.join(', ') : 'default options';
}

main().catch((error: unknown) => {
	const failure = error instanceof BenchFailure;
	process.stderr.write(`\nBENCH ${failure ? 'VERIFICATION FAILED' : 'ERROR'}: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	process.exit(1);
});

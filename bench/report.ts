/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark tooling, not node code: reads the environment, the machine description and the runtime's package.json */
/** Result shapes, the machine description, the markdown tables and the target checks. */
import { readFileSync } from 'node:fs';
import { cpus, machine as arch, release, totalmem, type } from 'node:os';
import { join } from 'node:path';

import type { Stats } from './measure';
import type { QueueRow } from './p5';
import { CAMERA_INTERVALS_SEC, type CapacityRow } from './p6';

export interface ThroughputRow {
	part: string;
	key: string;
	label: string;
	latencyMs: number;
	concurrency: string;
	perSec: Stats;
	executionMs: Stats;
}

/** One P3 figure; `settings` names the P3_SETTINGS entry of the n8n it ran in (none = n8n's defaults). */
export interface CallbackRow {
	key: string;
	label: string;
	settings?: string;
	concurrency: number;
	callbacks: number;
	acceptedPerSec: Stats;
	completedPerSec: Stats;
	lost: number;
}

export interface Results {
	startedAt: string;
	durationSec?: number;
	config: Record<string, unknown>;
	machine: Record<string, unknown>;
	rows: ThroughputRow[];
	callbacks: CallbackRow[];
	/** Labels of the P3_SETTINGS that ran, by key. */
	settings?: Record<string, string>;
	memory: Array<{ count: number; baselinePeakMiB: Stats; batchPeakMiB: Stats; baselineDeltaMiB: Stats; batchDeltaMiB: Stats }>;
	raw: Array<{ concurrency: number; latencyMs: number; perSec: Stats }>;
	/** P5: the example workflow in one n8n process and in queue mode, same run. */
	queue?: QueueRow[];
	/** P6: alerts/s and CPU per alert of the example in three set-ups, two settings each. */
	capacity?: CapacityRow[];
	targets?: Array<{ target: string; ratio: number; wanted: number; met: boolean }>;
}

export function machine(): Record<string, unknown> {
	const runtime = process.env.N8N_HOME ?? join(__dirname, '..', '..', '.cache', 'runtime', 'n8n');
	let n8nVersion = 'unknown';
	try {
		n8nVersion = (JSON.parse(readFileSync(join(runtime, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
	} catch {
		// runtime elsewhere
	}
	const os = `${type()} ${release()} ${arch()}`;
	return {
		nproc: cpus().length,
		cpu: cpus()[0]?.model ?? 'unknown',
		memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		os,
		node: process.version,
		n8n: n8nVersion,
		expressionEngine: process.env.N8N_EXPRESSION_ENGINE ?? "n8n's default",
	};
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const triple = (s: Stats, f = f0) => `${f(s.min)} / **${f(s.median)}** / ${f(s.max)}`;

/** Ratio of medians; `http-item` means the faster of the two HTTP Request per-item variants. */
function ratio(rows: ThroughputRow[], key: string, baseKey: string, latencyMs: number): number {
	const median = (k: string) => rows.find((r) => r.key === k && r.latencyMs === latencyMs)?.perSec.median ?? NaN;
	const base = baseKey === 'http-item' ? Math.max(median('http-item'), median('http-item-json') || 0) : median(baseKey);
	return median(key) / base;
}

/** The issue's targets, from medians measured side by side in this run. */
export function targets(r: Results): NonNullable<Results['targets']> {
	const out: NonNullable<Results['targets']> = [];
	const push = (target: string, value: number, wanted: number) => {
		if (Number.isFinite(value)) out.push({ target, ratio: Math.round(value * 100) / 100, wanted, met: value >= wanted });
	};
	const c20 = r.rows.find((x) => x.latencyMs === 20 && /^rf-item-c\d+$/.test(x.key));
	push('P1 Roboflow (defaults) vs HTTP Request per item, 0 ms', ratio(r.rows, 'rf-item', 'http-item', 0), 1.5);
	if (c20) push(`P1 Roboflow (concurrency ${c20.concurrency}) vs HTTP Request per item, 20 ms`, ratio(r.rows, c20.key, 'http-item', 20), 1.0);
	for (const latency of [0, 20]) {
		push(`P2 Roboflow batchSize 100 vs HTTP Request per item, ${latency} ms`, ratio(r.rows, 'rf-batch', 'http-item', latency), 4);
		push(`P2 Roboflow batchSize 100 vs hand-built batches, ${latency} ms`, ratio(r.rows, 'rf-batch', 'http-batch', latency), 1.0);
	}
	for (const c of [10, 50]) {
		const t = r.callbacks.find((x) => x.key === 'trigger' && x.concurrency === c && !x.settings);
		const w = r.callbacks.find((x) => x.key === 'webhook' && x.concurrency === c && !x.settings);
		if (t && w) {
			push(`P3 Alert Trigger vs Webhook node, accepted/s, concurrency ${c}`, t.acceptedPerSec.median / w.acceptedPerSec.median, 0.9);
			push(`P3 Alert Trigger vs Webhook node, executions/s, concurrency ${c}`, t.completedPerSec.median / w.completedPerSec.median, 0.9);
		}
		const h = r.callbacks.find((x) => x.key === 'wired' && x.concurrency === c && !x.settings);
		if (t && h) {
			push(`P3 Alert Trigger vs hand-wired Webhook → IF → Remove Duplicates, accepted/s, concurrency ${c}`, t.acceptedPerSec.median / h.acceptedPerSec.median, 1.0);
			push(`P3 Alert Trigger vs hand-wired Webhook → IF → Remove Duplicates, executions/s, concurrency ${c}`, t.completedPerSec.median / h.completedPerSec.median, 1.0);
		}
	}
	return out;
}

export function printReport(r: Results): string {
	r.targets = targets(r);
	const lines: string[] = [];
	const m = r.machine;
	lines.push(`Machine: ${String(m.nproc)} cores (${String(m.cpu)}), ${String(m.memoryGiB)} GiB, ${String(m.os)}; Node ${String(m.node)}, n8n ${String(m.n8n)}, expression engine ${String(m.expressionEngine)}.`);
	lines.push(`Run ${r.startedAt}, ${String(r.durationSec ?? '?')} s in total; ${String(r.config.reps)} repetitions, figures are min / **median** / max.`, '');
	if (r.rows.length) {
		lines.push(`### P1/P2 — ${String(r.config.items)} vision events, throughput from n8n's execution record (events/s)`, '');
		lines.push('| latency | node | concurrency | events/s | vs HTTP Request per item (faster variant) | vs hand-built batches |', '|---|---|---|---|---|---|');
		for (const row of r.rows) {
			lines.push(
				`| ${row.latencyMs} ms | ${row.label} | ${row.concurrency} | ${triple(row.perSec)} | ${f1(ratio(r.rows, row.key, 'http-item', row.latencyMs))}× | ${f1(ratio(r.rows, row.key, 'http-batch', row.latencyMs))}× |`,
			);
		}
		lines.push('');
	}
	const defaults = r.callbacks.filter((c) => !c.settings);
	if (defaults.length) {
		lines.push(`### P3 — alert callbacks into n8n, n8n's default settings (${String(r.config.callbacks)} per run)`, '');
		lines.push('| concurrency | workflow | accepted/s | executions completed/s | lost |', '|---|---|---|---|---|');
		for (const c of defaults) lines.push(`| ${c.concurrency} | ${c.label} | ${triple(c.acceptedPerSec, f1)} | ${triple(c.completedPerSec, f1)} | ${c.lost} |`);
		lines.push('');
	}
	const other = r.callbacks.filter((c) => c.settings);
	if (other.length) {
		lines.push(`### P3 under other n8n expression settings (one extra n8n per setting, ${String(r.config.settingsCallbacks)} callbacks per run)`, '');
		lines.push('| setting | concurrency | workflow | accepted/s | executions completed/s | lost | trigger ÷ Webhook (accepted / completed) |', '|---|---|---|---|---|---|---|');
		for (const c of other) {
			const peer = other.find((x) => x.settings === c.settings && x.concurrency === c.concurrency && x.key === 'webhook');
			const vs = c.key === 'trigger' && peer
				? `${(c.acceptedPerSec.median / peer.acceptedPerSec.median).toFixed(2)}× / ${(c.completedPerSec.median / peer.completedPerSec.median).toFixed(2)}×`
				: '';
			lines.push(`| ${r.settings?.[c.settings!] ?? c.settings!} | ${c.concurrency} | ${c.label} | ${triple(c.acceptedPerSec, f1)} | ${triple(c.completedPerSec, f1)} | ${c.lost} | ${vs} |`);
		}
		lines.push('');
	}
	if (r.memory.length) {
		lines.push('### P4 — peak RSS of the n8n main process, batch mode (MiB)', '');
		lines.push('| events | Code → NoOp (n8n item storage): peak / growth | Code → Roboflow batchSize 100: peak / growth | extra growth over NoOp (median) |', '|---|---|---|---|');
		for (const x of r.memory) {
			lines.push(`| ${x.count} | ${triple(x.baselinePeakMiB)} / ${triple(x.baselineDeltaMiB)} | ${triple(x.batchPeakMiB)} / ${triple(x.batchDeltaMiB)} | ${f0(x.batchDeltaMiB.median - x.baselineDeltaMiB.median)} |`);
		}
		lines.push('');
	}
	if (r.queue?.length) {
		const single = r.queue.find((q) => q.mode === 'single');
		lines.push(`### P5 — the alert → Roboflow example, one n8n process vs queue mode (${String(r.config.p5Callbacks)} callbacks per run, concurrency ${r.queue[0].concurrency})`, '');
		lines.push('| set-up | callbacks accepted/s | vision events stored/s | lost | ÷ one process (accepted / stored) |', '|---|---|---|---|---|');
		for (const q of r.queue) {
			const vs = single ? `${(q.acceptedPerSec.median / single.acceptedPerSec.median).toFixed(2)}× / ${(q.eventsPerSec.median / single.eventsPerSec.median).toFixed(2)}×` : '';
			lines.push(`| ${q.label} | ${triple(q.acceptedPerSec, f1)} | ${triple(q.eventsPerSec, f1)} | ${q.lost} | ${vs} |`);
		}
		lines.push('', 'Two cores serve every process in both set-ups: the queue-mode figure is its overhead, not its scaling.', '');
	}
	if (r.capacity?.length) lines.push(...capacityTables(r.capacity, r), '');
	if (r.raw.length) {
		lines.push('### Raw ceiling — plain Node + undici keep-alive pool, single-event POSTs, no n8n (req/s)', '');
		lines.push('| concurrency | latency | req/s |', '|---|---|---|');
		for (const x of r.raw) lines.push(`| ${x.concurrency} | ${x.latencyMs} ms | ${triple(x.perSec)} |`);
		lines.push('');
	}
	if (r.targets.length) {
		lines.push('### Targets (ratios of medians from this run)', '', '| target | ratio | wanted | met |', '|---|---|---|---|');
		for (const t of r.targets) lines.push(`| ${t.target} | ${t.ratio.toFixed(2)}× | ≥ ${t.wanted}× | ${t.met ? 'yes' : '**no**'} |`);
	}
	return lines.join('\n');
}

/** P6: the measured table (rates, CPU per alert by process type) and the capacity table for the README. */
function capacityTables(rows: CapacityRow[], r: Results): string[] {
	const cores = Number(r.machine.nproc);
	const ms = (s?: Stats) => (s ? triple(s, f1) : '–');
	const setting = (c: CapacityRow) => (c.setting === 'lazy' ? 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (experimental)' : "n8n's defaults");
	const lines = [
		`### P6 — capacity of the alert → Roboflow example (${String(r.config.p6Callbacks)} alerts per run, concurrency ${rows[0].concurrency}, ${cores} cores)`,
		'',
		'| set-up | setting | alerts accepted/s | vision events stored/s | lost | CPU ms per alert: single process | main | workers | webhook processors | n8n total | Postgres + Redis |',
		'|---|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const c of rows) {
		const k = c.cpuMsPerAlert;
		lines.push(`| ${c.label} | ${setting(c)} | ${ms(c.acceptedPerSec)} | ${ms(c.eventsPerSec)} | ${c.lost} | ${ms(k.single)} | ${ms(k.main)} | ${ms(k.worker)} | ${ms(k.webhook)} | ${ms(c.n8nCpuMsPerAlert)} | ${ms(k.services)} |`);
	}
	const [slow, fast] = CAMERA_INTERVALS_SEC.map((sec) => `every ${sec === 60 ? '' : `${sec / 60} `}min`);
	lines.push(
		'',
		`#### Capacity (medians): cameras per core, one alert per camera ${slow} / ${fast}`,
		'',
		`| set-up | setting | alerts/s on ${cores} cores | cameras per core, measured (${slow} / ${fast}) | n8n CPU ms per alert | cameras per core from CPU (${slow} / ${fast}) | same incl. Postgres + Redis |`,
		'|---|---|---|---|---|---|---|',
	);
	for (const c of rows) {
		const pair = (p?: [number, number]) => (p ? `${p[0]} / ${p[1]}` : '–');
		lines.push(`| ${c.label} | ${setting(c)} | ${f1(c.eventsPerSec.median)} | ${pair(c.camerasPerCore.measured)} | ${f1(c.n8nCpuMsPerAlert.median)} | ${pair(c.camerasPerCore.fromCpu)} | ${pair(c.camerasPerCore.fromCpuWithServices)} |`);
	}
	return lines;
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- benchmark tooling, not node code: the machine's core count, and errors of starting set-ups passed on as they are */
/**
 * P6: capacity of the example "VideoDB alert → Roboflow vision event" for a site planner. Three
 * set-ups — one n8n process (SQLite), queue mode with 1 worker, queue mode with 2 workers (each
 * with main and 2 webhook processors, as P5) — each under n8n's defaults and with
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true: sustained alerts/s (as P5 measures them) and the CPU
 * time each n8n process type spends per alert, read from /proc before and after every run. Alerts/s
 * is what this 2-core machine does; CPU per alert is what extrapolates to other machines.
 * The two settings of a set-up are up side by side and their runs alternate (ABBA), so drift hits
 * both alike; only one set-up pair is up at a time, so idle processes of others cost nothing.
 */
import { cpus } from 'node:os';

import type { Sandbox } from '../sandbox';
import { REPO_ROOT, startN8n } from '../test/e2e/n8n';
import { sleep } from '../test/e2e/until';
import { startCluster } from '../test/queue/cluster';
import { storedByDetection } from '../test/queue/deliveries';
import { listeningPids, n8nPid, processEnv, treeCpuMs } from './cpu';
import { stats, type Stats } from './measure';
import { P3_SETTINGS } from './p3';
import { runOnce, setUp, type P5Options } from './p5';
import { BenchFailure } from './verify';

/** What a process is, for CPU per alert: n8n's process types, and Postgres + Redis of queue mode. */
export const KINDS = ['single', 'main', 'worker', 'webhook', 'services'] as const;
export type Kind = (typeof KINDS)[number];

export interface CapacityRow {
	topology: string;
	setting: string;
	label: string;
	settingLabel: string;
	callbacks: number;
	concurrency: number;
	acceptedPerSec: Stats;
	eventsPerSec: Stats;
	lost: number;
	/** CPU ms per alert, summed over the processes of each kind (e.g. both webhook processors). */
	cpuMsPerAlert: Partial<Record<Kind, Stats>>;
	/** CPU ms per alert of all n8n processes (every kind but services). */
	n8nCpuMsPerAlert: Stats;
	/** Cameras one core serves at one alert per camera per 10 min / per minute (medians). */
	camerasPerCore: { measured: [number, number]; fromCpu: [number, number]; fromCpuWithServices?: [number, number] };
	/** Wait after the last stored event until the processes were idle (their tail work counts). */
	settleMs: Stats;
	/** CPU ms per second with no alerts, by kind (measured once, after the warm-up). */
	idleCpuMsPerSec: Partial<Record<Kind, number>>;
}

const TOPOLOGIES = [
	{ key: 'single', workers: 0, label: 'one n8n process (regular mode, SQLite)' },
	{ key: 'queue-1', workers: 1, label: 'queue mode: main + 1 worker + 2 webhook processors (Postgres 17, Redis)' },
	{ key: 'queue-2', workers: 2, label: 'queue mode: main + 2 workers + 2 webhook processors (Postgres 17, Redis)' },
] as const;

const lazy = P3_SETTINGS.find((s) => s.key === 'lazy-acquire')!;
const SETTINGS = [
	{ key: 'defaults', label: "n8n's defaults", env: {} as Record<string, string> },
	{ key: 'lazy', label: lazy.label, env: { ...lazy.env } as Record<string, string> },
] as const;

/** Alerts per camera: one per 10 minutes and one per minute, in seconds between alerts. */
export const CAMERA_INTERVALS_SEC = [600, 60] as const;

interface SetUp {
	label: string;
	urls: string[];
	processes: Array<{ kind: Kind; pid: number }>;
	stop(): Promise<void>;
}

/** Starts one set-up with the example published; callbacks go straight to the webhook processors, round-robin (as P5). */
async function start(sandbox: Sandbox, topology: (typeof TOPOLOGIES)[number], env: Record<string, string>): Promise<SetUp> {
	if (topology.workers === 0) {
		const n8n = await startN8n({ packageDir: REPO_ROOT, env });
		try {
			const path = await setUp(n8n, sandbox);
			return { label: topology.label, urls: [`${n8n.baseUrl}/${path}`], processes: [{ kind: 'single', pid: n8nPid(n8n.pid!) }], stop: async () => await n8n.stop() };
		} catch (error) {
			await n8n.stop();
			throw error;
		}
	}
	const cluster = await startCluster({ workers: topology.workers, webhooks: 2, env });
	try {
		const path = await setUp(cluster.main, sandbox);
		const mainPid = n8nPid(cluster.main.pid!);
		// Postgres and Redis by their ports (the cluster does not hand out their PIDs); nginx is not
		// measured: the callbacks bypass it, as in P5.
		const servicePorts = ['DB_POSTGRESDB_PORT', 'QUEUE_BULL_REDIS_PORT'].map((name) => Number(processEnv(mainPid, name)));
		const services = servicePorts.flatMap((port) => listeningPids(port));
		if (services.length < 2) throw new BenchFailure(`P6: Postgres and Redis processes not found on ports ${servicePorts.join(', ')} (found ${services.length})`);
		return {
			label: topology.label,
			urls: cluster.webhooks.map((w) => `${w.baseUrl}/${path}`),
			processes: [
				{ kind: 'main', pid: mainPid },
				...cluster.workers.map((w) => ({ kind: 'worker' as const, pid: n8nPid(w.pid!) })),
				...cluster.webhooks.map((w) => ({ kind: 'webhook' as const, pid: n8nPid(w.pid!) })),
				...services.map((pid) => ({ kind: 'services' as const, pid })),
			],
			stop: async () => await cluster.stop(),
		};
	} catch (error) {
		await cluster.stop();
		throw error;
	}
}

/**
 * Waits until the set-up's processes are idle (under 10 % of one core over 500 ms; at most 15 s),
 * so work left after the last stored event (saving executions, queue bookkeeping) is counted.
 */
async function settle(pids: number[]): Promise<number> {
	const t0 = Date.now();
	let prev = treeCpuMs(pids).reduce((a, b) => a + b, 0);
	while (Date.now() - t0 < 15_000) {
		await sleep(500);
		const now = treeCpuMs(pids).reduce((a, b) => a + b, 0);
		if (now - prev < 50) break;
		prev = now;
	}
	return Date.now() - t0;
}

interface RunFigures {
	acceptedPerSec: number;
	eventsPerSec: number;
	cpuMs: Partial<Record<Kind, number>>;
	settleMs: number;
}

/** One run of `callbacks` alerts into a set-up: rates, CPU per alert by kind, and the exactly-once check. */
async function measure(sandbox: Sandbox, s: SetUp, tag: string, o: P5Options): Promise<RunFigures> {
	const pids = s.processes.map((p) => p.pid);
	const before = treeCpuMs(pids);
	const r = await runOnce(sandbox, s.urls, tag, o);
	const settleMs = await settle(pids);
	const after = treeCpuMs(pids);
	// Checked after settling, so a late second copy of a detection is caught too.
	const counts = storedByDetection(sandbox, tag);
	const twice = [...counts.values()].filter((n) => n !== 1).length;
	if (r.accepted !== o.callbacks || counts.size !== o.callbacks || twice) {
		throw new BenchFailure(`P6 ${s.label} (${tag}): ${r.accepted} of ${o.callbacks} alerts accepted, ${o.callbacks - counts.size} detections without a vision event, ${twice} stored more than once`);
	}
	return { acceptedPerSec: r.acceptedPerSec, eventsPerSec: r.eventsPerSec, cpuMs: byKind(s, before, after, o.callbacks), settleMs };
}

/** CPU ms between two readings of a set-up's processes, summed by kind and divided by `per`. */
function byKind(s: SetUp, before: number[], after: number[], per: number): Partial<Record<Kind, number>> {
	const out: Partial<Record<Kind, number>> = {};
	s.processes.forEach((p, i) => (out[p.kind] = (out[p.kind] ?? 0) + (after[i] - before[i]) / per));
	return out;
}

const byKindText = (m: Partial<Record<Kind, number>>) => Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');

/**
 * CPU ms per second the set-up spends with no alerts (timers, queue and database polling): part of
 * every run's figure, negligible when it is small next to CPU per alert × alerts per second.
 */
async function idle(s: SetUp): Promise<Partial<Record<Kind, number>>> {
	const pids = s.processes.map((p) => p.pid);
	const before = treeCpuMs(pids);
	await sleep(5000);
	return byKind(s, before, treeCpuMs(pids), 5);
}

export async function runP6(sandbox: Sandbox, o: P5Options & { onRows?: (rows: CapacityRow[]) => void }): Promise<CapacityRow[]> {
	const rows: CapacityRow[] = [];
	const cores = cpus().length;
	const warmUp = { ...o, callbacks: Math.min(20, o.callbacks) };
	for (const topology of TOPOLOGIES) {
		// A fresh sandbox per pair: the stored-event scan stays short; earlier set-ups are stopped by now.
		sandbox.reset();
		sandbox.setLatency(0);
		const pair: SetUp[] = [];
		try {
			for (const setting of SETTINGS) {
				pair.push(await start(sandbox, topology, setting.env));
				o.log(`P6: ${topology.label}, ${setting.key} ready`);
			}
			// Warm-up (checked, not counted): JIT, connection pools and the isolate pool are filled first.
			const idles: Array<Partial<Record<Kind, number>>> = [];
			for (const [i, s] of pair.entries()) {
				await measure(sandbox, s, `p6-${topology.key}-${SETTINGS[i].key}-warm`, warmUp);
				idles.push(await idle(s));
				o.log(`P6 ${topology.key} ${SETTINGS[i].key} idle, CPU ms per s: ${byKindText(idles[i])}`);
			}
			const runs: RunFigures[][] = pair.map(() => []);
			for (let rep = 1; rep <= o.reps; rep++) {
				const order = rep % 2 ? [0, 1] : [1, 0];
				for (const i of order) {
					const f = await measure(sandbox, pair[i], `p6-${topology.key}-${SETTINGS[i].key}-${rep}`, o);
					runs[i].push(f);
					o.log(`P6 rep ${rep} ${topology.key} ${SETTINGS[i].key}: ${f.acceptedPerSec.toFixed(1)} accepted/s, ${f.eventsPerSec.toFixed(1)} stored/s, 0 lost; CPU ms per alert: ${byKindText(f.cpuMs)} (settled in ${f.settleMs} ms)`);
				}
			}
			rows.push(...pair.map((_, i) => toRow(topology, SETTINGS[i], runs[i], idles[i], o, cores)));
			o.onRows?.(rows);
		} finally {
			for (const s of pair) await s.stop();
		}
	}
	return rows;
}

function toRow(topology: (typeof TOPOLOGIES)[number], setting: (typeof SETTINGS)[number], runs: RunFigures[], idleCpuMsPerSec: CapacityRow['idleCpuMsPerSec'], o: P5Options, cores: number): CapacityRow {
	const cpuMsPerAlert: CapacityRow['cpuMsPerAlert'] = {};
	for (const kind of KINDS) if (runs[0].cpuMs[kind] !== undefined) cpuMsPerAlert[kind] = stats(runs.map((r) => r.cpuMs[kind]!));
	const n8nTotal = (r: RunFigures) => KINDS.filter((k) => k !== 'services').reduce((sum, k) => sum + (r.cpuMs[k] ?? 0), 0);
	const n8nCpuMsPerAlert = stats(runs.map(n8nTotal));
	const eventsPerSec = stats(runs.map((r) => r.eventsPerSec));
	const perCore = (alertsPerSecPerCore: number) => CAMERA_INTERVALS_SEC.map((sec) => Math.round(alertsPerSecPerCore * sec)) as [number, number];
	const withServices = cpuMsPerAlert.services ? n8nCpuMsPerAlert.median + cpuMsPerAlert.services.median : undefined;
	return {
		topology: topology.key,
		setting: setting.key,
		label: topology.label,
		settingLabel: setting.label,
		callbacks: o.callbacks,
		concurrency: o.concurrency,
		acceptedPerSec: stats(runs.map((r) => r.acceptedPerSec)),
		eventsPerSec,
		lost: 0,
		cpuMsPerAlert,
		n8nCpuMsPerAlert,
		camerasPerCore: {
			// Sustained end-to-end rate (stored/s) spread over the machine's cores.
			measured: perCore(eventsPerSec.median / cores),
			// One core gives 1000 ms of CPU per second; an alert takes this many.
			fromCpu: perCore(1000 / n8nCpuMsPerAlert.median),
			fromCpuWithServices: withServices ? perCore(1000 / withServices) : undefined,
		},
		settleMs: stats(runs.map((r) => r.settleMs)),
		idleCpuMsPerSec,
	};
}

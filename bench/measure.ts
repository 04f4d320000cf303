/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- benchmark tooling, not node code: reads and writes result files and passes errors of the n8n REST calls on as they are */
/**
 * Measuring helpers: repetition statistics, one workflow run read back from n8n's execution
 * record, and the RSS of n8n's main process.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import type { ExecutionSummary, N8n } from '../test/e2e/n8n';
import { sleep } from '../test/e2e/until';
import { n8nPid } from './cpu';

export interface Stats {
	min: number;
	median: number;
	max: number;
	values: number[];
}

export function stats(values: number[]): Stats {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	return { min: sorted[0], median, max: sorted[sorted.length - 1], values };
}

interface TaskData {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	data?: { main?: Array<Array<unknown> | null> };
}
type RunData = Record<string, TaskData[]>;

export interface RunRecord {
	executionId: string;
	status: string;
	/** Milliseconds per node, from the execution record (`executionTime`). */
	nodeMs: Record<string, number>;
	/** Output items per node (first output). */
	nodeItems: Record<string, number>;
	/** stoppedAt − startedAt of the execution. */
	executionMs: number;
	error?: string;
}

/**
 * n8n answers 503 "Database is not ready!" for a moment when its SQLite health check is slow under
 * load (seen on a busy 2-core machine); such reads are repeated (bounded), nothing else is.
 */
export async function whenDbReady<T>(read: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await read();
		} catch (error) {
			const status = (error as { status?: number }).status;
			if (status !== 503 || Date.now() > deadline) throw error;
			await sleep(500);
		}
	}
}

async function newestExecution(n8n: N8n, workflowId: string, includeData: boolean): Promise<ExecutionSummary | undefined> {
	const qs = new URLSearchParams({ workflowId, limit: '1', includeData: String(includeData) });
	const page = await whenDbReady(async () => await n8n.publicApi<{ data: ExecutionSummary[] }>('GET', `/executions?${qs.toString()}`));
	return page.data[0];
}

/**
 * Calls the run workflow's webhook (it answers when the workflow has finished) and reads the new
 * execution back. `afterId` is the newest execution id before the call.
 */
export async function runOnce(
	n8n: N8n,
	workflowId: string,
	path: string,
	body: Record<string, unknown>,
	opts: { includeData?: boolean; timeoutMs?: number } = {},
): Promise<RunRecord> {
	const before = await newestExecution(n8n, workflowId, false);
	const timeoutMs = opts.timeoutMs ?? 300_000;
	const answer = await n8n.webhook(path, { body, timeoutMs });
	if (answer.status !== 200) throw new Error(`webhook ${path} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
	const deadline = Date.now() + 60_000;
	for (;;) {
		const latest = await newestExecution(n8n, workflowId, false);
		if (latest && latest.id !== before?.id && latest.stoppedAt) break;
		if (Date.now() > deadline) throw new Error(`no finished execution of ${workflowId} after the webhook answered`);
		await sleep(100);
	}
	const full = (await newestExecution(n8n, workflowId, opts.includeData ?? true)) as ExecutionSummary;
	const record: RunRecord = {
		executionId: String(full.id),
		status: full.status,
		nodeMs: {},
		nodeItems: {},
		executionMs: new Date(full.stoppedAt as string).getTime() - new Date(full.startedAt).getTime(),
	};
	const resultData = (full.data as unknown as { resultData?: { runData?: RunData; error?: { message?: string } } } | undefined)
		?.resultData;
	for (const [name, tasks] of Object.entries(resultData?.runData ?? {})) {
		record.nodeMs[name] = tasks.reduce((sum, t) => sum + (t.executionTime ?? 0), 0);
		record.nodeItems[name] = tasks.reduce((sum, t) => sum + (t.data?.main?.[0]?.length ?? 0), 0);
	}
	if (resultData?.error) record.error = resultData.error.message;
	return record;
}

/** Removes the workflow's executions so the SQLite tables do not grow across repetitions. */
/** Imports a workflow and publishes it (its webhooks go live); returns its id. */
export async function publish(n8n: N8n, workflow: Parameters<N8n['importWorkflow']>[0]): Promise<string> {
	const id = await n8n.importWorkflow(workflow);
	await n8n.activate(id);
	return id;
}

export async function deleteExecutions(n8n: N8n, workflowId: string): Promise<void> {
	await n8n.request('POST', '/rest/executions/delete', {
		body: { filters: { workflowId }, deleteBefore: new Date(Date.now() + 60_000).toISOString() },
	});
}

/** All executions of a workflow (no data), following the public API's cursor; bounded. */
export async function allExecutions(n8n: N8n, workflowId: string, max = 20_000): Promise<ExecutionSummary[]> {
	const out: ExecutionSummary[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < Math.ceil(max / 250) + 1; page++) {
		const qs = new URLSearchParams({ workflowId, limit: '250' });
		if (cursor) qs.set('cursor', cursor);
		const res = await whenDbReady(
			async () => await n8n.publicApi<{ data: ExecutionSummary[]; nextCursor?: string | null }>('GET', `/executions?${qs.toString()}`),
		);
		out.push(...res.data);
		if (!res.nextCursor || res.data.length === 0) break;
		cursor = res.nextCursor;
	}
	return out;
}

/** Finished executions of a workflow, counted through the internal list (cheap to poll). */
export async function executionCount(n8n: N8n, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const res = await whenDbReady(async () => await n8n.rest<{ count: number }>('GET', `/executions?filter=${filter}&limit=1`));
	return res.count;
}

/** The n8n main process: the child of the harness's watchdog shell that runs n8n (bench/cpu.ts). */
export function n8nMainPid(n8n: N8n): number {
	return n8nPid(n8n.pid!);
}

export function rssBytes(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /VmRSS:\s+(\d+) kB/.exec(status);
	return match ? Number(match[1]) * 1024 : 0;
}

/** Samples RSS every `everyMs` while `work` runs; returns its result and the peak. */
export async function withPeakRss<T>(pid: number, work: () => Promise<T>, everyMs = 25): Promise<{ result: T; peak: number; before: number }> {
	// Resetting VmHWM (clear_refs 5) lets the kernel catch peaks between samples too.
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
	} catch {
		// not permitted: sampling alone
	}
	const before = rssBytes(pid);
	let peak = before;
	let running = true;
	const sampler = (async () => {
		while (running) {
			peak = Math.max(peak, rssBytes(pid));
			await sleep(everyMs);
		}
	})();
	try {
		const result = await work();
		return { result, peak: Math.max(peak, hwm(pid)), before };
	} finally {
		running = false;
		await sampler;
	}
}

function hwm(pid: number): number {
	const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) * 1024 : 0;
}

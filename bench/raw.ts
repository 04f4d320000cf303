/**
 * The raw ceiling: plain Node + an undici keep-alive pool posting single events straight to the
 * sandbox, no n8n. Runs in a worker thread so the client does not share a core with the sandbox.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- benchmark tooling, not node code: the client runs in a worker thread
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Agent, request } from 'undici';

import { generateEvents } from './events';

export interface RawJob {
	url: string;
	apiKey: string;
	count: number;
	concurrency: number;
	tag: string;
	baseTime: number;
	useCaseId: string;
}

export interface RawResult {
	ms: number;
	statuses: Record<string, number>;
}

async function runJob(job: RawJob): Promise<RawResult> {
	const bodies = generateEvents(job.count, job.tag, job.baseTime, job.useCaseId).map((e) => JSON.stringify(e));
	const dispatcher = new Agent({ connections: job.concurrency, keepAliveTimeout: 10_000 });
	const statuses: Record<string, number> = {};
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const body = bodies[next++];
			const res = await request(`${job.url}/vision-events`, {
				method: 'POST',
				dispatcher,
				headers: { 'content-type': 'application/json', authorization: `Bearer ${job.apiKey}` },
				body,
			});
			await res.body.text();
			statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
		}
	};
	const t0 = performance.now();
	await Promise.all(Array.from({ length: job.concurrency }, worker));
	const ms = performance.now() - t0;
	await dispatcher.close();
	return { ms, statuses };
}

/** Runs one job in a fresh worker thread. */
export async function runRaw(job: RawJob): Promise<RawResult> {
	return await new Promise((resolve, reject) => {
		// The worker loads this file through the same TypeScript hook as the main thread.
		const hook = require.resolve('./ts-hook.cjs');
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- benchmark tooling: the worker loads this very file
		const code = `require(${JSON.stringify(hook)}); require(${JSON.stringify(__filename)});`;
		const worker = new Worker(code, { eval: true, workerData: job });
		worker.once('message', (result: RawResult) => {
			resolve(result);
			void worker.terminate();
		});
		worker.once('error', reject);
	});
}

if (!isMainThread && parentPort) {
	const port = parentPort;
	void runJob(workerData as RawJob).then((result) => port.postMessage(result));
}

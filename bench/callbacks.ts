/**
 * P3: alert callbacks into n8n as VideoDB would send them (one POST per detection), `concurrency`
 * at a time over a keep-alive pool. Accepted = answered 200; completed = executions n8n finished.
 */
import { Agent, request } from 'undici';

import type { N8n } from '../test/e2e/n8n';
import { sleep } from '../test/e2e/until';
import { allExecutions, deleteExecutions, executionCount } from './measure';

export interface CallbackRun {
	accepted: number;
	statuses: Record<string, number>;
	/** Callbacks answered per second (client clock, first send → last answer). */
	acceptedPerSec: number;
	/** Executions finished per second (first send → the last execution's stoppedAt). */
	completedPerSec: number;
	executions: number;
	succeeded: number;
	lost: number;
}

/** A VideoDB alert payload; `n` and `tag` make event_id + timestamp unique (no de-duplication). */
function payload(tag: string, n: number): Record<string, unknown> {
	const at = 1_760_000_000 + n;
	return {
		event_id: `event-${tag}-${n}`,
		label: 'person_on_dock',
		confidence: 0.91,
		explanation: 'A person is standing on the loading dock.',
		timestamp: new Date(at * 1000).toISOString(),
		start_time: at - 2,
		end_time: at,
		stream_url: 'https://stream.videodb.io/rts/warehouse-dock.m3u8',
	};
}

export async function sendCallbacks(
	n8n: N8n,
	workflowId: string,
	url: string,
	count: number,
	concurrency: number,
	tag: string,
): Promise<CallbackRun> {
	await deleteExecutions(n8n, workflowId);
	const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
	const statuses: Record<string, number> = {};
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const n = next++;
			const res = await request(url, {
				method: 'POST',
				dispatcher,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(payload(tag, n)),
				headersTimeout: 120_000,
				bodyTimeout: 120_000,
			});
			await res.body.text();
			statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
		}
	};
	const t0 = Date.now();
	await Promise.all(Array.from({ length: concurrency }, worker));
	const acceptedMs = Date.now() - t0;
	await dispatcher.close();
	const accepted = statuses['200'] ?? 0;

	// Wait (bounded) until every accepted callback has a finished execution, then read them back.
	const deadline = Date.now() + 180_000;
	let seen = 0;
	for (let stable = 0; Date.now() < deadline; ) {
		const now = await executionCount(n8n, workflowId);
		stable = now === seen ? stable + 1 : 0;
		seen = now;
		if (now >= accepted || stable >= 20) break;
		await sleep(250);
	}
	const executions = await allExecutions(n8n, workflowId, count + 500);
	const finished = executions.filter((e) => e.stoppedAt);
	const lastStop = Math.max(...finished.map((e) => new Date(e.stoppedAt as string).getTime()));
	const succeeded = executions.filter((e) => e.status === 'success').length;
	return {
		accepted,
		statuses,
		acceptedPerSec: (accepted / acceptedMs) * 1000,
		completedPerSec: (finished.length / Math.max(1, lastStop - t0)) * 1000,
		executions: executions.length,
		succeeded,
		lost: count - succeeded,
	};
}

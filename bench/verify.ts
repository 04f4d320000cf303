/**
 * A fast wrong run does not count: every run must have sent exactly the expected requests, with
 * exactly the expected bodies, and the sandbox must have stored every event.
 */
import type { Sandbox } from '../sandbox';
import { canonical, generateEvents } from './events';
import type { RunRecord } from './measure';

export interface Expectation {
	count: number;
	tag: string;
	baseTime: number;
	useCaseId: string;
	/** '/vision-events' (one event per request) or '/vision-events/batch' (100 per request). */
	path: '/vision-events' | '/vision-events/batch';
	/** Node whose output item count is checked, and that count (skipped when undefined). */
	outputNode?: string;
	outputItems?: number;
}

export class BenchFailure extends Error {}

/** Throws BenchFailure naming the first discrepancy; returns the number of requests checked. */
export function verifyRun(sandbox: Sandbox, expect: Expectation, record?: RunRecord): number {
	const where = `[${expect.path} ×${expect.count}]`;
	if (record) {
		if (record.status !== 'success') throw new BenchFailure(`${where} execution ${record.executionId} ended '${record.status}': ${record.error ?? ''}`);
		if (expect.outputNode && record.nodeItems[expect.outputNode] !== expect.outputItems) {
			throw new BenchFailure(
				`${where} node ${expect.outputNode} output ${record.nodeItems[expect.outputNode]} items, expected ${expect.outputItems}`,
			);
		}
	}
	const expected = new Map<string, string>();
	for (const event of generateEvents(expect.count, expect.tag, expect.baseTime, expect.useCaseId)) {
		expected.set(event.eventId, canonical(event));
	}
	const requests = sandbox.requests({ service: 'roboflow' });
	const perRequest = expect.path === '/vision-events' ? 1 : 100;
	const wantRequests = Math.ceil(expect.count / perRequest);
	if (requests.length !== wantRequests) {
		throw new BenchFailure(`${where} the sandbox received ${requests.length} Roboflow requests, expected exactly ${wantRequests}`);
	}
	const seen = new Set<string>();
	for (const r of requests) {
		if (r.method !== 'POST' || r.path !== expect.path) throw new BenchFailure(`${where} unexpected request ${r.method} ${r.path}`);
		if (r.status !== 201) throw new BenchFailure(`${where} a request was answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
		const events = perRequest === 1 ? [r.body] : ((r.body as { events?: unknown[] }).events ?? []);
		for (const event of events) {
			const id = (event as { eventId?: string }).eventId ?? '';
			if (seen.has(id)) throw new BenchFailure(`${where} event ${id} was sent twice`);
			seen.add(id);
			if (expected.get(id) !== canonical(event)) {
				throw new BenchFailure(`${where} event ${id} was sent as ${canonical(event).slice(0, 400)}; expected ${expected.get(id)?.slice(0, 400)}`);
			}
		}
	}
	if (seen.size !== expect.count) throw new BenchFailure(`${where} ${seen.size} distinct events sent, expected ${expect.count}`);
	for (const id of expected.keys()) {
		if (!sandbox.state.visionEvents.has(id)) throw new BenchFailure(`${where} event ${id} is not stored in the sandbox`);
	}
	return requests.length;
}

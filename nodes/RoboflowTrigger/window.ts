/**
 * The trigger's poll windows, as plain functions over the state kept in static data (testable
 * without n8n). Vision events are windowed on their own `timestamp`, which the producer sets and
 * which may lie in the past when the event is recorded late; so each window reaches back
 * `OVERLAP_MS` before the end of the previous one, and the ids already emitted from that stretch
 * are remembered so none is emitted twice.
 */
import type { IDataObject } from 'n8n-workflow';

/** How late (event timestamp → recorded) an event may arrive and still be emitted. */
export const OVERLAP_MS = 15 * 60 * 1000;
/** Ids kept for the overlap; past this the oldest go and the window's floor rises above them. */
export const MAX_SEEN = 10000;

export interface PollState {
	/** Which use case and filters the state belongs to; a change starts again at "now". */
	key: string;
	/** Never look before this (ms): the start, raised when the seen list overflows. */
	floor: number;
	/** End (ms) of the last window whose events were all emitted. */
	until: number;
	/** Event id → timestamp (ms) of the events emitted whose timestamp is in the overlap. */
	seen: Record<string, number>;
}

/** Whether the static data holds a poll state (it is empty before the first poll). */
export function isPollState(value: IDataObject): value is IDataObject & PollState {
	return (
		typeof value.key === 'string' &&
		typeof value.floor === 'number' &&
		typeof value.until === 'number' &&
		typeof value.seen === 'object' &&
		value.seen !== null
	);
}

/** The state of a trigger that starts at `now`: nothing before it is emitted. */
export function startAt(key: string, now: number): PollState {
	return { key, floor: now, until: now, seen: {} };
}

/** The window of the next poll: from the overlap before the last end (not below the floor) to now. */
export function nextWindow(state: PollState, now: number): { start: number; end: number } {
	return { start: Math.max(state.floor, state.until - OVERLAP_MS), end: Math.max(now, state.until) };
}

const idOf = (event: IDataObject): string =>
	typeof event.eventId === 'string' && event.eventId !== '' ? event.eventId : JSON.stringify(event);

function timeOf(event: IDataObject, fallback: number): number {
	const ms = typeof event.timestamp === 'string' ? Date.parse(event.timestamp) : NaN;
	return Number.isNaN(ms) ? fallback : ms;
}

/**
 * Given every event the window `[start, end]` holds, returns the ones not emitted before, oldest
 * first (ties by id, so the order is stable), and the state after emitting them. The input state
 * is not changed: a poll that fails before this point leaves it as it was.
 */
export function settleWindow(
	state: PollState,
	window: { start: number; end: number },
	events: IDataObject[],
): { emit: IDataObject[]; state: PollState } {
	const fresh = new Map<string, { event: IDataObject; ts: number }>();
	for (const event of events) {
		const id = idOf(event);
		// A page boundary that shifts while events arrive can repeat an event within one poll.
		if (id in state.seen || fresh.has(id)) continue;
		fresh.set(id, { event, ts: timeOf(event, window.end) });
	}
	const ordered = [...fresh.entries()].sort(([a, x], [b, y]) => x.ts - y.ts || (a < b ? -1 : a > b ? 1 : 0));

	let floor = state.floor;
	const keepFrom = Math.max(floor, window.end - OVERLAP_MS);
	let kept = Object.entries(state.seen).filter(([, ts]) => ts >= keepFrom);
	for (const [id, { ts }] of ordered) if (ts >= keepFrom) kept.push([id, ts]);
	if (kept.length > MAX_SEEN) {
		kept.sort(([, a], [, b]) => b - a);
		// Forgetting an id would let it be emitted again; looking no further back than the newest
		// forgotten timestamp makes that impossible (late events older than it are not emitted).
		floor = Math.max(floor, kept[MAX_SEEN][1] + 1);
		kept = kept.slice(0, MAX_SEEN);
	}
	return {
		emit: ordered.map(([, { event }]) => event),
		state: { key: state.key, floor, until: window.end, seen: Object.fromEntries(kept) },
	};
}

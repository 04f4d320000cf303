/** The trigger's window arithmetic (nodes/RoboflowTrigger/window.ts) without n8n or HTTP. */
import { MAX_SEEN, nextWindow, OVERLAP_MS, settleWindow, startAt } from '../../nodes/RoboflowTrigger/window';

const T0 = Date.parse('2026-06-01T12:00:00.000Z');
const ev = (id: string, ms: number) => ({ eventId: id, timestamp: new Date(ms).toISOString() });

describe('trigger poll windows', () => {
	it('starts at activation and reaches back OVERLAP_MS before the previous end, never below the floor', () => {
		const state = startAt('k', T0);
		expect(nextWindow(state, T0 + 60_000)).toEqual({ start: T0, end: T0 + 60_000 });
		const later = { ...state, until: T0 + 60 * 60_000 };
		expect(nextWindow(later, T0 + 61 * 60_000)).toEqual({ start: T0 + 60 * 60_000 - OVERLAP_MS, end: T0 + 61 * 60_000 });
	});

	it('emits unseen events oldest first (ties by id), drops repeats within and across polls', () => {
		const state = startAt('k', T0);
		const w1 = { start: T0, end: T0 + 60_000 };
		const first = settleWindow(state, w1, [ev('c', T0 + 3), ev('b', T0 + 1), ev('a', T0 + 3), ev('b', T0 + 1)]);
		expect(first.emit.map((e) => e.eventId)).toEqual(['b', 'a', 'c']);
		expect(state.seen).toEqual({}); // the input state is left alone
		const second = settleWindow(first.state, { start: T0, end: T0 + 120_000 }, [ev('a', T0 + 3), ev('d', T0 + 2)]);
		expect(second.emit.map((e) => e.eventId)).toEqual(['d']);
		expect(Object.keys(second.state.seen).sort()).toEqual(['a', 'b', 'c', 'd']);
	});

	it('forgets ids older than the next window', () => {
		const state = { ...startAt('k', T0), seen: { old: T0 + 1, recent: T0 + OVERLAP_MS + 10 } };
		const end = T0 + OVERLAP_MS + 5;
		expect(settleWindow(state, { start: T0, end }, []).state.seen).toEqual({ recent: T0 + OVERLAP_MS + 10 });
	});

	it(`keeps at most ${MAX_SEEN} ids and raises the floor above the forgotten ones, so none can come twice`, () => {
		const events = Array.from({ length: MAX_SEEN + 5 }, (_, i) => ev(`e${String(i).padStart(5, '0')}`, T0 + i));
		const settled = settleWindow(startAt('k', T0), { start: T0, end: T0 + 60_000 }, events);
		expect(settled.emit).toHaveLength(MAX_SEEN + 5);
		expect(Object.keys(settled.state.seen)).toHaveLength(MAX_SEEN);
		expect(settled.state.floor).toBe(T0 + 5);
		expect(nextWindow(settled.state, T0 + 70_000).start).toBe(T0 + 5);
		expect(settled.state.seen.e00004).toBeUndefined();
		expect(settled.state.seen.e00005).toBe(T0 + 5);
	});
});

import { sleep } from 'n8n-workflow';

import { mapLimit, serialized } from '../../nodes/common/concurrency';
import { collectPages } from '../../nodes/common/paginate';

// 23 items served 10 per page with an offset cursor.
const source = Array.from({ length: 23 }, (_, i) => i);
function pager() {
	const calls: Array<{ cursor: number | undefined; remaining: number | undefined }> = [];
	const fetchPage = async (cursor: number | undefined, remaining: number | undefined) => {
		calls.push({ cursor, remaining });
		const start = cursor ?? 0;
		const items = source.slice(start, start + 10);
		return { items, next: start + 10 < source.length ? start + 10 : null };
	};
	return { calls, fetchPage };
}

describe('collectPages', () => {
	it('follows the cursor to the end when there is no limit', async () => {
		const { calls, fetchPage } = pager();
		expect(await collectPages(fetchPage)).toEqual(source);
		expect(calls.map((c) => c.cursor)).toEqual([undefined, 10, 20]);
	});

	it('stops as soon as the limit is reached and tells the page how many are left', async () => {
		const { calls, fetchPage } = pager();
		expect(await collectPages(fetchPage, 15)).toEqual(source.slice(0, 15));
		expect(calls).toEqual([
			{ cursor: undefined, remaining: 15 },
			{ cursor: 10, remaining: 5 },
		]);
	});

	it('stops on an empty page or a repeated cursor', async () => {
		let calls = 0;
		const stuck = async () => {
			calls++;
			return { items: [calls], next: 'same' };
		};
		expect(await collectPages(stuck)).toEqual([1, 2]);
		expect(await collectPages(async () => ({ items: [], next: 'x' }))).toEqual([]);
	});
});

describe('mapLimit', () => {
	it('keeps order and never exceeds the limit in flight', async () => {
		let inFlight = 0;
		let peak = 0;
		const results = await mapLimit(20, 3, async (i) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
			await Promise.resolve();
			inFlight--;
			return i * 2;
		});
		expect(peak).toBeLessThanOrEqual(3);
		expect(results.map((r) => (r?.ok ? r.value : undefined))).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
	});

	it('starts nothing new after a failure when asked to stop', async () => {
		const started: number[] = [];
		const results = await mapLimit(
			10,
			1,
			async (i) => {
				started.push(i);
				if (i === 2) throw new Error('item 2 failed');
				return i;
			},
			true,
		);
		expect(started).toEqual([0, 1, 2]);
		expect(results[2]).toMatchObject({ ok: false });
		expect(results[3]).toBeUndefined();
	});
});

describe('serialized', () => {

	it('runs calls with one key one after another, in call order, whatever earlier ones did', async () => {
		const log: string[] = [];
		const step = (name: string, ms: number, fail = false) => async () => {
			log.push(`start ${name}`);
			await sleep(ms);
			log.push(`end ${name}`);
			if (fail) throw new Error(`${name} failed`);
			return name;
		};
		const results = await Promise.allSettled([
			serialized('a', step('a1', 30, true)),
			serialized('a', step('a2', 5)),
			serialized('b', step('b1', 10)),
		]);
		expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a1 failed', 'a2', 'b1']);
		// b does not wait for a; a2 starts only after a1 ended, although a1 failed.
		expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
		expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
	});
});

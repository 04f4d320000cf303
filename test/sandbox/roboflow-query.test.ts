/** POST /vision-events/query: cursor paging, filters and limits. */

import { SEED, startSandbox, type Sandbox } from '../../sandbox';
import { isoFromNow } from '../helpers/time';
import { inventoryEvent, roboflow } from './helpers';

let sb: Sandbox;
let api: ReturnType<typeof roboflow>;
const UC = SEED.useCases.warehouseInventory;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	api = roboflow(sb.roboflowUrl);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const event = inventoryEvent;

describe('query', () => {
	async function seedEvents() {
		const events = Array.from({ length: 25 }, (_, i) =>
			event({
				eventId: `evt-${String(i).padStart(2, '0')}`,
				eventType: i % 5 === 0 ? 'safety_alert' : 'inventory_count',
				eventData: i % 5 === 0 ? { severity: 'high', externalId: `ext-${i}` } : { itemCount: i, location: 'a' },
				timestamp: isoFromNow(-(i + 1) * 3600_000),
				deviceId: i % 2 === 0 ? 'cam-even' : 'cam-odd',
				customMetadata: { temperature: 60 + i, line: i < 10 ? 'A1' : 'B2', checked: i % 3 === 0 },
			}),
		);
		const other = event({ useCaseId: SEED.useCases.siteSafety });
		await api('POST', '/vision-events/batch', { events: [...events, other].slice(0, 26) });
		return events;
	}

	const query = (body: Record<string, unknown>) => api('POST', '/vision-events/query', { useCaseId: UC, ...body });

	it('pages newest first with a cursor', async () => {
		await seedEvents();
		const seen: string[] = [];
		let cursor: string | undefined;
		let pages = 0;
		do {
			const res = await query({ limit: 10, ...(cursor ? { cursor } : {}) });
			expect(res.status).toBe(200);
			expect(res.body.lookbackDays).toBe(14);
			seen.push(...res.body.events.map((e: { eventId: string }) => e.eventId));
			expect(res.body.hasMore).toBe(res.body.nextCursor !== null);
			cursor = res.body.nextCursor ?? undefined;
			pages++;
		} while (cursor);
		expect(pages).toBe(3);
		expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `evt-${String(i).padStart(2, '0')}`));
	});

	it('returns the stored event shape', async () => {
		await seedEvents();
		const res = await query({ limit: 1 });
		expect(res.body.events[0]).toEqual({
			eventId: 'evt-00',
			eventType: 'safety_alert',
			useCaseId: UC,
			timestamp: expect.any(String),
			eventData: { severity: 'high', externalId: 'ext-0' },
			deviceId: 'cam-even',
			customMetadata: { temperature: 60, line: 'A1', checked: true },
			createdAt: expect.any(String),
		});
	});

	it.each<[string, Record<string, unknown>, number]>([
		['default limit 50', {}, 25],
		['eventType', { eventType: 'safety_alert' }, 5],
		['eventTypes', { eventTypes: ['safety_alert', 'custom'] }, 5],
		['empty eventTypes', { eventTypes: [] }, 25],
		['time window', { startTime: isoFromNow(-5.5 * 3600_000), endTime: isoFromNow(-1.5 * 3600_000) }, 4],
		['deviceId eq', { deviceId: { operator: 'eq', value: 'cam-odd' } }, 12],
		['deviceId neq', { deviceId: { operator: 'neq', value: 'cam-odd' } }, 13],
		['externalId', { externalId: { operator: 'eq', value: 'ext-10' } }, 1],
		['metadata gt', { customMetadataFilters: [{ field: 'temperature', operator: 'gt', value: 80, type: 'number' }] }, 4],
		['metadata lte as string', { customMetadataFilters: [{ field: 'temperature', operator: 'lte', value: '61', type: 'number' }] }, 2],
		['metadata eq string', { customMetadataFilters: [{ field: 'line', operator: 'eq', value: 'B2', type: 'string' }] }, 15],
		['metadata boolean', { customMetadataFilters: [{ field: 'checked', operator: 'eq', value: true, type: 'boolean' }] }, 9],
		['eventData column', { eventFieldFilters: [{ column: 'itemCount', operator: 'gte', value: 20 }] }, 4],
		['combined', { eventType: 'inventory_count', deviceId: { operator: 'eq', value: 'cam-even' } }, 10],
	])('filters: %s', async (_name, filters, expected) => {
		await seedEvents();
		const res = await query(filters);
		expect(res.status).toBe(200);
		expect(res.body.events).toHaveLength(expected);
		expect(res.body.hasMore).toBe(false);
	});

	it.each<[string, Record<string, unknown>, number]>([
		['missing useCaseId', { useCaseId: undefined }, 400],
		['unknown use case', { useCaseId: 'ffffffff' }, 404],
		['limit over 100', { limit: 101 }, 400],
		['limit 0', { limit: 0 }, 400],
		['21 eventTypes', { eventTypes: Array(21).fill('custom') }, 400],
		['bad eventType', { eventType: 'other' }, 400],
		['bad cursor', { cursor: 'not-a-cursor' }, 400],
		['bad startTime', { startTime: 'yesterday' }, 400],
		['bad context filter', { deviceId: 'cam-1' }, 400],
		['bad metadata operator', { customMetadataFilters: [{ field: 'a', operator: 'like', value: 1 }] }, 400],
	])('rejects %s', async (_name, body, status) => {
		const res = await query(body);
		expect(res.status).toBe(status);
		expect(res.body).toEqual({ error: expect.any(String) });
	});

	it('windows on the event timestamp, both bounds inclusive; a late-arriving event shows in a past window', async () => {
		const start = isoFromNow(-10 * 60_000);
		const end = isoFromNow(-5 * 60_000);
		await api('POST', '/vision-events', event({ eventId: 'at-start', timestamp: start }));
		await api('POST', '/vision-events', event({ eventId: 'at-end', timestamp: end }));
		await api('POST', '/vision-events', event({ eventId: 'after', timestamp: isoFromNow(-4 * 60_000) }));
		const window = async () =>
			((await query({ startTime: start, endTime: end })).body.events as Array<{ eventId: string }>).map((e) => e.eventId);
		expect(await window()).toEqual(['at-end', 'at-start']);
		// Recorded now, stamped 7 minutes ago: the same window answers it from now on.
		await api('POST', '/vision-events', event({ eventId: 'late', timestamp: isoFromNow(-7 * 60_000) }));
		expect(await window()).toEqual(['at-end', 'late', 'at-start']);
	});

	it('pages a time window with the cursor, the window resent on every page', async () => {
		const events = Array.from({ length: 7 }, (_, i) => event({ eventId: `w-${i}`, timestamp: isoFromNow(-(i + 1) * 1000) }));
		await api('POST', '/vision-events/batch', { events });
		const ids: string[] = [];
		let cursor: string | undefined;
		const startTime = isoFromNow(-60_000);
		do {
			const res = await query({ startTime, limit: 3, ...(cursor ? { cursor } : {}) });
			ids.push(...(res.body.events as Array<{ eventId: string }>).map((e) => e.eventId));
			cursor = res.body.nextCursor ?? undefined;
		} while (cursor);
		expect(ids).toEqual(['w-0', 'w-1', 'w-2', 'w-3', 'w-4', 'w-5', 'w-6']);
	});

	it('accepts limit 100 and 20 eventTypes', async () => {
		expect((await query({ limit: 100, eventTypes: Array(20).fill('custom') })).status).toBe(200);
	});
});


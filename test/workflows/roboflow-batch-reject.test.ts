/**
 * A batch Roboflow refuses for its content (400/422) is resent event by event through
 * `POST /vision-events`, once each, so only the bad events fail; refusals that would hit every
 * event again (401, 429) are not multiplied.
 */
import type { IDataObject } from 'n8n-workflow';

import { eventIdFromKey } from '../../nodes/Roboflow/eventId';
import { SEED } from '../../sandbox';
import { DAY, HOUR, isoFromNow } from '../helpers/time';
import { apiCalls, itemModeParams, NODE, runRoboflow, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const USE_CASE = SEED.useCases.warehouseInventory;
const TS = isoFromNow(-HOUR);
const BAD = 6;
const WINDOW = 'timestamp must be between one year ago and tomorrow';

/** 10 rows; row 6 is outside the timestamp window, row 2 carries a field Roboflow warns about. */
const rows = (n = 10): IDataObject[] =>
	Array.from({ length: n }, (_, i) => ({
		deduplicationKey: `row-${i}`,
		eventType: 'inventory_count',
		useCaseId: USE_CASE,
		timestamp: i === BAD ? isoFromNow(-400 * DAY) : TS,
		eventData: { location: `aisle-${i}`, itemCount: i },
		...(i === 2 ? { deviceId: 'd'.repeat(300) } : {}),
	}));

const SERVER = itemModeParams({ batchSize: 100, validation: 'server' });
const idOf = (i: number) => eventIdFromKey(`row-${i}`);
const sentIds = (path: string) => apiCalls(sandbox, path).map((c) => (c.body as { eventId: string }).eventId);

/** The sandbox refused the batch, then stored every event but the bad one, once each. */
function expectNineStoredOnce() {
	const batches = apiCalls(sandbox, '/vision-events/batch');
	expect(batches.map((c) => c.status)).toEqual([400]);
	const singles = apiCalls(sandbox, '/vision-events');
	expect(singles.map((c) => (c.body as { eventId: string }).eventId)).toEqual(
		expect.arrayContaining(Array.from({ length: 10 }, (_, i) => idOf(i))),
	);
	expect(singles).toHaveLength(10);
	expect(singles.filter((c) => c.status === 201)).toHaveLength(9);
	const stored = [...sandbox.state.visionEvents.keys()].sort();
	expect(stored).toEqual(Array.from({ length: 10 }, (_, i) => idOf(i)).filter((id) => id !== idOf(BAD)).sort());
}

describe('Roboflow batch refused for one bad event', () => {
	it('continue on fail: 9 stored once, the bad item alone fails with its own message and item', async () => {
		const result = await runRoboflow(sandbox, SERVER, { items: rows(), continueOnFail: true });
		expect(result.status).toBe('success');
		expectNineStoredOnce();
		const items = result.items(NODE);
		expect(items).toHaveLength(10);
		items.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		const out = items.map((item) => item.json);
		expect(out[BAD]).toEqual({
			error: WINDOW,
			statusCode: 400,
			description:
				'HTTP 400 · Item 6 was sent on its own after Roboflow refused the batch request of items 0–9 (HTTP 400); 9 of its 10 events were stored.',
		});
		expect(out[2]).toEqual({
			eventId: idOf(2),
			created: true,
			warnings: [expect.objectContaining({ type: 'string.max', path: 'deviceId' })],
		});
		for (const i of [0, 1, 3, 4, 5, 7, 8, 9]) expect(out[i]).toEqual({ eventId: idOf(i), created: true });
	});

	it('without continue on fail: the node fails on the bad item after the other 9 were stored', async () => {
		const result = await runRoboflow(sandbox, SERVER, { items: rows() });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(WINDOW);
		expect(result.error?.description).toContain('Item 6 was sent on its own');
		expect(result.error?.description).toContain('9 of its 10 events were stored');
		expect((result.error as { context?: IDataObject }).context?.itemIndex).toBe(BAD);
		expectNineStoredOnce();
	});

	it('a 422 refusal is resent event by event too', async () => {
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events/batch', status: 422, body: { error: 'Unprocessable' } });
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 5, validation: 'server' }), { items: rows(4) });
		expect(result.status).toBe('success');
		expect(apiCalls(sandbox, '/vision-events/batch').map((c) => c.status)).toEqual([422]);
		expect(sentIds('/vision-events')).toEqual([0, 1, 2, 3].map(idOf));
		expect(sandbox.state.visionEvents.size).toBe(4);
	});

	it('a 502 on a resend is retried with the same id: no duplicates', async () => {
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events', status: 502, when: 'after', times: 1 });
		const result = await runRoboflow(sandbox, { ...SERVER, options: { batchSize: 100, validation: 'server', concurrency: 1 } }, {
			items: rows(),
			continueOnFail: true,
		});
		expect(result.json(NODE).filter((json) => json.created === true)).toHaveLength(9);
		const singles = apiCalls(sandbox, '/vision-events');
		expect(singles.map((c) => c.status)).toEqual([502, 201, 201, 201, 201, 201, 201, 400, 201, 201, 201]);
		expect(sentIds('/vision-events')).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(idOf));
		expect(sandbox.state.visionEvents.size).toBe(9);
	});
});

describe('Roboflow batch refusals that are not resent', () => {
	it('401 (wrong key): one batch request, no event sent on its own', async () => {
		const result = await runRoboflow(sandbox, SERVER, { items: rows(), continueOnFail: true, apiKey: 'rf-wrong' });
		const out = result.json(NODE);
		expect(out).toHaveLength(10);
		for (const json of out) expect(json).toMatchObject({ statusCode: 401, description: expect.stringContaining('none of them was stored') });
		expect(apiCalls(sandbox, '/vision-events/batch')).toHaveLength(1);
		expect(apiCalls(sandbox, '/vision-events')).toHaveLength(0);
	});

	it('429 until the retries run out: only the retry policy repeats the batch', async () => {
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events/batch', status: 429, retryAfter: 0, times: 10 });
		const result = await runRoboflow(sandbox, SERVER, { items: rows(3), continueOnFail: true });
		expect(result.json(NODE).map((json) => json.statusCode)).toEqual([429, 429, 429]);
		expect(apiCalls(sandbox, '/vision-events/batch')).toHaveLength(4);
		expect(apiCalls(sandbox, '/vision-events')).toHaveLength(0);
		expect(sandbox.state.visionEvents.size).toBe(0);
	});

	it('without continue on fail a chunk that fails outright stops the run: a refused chunk is not resent', async () => {
		const path = '/roboflow/vision-events/batch';
		sandbox.addFault({ method: 'POST', path, status: 400, body: { error: 'events.0.eventType: eventType is required' } });
		sandbox.addFault({ method: 'POST', path, status: 500 });
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 2, concurrency: 1, validation: 'server' }), { items: rows(4) });
		expect(result.status).toBe('error');
		expect(apiCalls(sandbox, '/vision-events/batch').map((c) => c.status)).toEqual([400, 500]);
		expect(apiCalls(sandbox, '/vision-events')).toHaveLength(0);
		expect(result.error?.description).toContain('The batch request held items 0–1; none of them was stored.');
	});
});

/**
 * Only confirmed events count: a 2xx create answer must name the event sent (`{eventId}`, with or
 * without `created`) or carry a boolean `created` and no other event's id; a 2xx batch answer must
 * list the event's id in `eventIds`. Anything less is an item error.
 */
import type { IDataObject } from 'n8n-workflow';

import { eventIdFromKey } from '../../nodes/Roboflow/eventId';
import { SEED } from '../../sandbox';
import { HOUR, isoFromNow } from '../helpers/time';
import { apiCalls, createParams, itemModeParams, NODE, runRoboflow, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const USE_CASE = SEED.useCases.warehouseInventory;
const CREATE_PATH = '/roboflow/vision-events';
const BATCH_PATH = '/roboflow/vision-events/batch';

const rows = (n: number): IDataObject[] =>
	Array.from({ length: n }, (_, i) => ({
		deduplicationKey: `c-${i}`,
		eventType: 'inventory_count',
		useCaseId: USE_CASE,
		timestamp: isoFromNow(-HOUR),
		eventData: { itemCount: i },
	}));
const idOf = (i: number) => eventIdFromKey(`c-${i}`);
const RERUN = 'Running again is safe when the event keeps its ID';

describe('Roboflow single create must be confirmed', () => {
	it('a 201 {} is an item error naming the event and the item; the next item still counts', async () => {
		sandbox.addFault({ method: 'POST', path: CREATE_PATH, unconfirmed: 'empty' });
		const result = await runRoboflow(sandbox, itemModeParams({ concurrency: 1 }), { items: rows(2), continueOnFail: true });
		const items = result.items(NODE);
		expect(items.map((item) => item.json)).toEqual([
			{
				error: `Roboflow did not confirm event ${idOf(0)} of item 0`,
				description: expect.stringContaining('answered POST /vision-events with {} instead of {eventId, created}'),
			},
			{ eventId: idOf(1), created: true },
		]);
		expect(items[0].json.description).toContain(RERUN);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('without continue on fail the node stops with that error', async () => {
		sandbox.addFault({ method: 'POST', path: CREATE_PATH, unconfirmed: 'empty' });
		const result = await runRoboflow(sandbox, itemModeParams(), { items: rows(1) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Roboflow did not confirm event ${idOf(0)} of item 0`);
		expect((result.error as { context?: IDataObject }).context?.itemIndex).toBe(0);
	});

	it.each([
		['created not a boolean', (id: string) => ({ eventId: id, created: 'true' })],
		['another event id', () => ({ eventId: 'someone-else', created: true })],
		['another event id without created', () => ({ eventId: 'someone-else' })],
		['warnings alone', () => ({ warnings: [{ type: 'any.required', path: 'eventData' }] })],
		['not an object', () => 'OK'],
		['an array', (id: string) => [{ eventId: id }]],
	])('%s is no confirmation', async (_, body) => {
		sandbox.addFault({ method: 'POST', path: CREATE_PATH, status: 201, body: body(idOf(0)), when: 'after' });
		const result = await runRoboflow(sandbox, itemModeParams(), { items: rows(1), continueOnFail: true });
		expect(result.json(NODE)[0].error).toBe(`Roboflow did not confirm event ${idOf(0)} of item 0`);
	});

	it('created: false confirms (an overwrite) and is passed on; an answer without eventId confirms too', async () => {
		sandbox.addFault({ method: 'POST', path: CREATE_PATH, status: 201, body: { eventId: idOf(0), created: false }, when: 'after' });
		sandbox.addFault({ method: 'POST', path: CREATE_PATH, status: 200, body: { created: true }, when: 'after' });
		const result = await runRoboflow(sandbox, itemModeParams({ concurrency: 1 }), { items: rows(2) });
		expect(result.json(NODE)).toEqual([
			{ eventId: idOf(0), created: false },
			{ eventId: idOf(1), created: true },
		]);
	});

	it('an answer naming the event sent confirms it without created (as roboflow-python mocks it)', async () => {
		const warning = { type: 'any.required', path: 'eventData', value: null, valueType: 'undefined' };
		sandbox.addFault({ method: 'POST', path: CREATE_PATH, status: 201, body: { eventId: idOf(0) }, when: 'after' });
		sandbox.addFault({ method: 'POST', path: CREATE_PATH, status: 201, body: { eventId: idOf(1), warnings: [warning] }, when: 'after' });
		const result = await runRoboflow(sandbox, itemModeParams({ concurrency: 1 }), { items: rows(2) });
		expect(result.status).toBe('success');
		expect(result.json(NODE)).toEqual([
			{ eventId: idOf(0), created: true },
			{ eventId: idOf(1), created: true, warnings: [warning] },
		]);
	});

	it('fields mode: the unconfirmed event errors, and running again overwrites it (same id)', async () => {
		const params = createParams(USE_CASE, {
			eventType: 'inventory_count',
			additionalFields: { deduplicationKey: 'dock-7' },
		});
		sandbox.addFault({ method: 'POST', path: CREATE_PATH, unconfirmed: 'dropId' });
		const first = await runRoboflow(sandbox, params, { continueOnFail: true });
		expect(first.json(NODE)[0].error).toBe(`Roboflow did not confirm event ${eventIdFromKey('dock-7')} of item 0`);
		const again = await runRoboflow(sandbox, params);
		expect(again.json(NODE)).toEqual([{ eventId: eventIdFromKey('dock-7'), created: true }]);
		expect(sandbox.state.visionEvents.size).toBe(1);
	});
});

describe('Roboflow batch create must list each event', () => {
	it('an answer missing one id fails that item only', async () => {
		sandbox.addFault({ method: 'POST', path: BATCH_PATH, unconfirmed: 'dropId' });
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 5 }), { items: rows(5), continueOnFail: true });
		const out = result.json(NODE);
		for (let i = 0; i < 4; i++) expect(out[i]).toEqual({ eventId: idOf(i), created: true });
		expect(out[4]).toEqual({
			error: `Roboflow did not confirm event ${idOf(4)} of item 4`,
			description: expect.stringContaining('did not list its ID in eventIds'),
		});
		expect(out[4].description).toContain(RERUN);
		expect(apiCalls(sandbox, '/vision-events/batch')).toHaveLength(1);
	});

	it('an answer without eventIds confirms no event of the chunk', async () => {
		sandbox.addFault({ method: 'POST', path: BATCH_PATH, unconfirmed: 'empty' });
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 3, concurrency: 1 }), {
			items: rows(5),
			continueOnFail: true,
		});
		const out = result.json(NODE);
		for (let i = 0; i < 3; i++) {
			expect(out[i].error).toBe(`Roboflow did not confirm event ${idOf(i)} of item ${i}`);
			expect(out[i].description).toContain('without an eventIds list');
		}
		expect(out.slice(3)).toEqual([3, 4].map((i) => ({ eventId: idOf(i), created: true })));
	});

	it('without continue on fail the node stops on the unconfirmed item', async () => {
		sandbox.addFault({ method: 'POST', path: BATCH_PATH, unconfirmed: 'dropId' });
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 3 }), { items: rows(3) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Roboflow did not confirm event ${idOf(2)} of item 2`);
	});
});

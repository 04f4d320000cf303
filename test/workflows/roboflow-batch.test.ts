/**
 * Create with Batch Size 2–100: chunking through `POST /vision-events/batch`, one ordered output
 * item per input item, warnings mapped back to their items, and failures confined to a chunk.
 */
import type { IDataObject } from 'n8n-workflow';

import { eventIdFromKey } from '../../nodes/Roboflow/eventId';
import { SEED } from '../../sandbox';
import { HOUR, isoFromNow } from '../helpers/time';
import { apiCalls, createParams, itemModeParams, NODE, runRoboflow, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const USE_CASE = SEED.useCases.warehouseInventory;
const TS = isoFromNow(-HOUR);

const rows = (n: number, make: (i: number) => IDataObject = () => ({})): IDataObject[] =>
	Array.from({ length: n }, (_, i) => ({
		deduplicationKey: `row-${i}`,
		eventType: 'inventory_count',
		useCaseId: USE_CASE,
		timestamp: TS,
		eventData: { location: `aisle-${i}`, itemCount: i },
		...make(i),
	}));

type BatchBody = { events: Array<{ eventId: string }> };

describe('Roboflow batch create', () => {
	it('sends 250 items at size 100 as exactly 3 batch requests; 250 ordered, paired output items', async () => {
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 100 }), { items: rows(250) });
		expect(result.status).toBe('success');
		const batches = apiCalls(sandbox, '/vision-events/batch');
		expect(batches.map((c) => (c.body as BatchBody).events.length)).toEqual([100, 100, 50]);
		expect(apiCalls(sandbox, '/vision-events')).toHaveLength(0);
		const items = result.items(NODE);
		expect(items).toHaveLength(250);
		items.forEach((item, i) => {
			expect(item.json).toEqual({ eventId: eventIdFromKey(`row-${i}`), created: true });
			expect(item.pairedItem).toEqual({ item: i });
		});
		const sent = batches.flatMap((c) => (c.body as BatchBody).events.map((e) => e.eventId));
		expect(sent).toEqual(items.map((item) => item.json.eventId));
		expect(sandbox.state.visionEvents.size).toBe(250);
	});

	it('a failing chunk fails only its own items under "continue on fail"', async () => {
		const path = '/roboflow/vision-events/batch';
		// The first batch request passes (latency-only fault); the second gets a 500, which is not retried.
		sandbox.addFault({ method: 'POST', path, latencyMs: 1, times: 1 });
		sandbox.addFault({ method: 'POST', path, status: 500, times: 1 });
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 100, concurrency: 1 }), {
			items: rows(250),
			continueOnFail: true,
		});
		const out = result.json(NODE);
		expect(out).toHaveLength(250);
		out.forEach((json, i) => {
			if (i >= 100 && i < 200) {
				expect(json).toEqual({
					error: 'Internal server error',
					statusCode: 500,
					description: 'HTTP 500 · The batch request held items 100–199; none of them was stored.',
				});
			} else {
				expect(json).toEqual({ eventId: eventIdFromKey(`row-${i}`), created: true });
			}
		});
		expect(result.items(NODE).map((item) => (item.pairedItem as { item: number }).item)).toEqual(
			Array.from({ length: 250 }, (_, i) => i),
		);
		expect(apiCalls(sandbox, '/vision-events/batch').map((c) => c.status)).toEqual([201, 500, 201]);
		expect(sandbox.state.visionEvents.size).toBe(150);
	});

	it('without "continue on fail" a failing chunk stops the node with that chunk\'s error', async () => {
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events/batch', status: 409, body: { error: 'Conflict in events.1' } });
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 10 }), { items: rows(5) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Conflict in events.1');
		expect(apiCalls(sandbox, '/vision-events')).toHaveLength(0);
	});

	it('items invalid under strict validation never enter a chunk', async () => {
		const items = rows(5, (i) => (i === 2 ? { eventData: { itemCount: -3 } } : {}));
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 2 }), { items, continueOnFail: true });
		const out = result.json(NODE);
		expect(out[2].error).toBe('Invalid vision event in item 2: eventData.itemCount must be 0 or more');
		expect(out.filter((json) => json.created === true)).toHaveLength(4);
		const batches = apiCalls(sandbox, '/vision-events/batch').map((c) => (c.body as BatchBody).events.map((e) => e.eventId));
		expect(batches).toEqual([
			[eventIdFromKey('row-0'), eventIdFromKey('row-1')],
			[eventIdFromKey('row-3'), eventIdFromKey('row-4')],
		]);
	});

	it('maps the batch answer\'s warnings (events.<i>.…) back to their items', async () => {
		const items = rows(5, (i) =>
			i === 1 ? { eventData: { itemCount: 1.5 } } : i === 3 ? { deviceId: 'd'.repeat(300) } : {},
		);
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 5, validation: 'server' }), { items });
		const out = result.json(NODE);
		expect(out[1].warnings).toEqual([{ type: 'number.integer', path: 'eventData.itemCount', value: 1.5, valueType: 'number' }]);
		expect(out[3].warnings).toEqual([expect.objectContaining({ type: 'string.max', path: 'deviceId' })]);
		for (const i of [0, 2, 4]) expect(out[i]).toEqual({ eventId: eventIdFromKey(`row-${i}`), created: true });
		expect(apiCalls(sandbox, '/vision-events/batch')).toHaveLength(1);
	});

	it('Fail on Warnings fails only the items that had warnings', async () => {
		const items = rows(3, (i) => (i === 0 ? { eventData: { location: 7 } } : {}));
		const result = await runRoboflow(
			sandbox,
			itemModeParams({ batchSize: 3, validation: 'server', failOnWarnings: true }),
			{ items, continueOnFail: true },
		);
		const out = result.json(NODE);
		expect(out[0].error).toBe(
			`Roboflow stored event ${eventIdFromKey('row-0')} of item 0 with warnings: eventData.location (string.base)`,
		);
		expect(out[1].created).toBe(true);
		expect(out[2].created).toBe(true);
	});

	it('retries a batch after a 503 with the same ids: one stored copy of each', async () => {
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events/batch', status: 503, when: 'after', times: 1 });
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 50 }), { items: rows(20) });
		expect(result.status).toBe('success');
		const calls = apiCalls(sandbox, '/vision-events/batch');
		expect(calls.map((c) => c.status)).toEqual([503, 201]);
		expect(calls[0].body).toEqual(calls[1].body);
		expect(sandbox.state.visionEvents.size).toBe(20);
	});

	it('works in fields mode too, uploading each item\'s image before its chunk', async () => {
		const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, {
				eventType: 'quality_check',
				result: 'pass',
				additionalFields: { imageBinaryProperty: 'data', deduplicationKey: '={{ "img-" + $json.n }}' },
				options: { batchSize: 2 },
			}),
			{ binary: true, items: [0, 1, 2].map((n) => ({ n, imageBase64: png, fileName: `p${n}.png` })) },
		);
		expect(result.status).toBe('success');
		expect(apiCalls(sandbox, '/vision-events/upload')).toHaveLength(3);
		const events = apiCalls(sandbox, '/vision-events/batch').flatMap((c) => (c.body as { events: IDataObject[] }).events);
		expect(events).toHaveLength(3);
		const sources = new Set(sandbox.state.images.keys());
		for (const event of events) {
			const images = event.images as Array<{ sourceId: string }>;
			expect(images).toHaveLength(1);
			expect(sources.has(images[0].sourceId)).toBe(true);
		}
		expect(result.json(NODE).map((json) => json.eventId)).toEqual([0, 1, 2].map((n) => eventIdFromKey(`img-${n}`)));
	});
});

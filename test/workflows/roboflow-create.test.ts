/**
 * Vision Event → Create, one request per item: the exact wire body of every event type, the
 * additional fields, event ids (explicit, deduplication key, random) and the "Item JSON" mode.
 */
import { DateTime } from 'luxon';
import { Workflow } from 'n8n-workflow';

import { eventIdFromKey } from '../../nodes/Roboflow/eventId';
import { SEED } from '../../sandbox';
import { DAY, HOUR, isoFromNow } from '../helpers/time';
import { makeNodeTypes } from '../helpers/workflow';
import {
	apiCalls,
	createParams,
	itemModeParams,
	NODE,
	runRoboflow,
	useSandbox,
	UUID_V4,
	UUID_V5,
} from './roboflow-helpers';

const sandbox = useSandbox();
const USE_CASE = SEED.useCases.lineAQuality;
const EVENT_ID = 'a1b2c3d4-e5f6-4890-abcd-ef1234567890';
const TS = isoFromNow(-2 * HOUR);

/** Runs one fields-mode create and returns the single request body the sandbox received. */
async function wireBody(extra: Record<string, unknown>) {
	const result = await runRoboflow(
		sandbox,
		createParams(USE_CASE, { timestamp: TS, ...extra, additionalFields: { eventId: EVENT_ID, ...((extra.additionalFields as object) ?? {}) } }),
	);
	expect(result.error?.message).toBeUndefined();
	const calls = apiCalls(sandbox, '/vision-events');
	expect(calls).toHaveLength(1);
	expect(result.json(NODE)).toEqual([{ eventId: EVENT_ID, created: true }]);
	return calls[0].body;
}

describe('Roboflow create: wire body per event type', () => {
	const base = { eventId: EVENT_ID, useCaseId: USE_CASE, timestamp: TS };

	it('quality_check sends result and externalId in eventData', async () => {
		const body = await wireBody({ eventType: 'quality_check', result: 'fail', additionalFields: { externalId: 'batch-001' } });
		expect(body).toEqual({ ...base, eventType: 'quality_check', eventData: { result: 'fail', externalId: 'batch-001' } });
	});

	it('quality_check with result "Not Set" sends an empty eventData', async () => {
		const body = await wireBody({ eventType: 'quality_check', result: '' });
		expect(body).toEqual({ ...base, eventType: 'quality_check', eventData: {} });
	});

	it('inventory_count sends location, itemCount and itemType', async () => {
		const body = await wireBody({ eventType: 'inventory_count', location: 'warehouse-a', itemCount: 42, itemType: 'pallets' });
		expect(body).toEqual({
			...base,
			eventType: 'inventory_count',
			eventData: { location: 'warehouse-a', itemCount: 42, itemType: 'pallets' },
		});
	});

	it('safety_alert sends alertType, severity and description', async () => {
		const body = await wireBody({
			eventType: 'safety_alert',
			alertType: 'no_hardhat',
			severity: 'high',
			description: 'Worker detected without required PPE in zone B3.',
			additionalFields: { externalId: 'alert-2024-001' },
		});
		expect(body).toEqual({
			...base,
			eventType: 'safety_alert',
			eventData: {
				alertType: 'no_hardhat',
				severity: 'high',
				description: 'Worker detected without required PPE in zone B3.',
				externalId: 'alert-2024-001',
			},
		});
	});

	it('custom sends value', async () => {
		const body = await wireBody({ eventType: 'custom', value: 'Custom event data as a string' });
		expect(body).toEqual({ ...base, eventType: 'custom', eventData: { value: 'Custom event data as a string' } });
	});

	it('operator_feedback sends relatedEventId and feedback', async () => {
		const related = 'b2c3d4e5-f6a7-4890-abcd-ef1234567890';
		const body = await wireBody({ eventType: 'operator_feedback', relatedEventId: related, feedback: 'incorrect' });
		expect(body).toEqual({
			...base,
			eventType: 'operator_feedback',
			eventData: { relatedEventId: related, feedback: 'incorrect' },
		});
	});

	it('fields of other event types are not sent', async () => {
		const body = await wireBody({ eventType: 'custom', value: 'v', result: 'pass', severity: 'high', location: 'x' });
		expect(body).toEqual({ ...base, eventType: 'custom', eventData: { value: 'v' } });
	});

	it('sends every additional field, metadata rows typed, images from JSON', async () => {
		const images = [{ label: 'inspection-photo', sourceId: 'src-1', classifications: [{ class: 'damaged', confidence: 0.87 }] }];
		const body = await wireBody({
			eventType: 'quality_check',
			result: 'pass',
			additionalFields: {
				deviceId: 'cam-1',
				streamId: 'stream-7',
				workflowId: 'wf-1',
				workflowVersion: '3',
				displayImagePosition: 0,
				imagesJson: JSON.stringify(images),
				customMetadata: {
					entries: [
						{ key: 'line', type: 'string', value: 'A1' },
						{ key: 'temperature', type: 'number', value: '72.5' },
						{ key: 'is_overtime', type: 'boolean', value: 'false' },
					],
				},
			},
		});
		expect(body).toEqual({
			...base,
			eventType: 'quality_check',
			eventData: { result: 'pass' },
			deviceId: 'cam-1',
			streamId: 'stream-7',
			workflowId: 'wf-1',
			workflowVersion: '3',
			images,
			displayImagePosition: 0,
			customMetadata: { line: 'A1', temperature: 72.5, is_overtime: false },
		});
		const stored = sandbox.state.visionEvents.get(EVENT_ID);
		expect(stored?.customMetadata).toEqual({ line: 'A1', temperature: 72.5, is_overtime: false });
	});

	it('an empty timestamp is now, in ISO 8601', async () => {
		const before = Date.now();
		await runRoboflow(sandbox, createParams(USE_CASE, { eventType: 'custom', value: 'now' }));
		const sent = apiCalls(sandbox, '/vision-events')[0].body as { timestamp: string };
		expect(sent.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(Date.parse(sent.timestamp)).toBeGreaterThanOrEqual(before - 1000);
		expect(Date.parse(sent.timestamp)).toBeLessThanOrEqual(Date.now() + 1000);
	});

	it('a zone-less timestamp from the date picker is read in the workflow time zone', async () => {
		const wall = isoFromNow(-3 * DAY).slice(0, 19);
		await runRoboflow(sandbox, createParams(USE_CASE, { eventType: 'custom', timestamp: wall }));
		const sent = apiCalls(sandbox, '/vision-events')[0].body as { timestamp: string };
		// No workflow setting here, so n8n's default zone applies.
		const zone = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: makeNodeTypes({}) }).timezone;
		expect(sent.timestamp).toBe(DateTime.fromISO(wall, { zone }).toUTC().toISO());
	});

	it('keeps at most Concurrency requests in flight', async () => {
		sandbox.setLatency(400);
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, { eventType: 'custom', options: { concurrency: 3 } }),
			{ items: Array.from({ length: 9 }, () => ({})) },
		).finally(() => sandbox.setLatency(0));
		expect(result.status).toBe('success');
		const arrivals = apiCalls(sandbox, '/vision-events').map((c) => Date.parse(c.time));
		const first = Math.min(...arrivals);
		// With 400 ms per request, the first wave is exactly the requests allowed in flight.
		expect(arrivals.filter((t) => t < first + 200)).toHaveLength(3);
		expect(arrivals).toHaveLength(9);
	});

	it('maps fields per item with expressions', async () => {
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, {
				eventType: 'inventory_count',
				location: '={{ $json.where }}',
				itemCount: '={{ $json.count }}',
				additionalFields: { deduplicationKey: '={{ $json.key }}' },
			}),
			{ items: [{ where: 'dock', count: 3, key: 'k1' }, { where: 'bay', count: '7', key: 'k2' }] },
		);
		expect(result.status).toBe('success');
		const bodies = apiCalls(sandbox, '/vision-events').map((c) => c.body as Record<string, unknown>);
		const byId = new Map(bodies.map((b) => [b.eventId, b.eventData]));
		expect(byId.get(eventIdFromKey('k1'))).toEqual({ location: 'dock', itemCount: 3 });
		expect(byId.get(eventIdFromKey('k2'))).toEqual({ location: 'bay', itemCount: 7 });
		expect(result.items(NODE).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Roboflow create: event ids', () => {
	it('uses an explicit UUID as is', async () => {
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, { eventType: 'custom', additionalFields: { eventId: EVENT_ID } }),
		);
		expect(result.json(NODE)).toEqual([{ eventId: EVENT_ID, created: true }]);
		expect(sandbox.state.visionEvents.has(EVENT_ID)).toBe(true);
	});

	it('a deduplication key gives a v5 id; the same key twice stores one event', async () => {
		const params = createParams(USE_CASE, {
			eventType: 'custom',
			value: '={{ $json.value }}',
			additionalFields: { deduplicationKey: 'alert-42' },
		});
		const first = await runRoboflow(sandbox, params, { items: [{ value: 'first' }] });
		const second = await runRoboflow(sandbox, params, { items: [{ value: 'second' }] });
		const id = first.json(NODE)[0].eventId as string;
		expect(id).toMatch(UUID_V5);
		expect(id).toBe('d94f7786-297c-5d60-84e8-6c48f092f8ec');
		expect(second.json(NODE)[0].eventId).toBe(id);
		expect(apiCalls(sandbox, '/vision-events')).toHaveLength(2);
		const stored = [...sandbox.state.visionEvents.values()].filter((e) => e.useCaseId === USE_CASE);
		expect(stored).toHaveLength(1);
		expect(stored[0].eventData).toEqual({ value: 'second' });
	});

	it('without id or key every item gets its own random v4 id', async () => {
		const result = await runRoboflow(sandbox, createParams(USE_CASE, { eventType: 'custom' }), { items: [{}, {}, {}] });
		const ids = result.json(NODE).map((j) => j.eventId as string);
		expect(new Set(ids).size).toBe(3);
		for (const id of ids) expect(id).toMatch(UUID_V4);
		expect(sandbox.state.visionEvents.size).toBe(3);
	});

	it('an explicit id wins over a deduplication key', async () => {
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, { eventType: 'custom', additionalFields: { eventId: EVENT_ID, deduplicationKey: 'x' } }),
		);
		expect(result.json(NODE)[0].eventId).toBe(EVENT_ID);
	});
});

describe('Roboflow create: Item JSON mode', () => {
	it('sends the item as the body, filling eventId, timestamp and the use case', async () => {
		const items = [
			{ eventType: 'safety_alert', eventData: { alertType: 'no_vest', severity: 'low' }, deviceId: 'cam-2' },
			{ eventId: EVENT_ID, eventType: 'custom', useCaseId: SEED.useCases.siteSafety, timestamp: TS, eventData: { value: 'v' } },
		];
		const result = await runRoboflow(
			sandbox,
			itemModeParams({}, { useCaseId: { __rl: true, mode: 'id', value: USE_CASE } }),
			{ items },
		);
		expect(result.status).toBe('success');
		const out = result.json(NODE);
		expect(out[0].eventId).toMatch(UUID_V4);
		expect(out[1]).toEqual({ eventId: EVENT_ID, created: true });
		const bodies = apiCalls(sandbox, '/vision-events').map((c) => c.body as Record<string, unknown>);
		const first = bodies.find((b) => b.eventId === out[0].eventId) as Record<string, unknown>;
		expect(first).toEqual({
			...items[0],
			eventId: out[0].eventId,
			useCaseId: USE_CASE,
			timestamp: expect.stringMatching(/Z$/),
		});
		expect(bodies.find((b) => b.eventId === EVENT_ID)).toEqual(items[1]);
	});

	it('reads the body from Item Property and turns a deduplicationKey property into the id', async () => {
		const event = { eventType: 'custom', useCaseId: USE_CASE, timestamp: isoFromNow(-HOUR), eventData: { value: 'x' } };
		const result = await runRoboflow(sandbox, itemModeParams({}, { itemProperty: 'payload.event' }), {
			items: [{ payload: { event: { ...event, deduplicationKey: 'row-17' } }, other: 1 }],
		});
		expect(result.json(NODE)).toEqual([{ eventId: eventIdFromKey('row-17'), created: true }]);
		expect(apiCalls(sandbox, '/vision-events')[0].body).toEqual({ ...event, eventId: eventIdFromKey('row-17') });
	});

	it('an item without an event object is an error naming the item', async () => {
		const result = await runRoboflow(sandbox, itemModeParams({}, { itemProperty: 'event' }), {
			items: [{ event: 'not an object' }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The property "event" of item 0 is not an event object');
		expect(apiCalls(sandbox)).toHaveLength(0);
	});
});

describe('Roboflow create: warnings', () => {
	const invalid = { eventType: 'safety_alert', useCaseId: USE_CASE, eventData: { severity: 'critical' } };

	it('returns the server\'s warnings with Validation: Server', async () => {
		const result = await runRoboflow(sandbox, itemModeParams({ validation: 'server' }), { items: [invalid] });
		const [out] = result.json(NODE);
		expect(out.created).toBe(true);
		expect(out.warnings).toEqual([{ type: 'any.only', path: 'eventData.severity', value: 'critical', valueType: 'string' }]);
	});

	it('Fail on Warnings turns them into an item error; the event stays stored', async () => {
		const result = await runRoboflow(sandbox, itemModeParams({ validation: 'server', failOnWarnings: true }), {
			items: [invalid, { ...invalid, eventData: { severity: 'low' } }],
			continueOnFail: true,
		});
		const [bad, good] = result.json(NODE);
		expect(bad.error).toMatch(/^Roboflow stored event [0-9a-f-]{36} of item 0 with warnings: eventData\.severity \(any\.only\)$/);
		expect(good).toEqual({ eventId: expect.any(String), created: true });
		expect(sandbox.state.visionEvents.size).toBe(2);
	});

	it('deprecations are passed through', async () => {
		const { useCaseId, ...rest } = invalid;
		const result = await runRoboflow(sandbox, itemModeParams({ validation: 'server' }), {
			items: [{ ...rest, solutionId: useCaseId, eventData: {} }],
		});
		expect(result.json(NODE)[0].deprecations).toEqual([{ field: 'solutionId', replacement: 'useCaseId' }]);
	});
});

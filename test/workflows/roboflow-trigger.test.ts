/**
 * Roboflow Vision Event Trigger: polls driven through n8n-core's PollContext and
 * TriggersAndPollers against the sandbox, across several polls, restarts and failures.
 */
import { randomUUID } from 'crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { RoboflowTrigger } from '../../nodes/RoboflowTrigger/RoboflowTrigger.node';
import { OVERLAP_MS } from '../../nodes/RoboflowTrigger/window';
import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { pollHarness, type PollHarness } from '../helpers/poll';
import { isoFromNow } from '../helpers/time';
import { PACKAGE } from '../helpers/workflow';
import { roboflow } from '../sandbox/helpers';
import { apiCalls, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const UC = SEED.useCases.lineAQuality;

function trigger(parameters: INodeParameters = {}, credential: IDataObject = {}): PollHarness {
	return pollHarness({
		type: `${PACKAGE}.roboflowTrigger`,
		nodeType: new RoboflowTrigger(),
		parameters: { useCaseId: { __rl: true, mode: 'id', value: UC }, ...parameters },
		credentials: { roboflowApi: Object.assign(credential, { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl }) },
	});
}

/** Records a quality check stamped `offsetMs` from now (negative = it happened earlier). */
async function record(offsetMs = 0, overrides: IDataObject = {}): Promise<string> {
	const eventId = (overrides.eventId as string) ?? randomUUID();
	const res = await roboflow(sandbox.roboflowUrl)('POST', '/vision-events', {
		eventId,
		eventType: 'quality_check',
		useCaseId: UC,
		timestamp: isoFromNow(offsetMs),
		eventData: { result: 'fail' },
		...overrides,
	});
	expect(res.status).toBe(201);
	return eventId;
}

/**
 * Makes the activation `ms` earlier, as if the trigger had been switched on then (events are
 * stamped a little in the past below, which would otherwise fall before a just-now activation).
 */
function activatedAgo(t: PollHarness, ms: number): void {
	const data = t.staticData();
	data.floor = (data.floor as number) - ms;
	data.until = (data.until as number) - ms;
}

const ids = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => i.json.eventId);
const queries = () => apiCalls(sandbox, '/vision-events/query').map((r) => r.body as IDataObject);

describe('Roboflow Vision Event Trigger', () => {
	it('activation starts at now: the activation poll emits nothing and earlier events never come', async () => {
		await record(-60_000);
		await record(-1000);
		const t = trigger();
		expect(await t.activate()).toBeNull();
		expect(apiCalls(sandbox, '/vision-events/query')).toHaveLength(0);
		expect(await t.poll()).toBeNull();
		const fresh = await record();
		expect(ids(await t.poll())).toEqual([fresh]);
	});

	it('emits each new event once, oldest first, as Query returns it, across several polls', async () => {
		const t = trigger();
		await t.activate();
		activatedAgo(t, 10_000);
		const a = await record(0, { eventData: { result: 'fail', externalId: 'A-1' } });
		const first = await t.poll();
		expect(first).toHaveLength(1);
		expect(first?.[0].json).toEqual(sandbox.state.visionEvents.get(a) as unknown as IDataObject);
		expect(await t.poll()).toBeNull();
		// Recorded in this order, stamped out of order: emitted by timestamp. The stamps share one
		// "now", so a slow request between two records cannot change their order.
		const now = Date.now();
		const stamped = (ms: number) => ({ timestamp: new Date(now + ms).toISOString() });
		const c = await record(0, stamped(-100));
		const b = await record(0, stamped(-200));
		const d = await record(0, stamped(0));
		expect(ids(await t.poll())).toEqual([b, c, d]);
		expect(await t.poll()).toBeNull();
	});

	it('a late event (stamped inside an already polled window) comes once in the next poll; repeats never', async () => {
		const t = trigger();
		await t.activate();
		activatedAgo(t, 10_000);
		const onTime = await record();
		expect(ids(await t.poll())).toEqual([onTime]);
		// Stamped before the poll above ran, recorded after it.
		const late = await record(-3000);
		const next = await record();
		expect(ids(await t.poll())).toEqual([late, next]);
		const lateStamp = Date.parse(sandbox.state.visionEvents.get(late)?.timestamp as string);
		expect(lateStamp).toBeLessThan(Date.parse(queries()[0].endTime as string));
		for (let i = 0; i < 3; i++) expect(await t.poll()).toBeNull();
		// Every poll reached back over the previous window, so the late one was in reach.
		const [, second, third] = queries();
		expect(Date.parse(third.startTime as string)).toBeLessThan(Date.parse(second.endTime as string));
	});

	it('events arriving in and out of order over many polls: every one emitted exactly once', async () => {
		const t = trigger();
		await t.activate();
		activatedAgo(t, 10_000);
		const recorded: string[] = [];
		const emitted: string[] = [];
		for (let round = 0; round < 6; round++) {
			// Some on time, some stamped up to ~2 s back (late), in shuffled order.
			for (const offset of [0, -1500, -300, -2000, -50].slice(0, 2 + (round % 4))) recorded.push(await record(offset));
			emitted.push(...(ids(await t.poll()) as string[]));
		}
		emitted.push(...(ids(await t.poll()) as string[]));
		expect(new Set(emitted).size).toBe(emitted.length);
		expect([...emitted].sort()).toEqual([...recorded].sort());
	});

	it('a late event stamped more than 15 minutes before the previous poll is not emitted (the documented limit)', async () => {
		const t = trigger();
		await t.activate();
		activatedAgo(t, 30 * 60_000);
		expect(await t.poll()).toBeNull();
		const tooLate = await record(-OVERLAP_MS - 60_000);
		const inReach = await record(-OVERLAP_MS + 60_000);
		expect(ids(await t.poll())).toEqual([inReach]);
		expect(sandbox.state.visionEvents.has(tooLate)).toBe(true);
	});

	it('follows the cursor: 230 new events in one poll come in 3 pages, all emitted oldest first', async () => {
		const t = trigger();
		await t.activate();
		activatedAgo(t, 10_000);
		const events = Array.from({ length: 230 }, (_, i) => ({
			eventId: randomUUID(),
			eventType: 'quality_check',
			useCaseId: UC,
			timestamp: isoFromNow(-(i + 1)),
			eventData: { result: 'pass' },
		}));
		for (let k = 0; k < events.length; k += 100) {
			const res = await roboflow(sandbox.roboflowUrl)('POST', '/vision-events/batch', { events: events.slice(k, k + 100) });
			expect(res.status).toBe(201);
		}
		sandbox.clearRequests();
		const items = await t.poll();
		expect(queries()).toHaveLength(3);
		expect(queries()[1].cursor).toEqual(expect.any(String));
		const timestamps = (items ?? []).map((i) => Date.parse(i.json.timestamp as string));
		expect(timestamps).toHaveLength(230);
		expect([...timestamps].sort((x, y) => x - y)).toEqual(timestamps);
		expect(await t.poll()).toBeNull();
	});

	it('a poll that fails on its second page emits nothing and changes nothing; the next poll emits the window once', async () => {
		const t = trigger();
		await t.activate();
		activatedAgo(t, 10_000);
		const events = Array.from({ length: 120 }, (_, i) => ({
			eventId: randomUUID(),
			eventType: 'quality_check',
			useCaseId: UC,
			timestamp: isoFromNow(-(i + 1)),
			eventData: { result: 'fail' },
		}));
		await roboflow(sandbox.roboflowUrl)('POST', '/vision-events/batch', { events: events.slice(0, 100) });
		await roboflow(sandbox.roboflowUrl)('POST', '/vision-events/batch', { events: events.slice(100) });
		const before = JSON.stringify(t.staticData());
		// Page 1 is served; page 2 fails on every attempt of the retry policy.
		sandbox.addFault({ path: '/roboflow/vision-events/query', status: 503, skip: 1, times: 4, body: { error: 'Query backend unavailable' } });
		const failure = await t.poll().catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(NodeApiError);
		expect((failure as NodeApiError).message).toContain('Query backend unavailable');
		expect(JSON.stringify(t.staticData())).toBe(before);
		const late = await record(-50);
		const items = await t.poll();
		expect(items).toHaveLength(121);
		expect(new Set(ids(items)).size).toBe(121);
		expect(ids(items)).toContain(late);
		expect(await t.poll()).toBeNull();
	});

	it('after a restart that lost the state of empty polls, the larger window emits nothing twice', async () => {
		const t = trigger();
		await t.activate();
		const a = await record();
		expect(ids(await t.poll())).toEqual([a]); // emitted: n8n saves the static data
		expect(await t.poll()).toBeNull(); // not saved
		expect(await t.poll()).toBeNull();
		t.restart();
		const b = await record();
		expect(await t.activate('init')).toEqual([expect.objectContaining({ json: expect.objectContaining({ eventId: b }) })]);
		expect(await t.poll()).toBeNull();
	});

	it('switching the workflow off and on again starts at now: no backlog of what happened meanwhile', async () => {
		const t = trigger();
		await t.activate();
		activatedAgo(t, 10_000);
		const before = await record();
		expect(ids(await t.poll())).toEqual([before]);
		// Recorded while the workflow is off: stamped a second back, so it cannot share the millisecond
		// the re-activation starts at (an event stamped at that instant is in the window, by design).
		await record(-1000);
		expect(await t.activate('activate')).toBeNull();
		expect(await t.poll()).toBeNull();
		const after = await record();
		expect(ids(await t.poll())).toEqual([after]);
	});

	it('changing the filters starts at now; event types and filters are sent with every page', async () => {
		const t = trigger();
		await t.activate();
		await record(0, { deviceId: 'cam-1' });
		t.setParameters({
			useCaseId: { __rl: true, mode: 'id', value: UC },
			eventTypes: ['quality_check'],
			filters: {
				deviceId: { condition: { operator: 'eq', value: 'cam-2' } },
				customMetadataFilters: { filter: [{ field: 'line', operator: 'eq', type: 'string', value: 'A' }] },
			},
		});
		expect(await t.activate('update')).toBeNull();
		await record(0, { deviceId: 'cam-1', customMetadata: { line: 'A' } });
		const match = await record(0, { deviceId: 'cam-2', customMetadata: { line: 'A' } });
		await record(0, { deviceId: 'cam-2', customMetadata: { line: 'B' } });
		sandbox.clearRequests();
		expect(ids(await t.poll())).toEqual([match]);
		expect(queries()[0]).toEqual({
			useCaseId: UC,
			eventTypes: ['quality_check'],
			deviceId: { operator: 'eq', value: 'cam-2' },
			customMetadataFilters: [{ field: 'line', operator: 'eq', value: 'A', type: 'string' }],
			startTime: expect.any(String),
			endTime: expect.any(String),
			limit: 100,
		});
	});

	it('Fetch Test Event returns the most recent matching event, or says none exists', async () => {
		const t = trigger({ eventTypes: ['quality_check'] });
		const none = await t.fetchTestEvent().catch((error: unknown) => error as Error);
		expect((none as Error).message).toBe(`No vision event in use case ${UC} matches the trigger yet`);
		await record(-5000);
		const newest = await record(-1000);
		await record(0, { eventType: 'custom', eventData: { value: 'x' } });
		expect(ids(await t.fetchTestEvent())).toEqual([newest]);
		expect(queries().at(-1)).toEqual({ useCaseId: UC, eventTypes: ['quality_check'], limit: 1 });
		expect(t.staticData()).toEqual({});
	});

	it('an unknown use case fails the poll with the service message', async () => {
		const t = trigger({ useCaseId: { __rl: true, mode: 'id', value: 'nope0000' } });
		await t.activate();
		const failure = await t.poll().catch((error: unknown) => error as Error);
		expect(failure).toBeInstanceOf(NodeApiError);
		expect((failure as Error).message).toContain('Solution not found');
	});

	it('a key changed while the workflow stays switched on is used from the next poll on', async () => {
		// n8n polls through one context for the whole activation and does not re-activate on a
		// credential change, so the credential must be read again for every poll.
		const credential: IDataObject = {};
		const t = trigger({}, credential);
		await t.activate();
		expect(await t.poll()).toBeNull();
		credential.apiKey = 'revoked-key';
		const failure = await t.poll().catch((error: unknown) => error as Error);
		expect((failure as Error).message).toContain('invalid or missing API key');
		credential.apiKey = SANDBOX_KEYS.roboflow;
		const fresh = await record(0);
		expect(ids(await t.poll())).toEqual([fresh]);
	});
});

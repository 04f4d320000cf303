/**
 * When paging through POST /vision-events/query ends, for Vision Event → Query and the Vision Event
 * Trigger: as in roboflow-python's query_all_vision_events, a `nextCursor` that is not a non-empty
 * string ends the paging, whatever `hasMore` says. Following it would ask for the first page again
 * (a request without a cursor) and output its events twice.
 */
import { randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { RoboflowTrigger } from '../../nodes/RoboflowTrigger/RoboflowTrigger.node';
import type { VisionEvent } from '../../sandbox';
import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { pollHarness } from '../helpers/poll';
import { HOUR } from '../helpers/time';
import { PACKAGE } from '../helpers/workflow';
import { apiCalls, NODE, runRoboflow, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const USE_CASE = SEED.useCases.siteSafety;
const useCaseId = { __rl: true, mode: 'id', value: USE_CASE };
const QUERY_PATH = '/roboflow/vision-events/query';

/** Stores `n` events in the use case, stamped `ageMs` ago and a millisecond apart. */
function seedEvents(n: number, ageMs = HOUR): VisionEvent[] {
	const start = Date.now() - ageMs;
	return Array.from({ length: n }, (_, k) => {
		const event: VisionEvent = {
			eventId: randomUUID(),
			eventType: 'safety_alert',
			useCaseId: USE_CASE,
			timestamp: new Date(start + k).toISOString(),
			eventData: { severity: 'low' },
			createdAt: new Date().toISOString(),
		};
		sandbox.state.visionEvents.set(event.eventId, event);
		return event;
	});
}

const queryBodies = () => apiCalls(sandbox, '/vision-events/query').map((c) => c.body as IDataObject);

describe('Roboflow query paging ends on a nextCursor that is no cursor', () => {
	it.each([
		['an empty string', ''],
		['a number', 42],
		['an object', { offset: 100 }],
	])('Return All: nextCursor %s with hasMore true ends the paging; each event once', async (_, nextCursor) => {
		const events = seedEvents(150);
		sandbox.addFault({ path: QUERY_PATH, patch: { nextCursor, hasMore: true } });
		const result = await runRoboflow(sandbox, { resource: 'visionEvent', operation: 'query', useCaseId, returnAll: true });
		expect(result.status).toBe('success');
		const ids = result.json(NODE).map((e) => e.eventId);
		expect(ids).toHaveLength(100);
		expect(new Set(ids).size).toBe(100);
		const newest = [...events].reverse().slice(0, 100);
		expect(ids).toEqual(newest.map((e) => e.eventId));
		expect(queryBodies()).toEqual([{ useCaseId: USE_CASE, limit: 100 }]);
	});

	it('with a Limit not yet reached, the paging ends there too', async () => {
		seedEvents(30);
		sandbox.addFault({ path: QUERY_PATH, patch: { nextCursor: '', hasMore: true } });
		const result = await runRoboflow(sandbox, { resource: 'visionEvent', operation: 'query', useCaseId, limit: 50 });
		expect(new Set(result.json(NODE).map((e) => e.eventId)).size).toBe(30);
		expect(result.json(NODE)).toHaveLength(30);
		expect(queryBodies()).toEqual([{ useCaseId: USE_CASE, limit: 50 }]);
	});

	it('a real cursor is still followed when hasMore is absent (kept: the seen-cursor guard ends loops)', async () => {
		seedEvents(150);
		// `hasMore: null` is not false, so only the cursor decides, as when the field is missing.
		sandbox.addFault({ path: QUERY_PATH, patch: { hasMore: null } });
		const result = await runRoboflow(sandbox, { resource: 'visionEvent', operation: 'query', useCaseId, returnAll: true });
		expect(new Set(result.json(NODE).map((e) => e.eventId)).size).toBe(150);
		expect(queryBodies().map((b) => typeof b.cursor)).toEqual(['undefined', 'string']);
	});
});

describe('Roboflow Vision Event Trigger paging', () => {
	it('a poll whose page answers nextCursor "" asks once and emits each event once', async () => {
		const trigger = pollHarness({
			type: `${PACKAGE}.roboflowTrigger`,
			nodeType: new RoboflowTrigger(),
			parameters: { useCaseId },
			credentials: { roboflowApi: { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl } },
		});
		await trigger.activate();
		// As if switched on a minute ago, so the events stamped below fall in the first window.
		const data = trigger.staticData();
		data.floor = (data.floor as number) - 60_000;
		data.until = (data.until as number) - 60_000;
		const events = seedEvents(3, 30_000);
		sandbox.addFault({ path: QUERY_PATH, patch: { nextCursor: '', hasMore: true }, times: 5 });
		const emitted = (await trigger.poll())?.map((item) => item.json.eventId);
		expect(emitted).toEqual(events.map((e) => e.eventId));
		expect(queryBodies()).toHaveLength(1);
		expect(queryBodies()[0].cursor).toBeUndefined();
	});
});

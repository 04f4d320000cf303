/**
 * Vision Event → Query (cursor paging, filters) and Delete (chunks of 1000), Use Case → Get Many /
 * Create, and the use case picker (listSearch) run in n8n's own load-options context.
 */
import type { IDataObject } from 'n8n-workflow';

import { Roboflow } from '../../nodes/Roboflow/Roboflow.node';
import type { VisionEvent } from '../../sandbox';
import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { HOUR } from '../helpers/time';
import { listSearchContext } from '../helpers/workflow';
import { apiCalls, NODE, ROBOFLOW_TYPE, runRoboflow, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const USE_CASE = SEED.useCases.siteSafety;
const useCaseId = { __rl: true, mode: 'id', value: USE_CASE };
const BASE_TIME = Date.now() - 10 * HOUR;

/** Stores `n` events directly in the sandbox; event k is k minutes after BASE_TIME. */
function seedEvents(n: number, make: (k: number) => Partial<VisionEvent> = () => ({})): VisionEvent[] {
	const events: VisionEvent[] = [];
	for (let k = 0; k < n; k++) {
		const event: VisionEvent = {
			eventId: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
			eventType: 'safety_alert',
			useCaseId: USE_CASE,
			timestamp: new Date(BASE_TIME + k * 60000).toISOString(),
			eventData: { severity: 'low' },
			createdAt: new Date().toISOString(),
			...make(k),
		};
		sandbox.state.visionEvents.set(event.eventId, event);
		events.push(event);
	}
	return events;
}

const query = (extra: IDataObject = {}) => ({ resource: 'visionEvent', operation: 'query', useCaseId, ...extra });
const queryBodies = () => apiCalls(sandbox, '/vision-events/query').map((c) => c.body as IDataObject);

describe('Roboflow query', () => {
	it('Return All follows nextCursor over several pages, one item per event', async () => {
		seedEvents(230);
		const result = await runRoboflow(sandbox, query({ returnAll: true }));
		const out = result.json(NODE);
		expect(out).toHaveLength(230);
		expect(out[0].eventId).toBe('00000000-0000-4000-8000-000000000229'); // newest first
		expect(new Set(out.map((e) => e.eventId)).size).toBe(230);
		const bodies = queryBodies();
		expect(bodies.map((b) => b.limit)).toEqual([100, 100, 100]);
		expect(bodies[0].cursor).toBeUndefined();
		expect(typeof bodies[1].cursor).toBe('string');
		expect(bodies[2].cursor).not.toBe(bodies[1].cursor);
	});

	it('Limit stops paging once enough events arrived, asking only for what is left', async () => {
		seedEvents(230);
		const result = await runRoboflow(sandbox, query({ returnAll: false, limit: 150 }));
		expect(result.json(NODE)).toHaveLength(150);
		expect(queryBodies().map((b) => b.limit)).toEqual([100, 50]);
	});

	it('a small limit is one request of that size', async () => {
		seedEvents(30);
		const result = await runRoboflow(sandbox, query({ limit: 5 }));
		expect(result.json(NODE)).toHaveLength(5);
		expect(queryBodies()).toEqual([{ useCaseId: USE_CASE, limit: 5 }]);
	});

	it('sends time window, event types and filters, and the API applies them', async () => {
		seedEvents(40, (k) => ({
			eventType: k % 2 === 0 ? 'safety_alert' : 'custom',
			deviceId: k % 4 === 0 ? 'cam-1' : 'cam-2',
			eventData: k % 2 === 0 ? { severity: 'high', externalId: `x-${k}` } : { value: 'v' },
			customMetadata: { temperature: k, night: k >= 20 },
		}));
		const result = await runRoboflow(
			sandbox,
			query({
				startTime: new Date(BASE_TIME + 4 * 60000).toISOString(),
				endTime: new Date(BASE_TIME + 36 * 60000).toISOString(),
				eventTypes: ['safety_alert'],
				filters: {
					deviceId: { condition: { operator: 'eq', value: 'cam-1' } },
					externalId: { condition: { operator: 'neq', value: 'x-8' } },
					customMetadataFilters: {
						filter: [
							{ field: 'temperature', operator: 'gte', type: 'number', value: '12' },
							{ field: 'night', operator: 'eq', type: 'boolean', value: 'false' },
						],
					},
				},
				returnAll: true,
			}),
		);
		expect(result.status).toBe('success');
		expect(queryBodies()[0]).toEqual({
			useCaseId: USE_CASE,
			startTime: new Date(BASE_TIME + 4 * 60000).toISOString(),
			endTime: new Date(BASE_TIME + 36 * 60000).toISOString(),
			eventTypes: ['safety_alert'],
			deviceId: { operator: 'eq', value: 'cam-1' },
			externalId: { operator: 'neq', value: 'x-8' },
			customMetadataFilters: [
				{ field: 'temperature', operator: 'gte', value: 12, type: 'number' },
				{ field: 'night', operator: 'eq', value: false, type: 'boolean' },
			],
			limit: 100,
		});
		// k multiple of 4, 4 ≤ k ≤ 36, k ≥ 12, k < 20, k ≠ 8 → 12 and 16.
		expect(result.json(NODE).map((e) => (e.customMetadata as IDataObject).temperature)).toEqual([16, 12]);
	});

	it('an invalid start time is an error before any request', async () => {
		const result = await runRoboflow(sandbox, query({ startTime: 'yesterday' }));
		expect(result.error?.message).toBe('Start Time must be an ISO 8601 date-time [item 0]');
		expect(apiCalls(sandbox)).toHaveLength(0);
	});

	it('a metadata filter value that does not fit its type is an error naming the filter, before any request', async () => {
		const filtered = (type: string, value: string) =>
			query({ filters: { customMetadataFilters: { filter: [{ field: 'temperature', operator: 'gte', type, value }] } } });
		const number = await runRoboflow(sandbox, filtered('number', 'warm'));
		expect(number.error?.message).toBe('Filters → Custom Metadata "temperature" needs a number [item 0]');
		const boolean = await runRoboflow(sandbox, filtered('boolean', 'yes'));
		expect(boolean.error?.message).toBe('Filters → Custom Metadata "temperature" needs true or false [item 0]');
		expect(apiCalls(sandbox)).toHaveLength(0);
	});

	it('an empty result is no items', async () => {
		const result = await runRoboflow(sandbox, query({ returnAll: true }));
		expect(result.status).toBe('success');
		expect(result.json(NODE)).toEqual([]);
	});
});

describe('Roboflow delete', () => {
	it('deletes 1500 ids in 2 requests (1000 + 500) and sums the answers', async () => {
		const events = seedEvents(1400);
		const ids = [...events.map((e) => e.eventId), ...Array.from({ length: 100 }, (_, k) => `missing-${k}`)];
		const result = await runRoboflow(
			sandbox,
			{ resource: 'visionEvent', operation: 'delete', useCaseId, eventIds: '={{ $json.ids }}' },
			{ items: [{ ids }] },
		);
		expect(result.status).toBe('success');
		const calls = apiCalls(sandbox, '/vision-events/delete').map((c) => c.body as { eventIds: string[]; useCaseId: string });
		expect(calls.map((c) => c.eventIds.length)).toEqual([1000, 500]);
		expect(calls.every((c) => c.useCaseId === USE_CASE)).toBe(true);
		const [out] = result.json(NODE);
		expect(out.deleted).toBe(1400);
		expect(out.notFound).toEqual(ids.slice(1400));
		expect(sandbox.state.visionEvents.size).toBe(0);
	});

	it('accepts a comma-separated string; one output item per input item', async () => {
		const [a, b] = seedEvents(3);
		const result = await runRoboflow(
			sandbox,
			{ resource: 'visionEvent', operation: 'delete', useCaseId, eventIds: '={{ $json.ids }}' },
			{ items: [{ ids: `${a.eventId}, ${b.eventId},nope` }, { ids: a.eventId }] },
		);
		expect(result.json(NODE)).toEqual([
			{ deleted: 2, notFound: ['nope'] },
			{ deleted: 0, notFound: [a.eventId] },
		]);
		expect(result.items(NODE).map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('no ids is an error before any request', async () => {
		const result = await runRoboflow(sandbox, { resource: 'visionEvent', operation: 'delete', useCaseId, eventIds: ' , ' });
		expect(result.error?.message).toBe('Event IDs must not be empty [item 0]');
		expect(apiCalls(sandbox)).toHaveLength(0);
	});
});

describe('Roboflow use cases', () => {
	it('lists active use cases by default and inactive ones on request', async () => {
		const active = await runRoboflow(sandbox, { resource: 'useCase', operation: 'getAll' });
		expect(active.json(NODE).map((u) => u.name)).toEqual(['Line A quality', 'Warehouse inventory', 'Site safety']);
		expect(active.json(NODE)[0]).toMatchObject({ id: SEED.useCases.lineAQuality, status: 'active', workspaceId: SEED.workspace });
		const inactive = await runRoboflow(sandbox, { resource: 'useCase', operation: 'getAll', status: 'inactive' });
		expect(inactive.json(NODE).map((u) => u.id)).toEqual([SEED.useCases.legacyPilot]);
		expect(apiCalls(sandbox, '/vision-events/use-cases', 'GET').map((c) => c.query)).toEqual([
			{ status: 'active' },
			{ status: 'inactive' },
		]);
	});

	it('Get Many describes Inactive by its status, archived use cases only as an example', () => {
		const status = new Roboflow().description.properties.find(
			(p) => p.name === 'status' && p.displayOptions?.show?.resource?.includes('useCase'),
		);
		const inactive = (status?.options as Array<{ value: string; description?: string }>).find((o) => o.value === 'inactive');
		expect(inactive?.description).toBe('Use cases with status inactive (for example archived ones)');
	});

	it('creates a use case (name trimmed) and reports a duplicate with the API message', async () => {
		const created = await runRoboflow(sandbox, { resource: 'useCase', operation: 'create', name: '  Dock safety ' });
		expect(created.json(NODE)).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{8}$/), name: 'Dock safety' }]);
		expect(apiCalls(sandbox, '/vision-events/use-cases')[0].body).toEqual({ name: 'Dock safety' });
		const duplicate = await runRoboflow(sandbox, { resource: 'useCase', operation: 'create', name: 'dock SAFETY' });
		expect(duplicate.error?.message).toBe('A solution with this name already exists');
		expect((duplicate.error as { httpCode?: string }).httpCode).toBe('400');
	});

	it('a 503 is retried for the list (it changes nothing) but not for a create (a repeat could meet "name already exists")', async () => {
		sandbox.addFault({ method: 'GET', path: '/roboflow/vision-events/use-cases', status: 503 });
		const listed = await runRoboflow(sandbox, { resource: 'useCase', operation: 'getAll' });
		expect(listed.json(NODE)).toHaveLength(3);
		expect(apiCalls(sandbox, '/vision-events/use-cases', 'GET')).toHaveLength(2);
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events/use-cases', status: 503, when: 'after' });
		const created = await runRoboflow(sandbox, { resource: 'useCase', operation: 'create', name: 'Dock safety' });
		expect((created.error as { httpCode?: string }).httpCode).toBe('503');
		expect(apiCalls(sandbox, '/vision-events/use-cases')).toHaveLength(1);
	});

	it('a name over 256 characters is an error before any request', async () => {
		const result = await runRoboflow(sandbox, { resource: 'useCase', operation: 'create', name: 'n'.repeat(257) });
		expect(result.error?.message).toBe('Name must have 1 to 256 characters [item 0]');
		expect(apiCalls(sandbox)).toHaveLength(0);
	});

	it('the use case picker lists active use cases by name and searches', async () => {
		const search = async (filter?: string) =>
			await new Roboflow().methods.listSearch.searchUseCases.call(
				listSearchContext({
					type: ROBOFLOW_TYPE,
					nodeType: new Roboflow(),
					parameters: {},
					path: 'useCaseId',
					credentials: { roboflowApi: { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl } },
				}),
				filter,
			);
		expect((await search()).results).toEqual([
			{ name: 'Line A quality', value: SEED.useCases.lineAQuality },
			{ name: 'Site safety', value: SEED.useCases.siteSafety },
			{ name: 'Warehouse inventory', value: SEED.useCases.warehouseInventory },
		]);
		expect((await search('WARE')).results).toEqual([{ name: 'Warehouse inventory', value: SEED.useCases.warehouseInventory }]);
		expect((await search(SEED.useCases.siteSafety)).results).toHaveLength(1);
	});
});

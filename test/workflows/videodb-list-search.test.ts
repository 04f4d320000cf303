/**
 * The VideoDB node's list searches (resource locator pickers), called the way the editor calls
 * them: with n8n-core's own LoadOptionsContext, so credentials, `getCurrentNodeParameter` with
 * `extractValue` and the request helper are n8n's real implementations.
 */
import type { INodeParameters } from 'n8n-workflow';

import { VideoDb } from '../../nodes/VideoDb/VideoDb.node';
import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { rl as locator, searchContext, useSandbox } from './videodb-helpers';

const { searchStreams, searchSceneIndexes, searchEvents, searchAlerts } = new VideoDb().methods.listSearch;
const sandbox = useSandbox();
const context = (parameters: INodeParameters, path: string) => searchContext(sandbox, parameters, path);
/** The pickers' default here: a locator in "From list" mode. */
const rl = (value: string, mode = 'list') => locator(value, mode);
const alertParams = (streamId: string, sceneIndexId: string): INodeParameters => ({
	resource: 'alert',
	operation: 'disable',
	streamId: rl(streamId),
	sceneIndexId: rl(sceneIndexId, 'id'),
	alertId: rl(''),
});

describe('searchStreams', () => {
	const ctx = () => context({ resource: 'alert', operation: 'create', streamId: rl('') }, 'streamId');

	test('lists streams by name with their ids, one page, API key sent', async () => {
		const result = await searchStreams.call(ctx());
		expect(result.results).toHaveLength(Object.keys(SEED.streams).length);
		expect(result.results[0]).toEqual({
			name: 'Warehouse dock camera',
			value: SEED.streams.warehouseDock,
			description: 'connected',
			url: expect.stringContaining(SEED.streams.warehouseDock),
		});
		expect(result.paginationToken).toBeUndefined();
		const [request] = sandbox.requests({ service: 'videodb' });
		expect(request).toMatchObject({ method: 'GET', path: '/rtstream', query: { limit: '50', offset: '0' } });
		expect(request.headers['x-access-token']).toBe(SANDBOX_KEYS.videodb);
	});

	test('filters by name on the server', async () => {
		const result = await searchStreams.call(ctx(), 'Loading BAY');
		expect(result.results.map((r) => r.name)).toEqual(['Loading bay north', 'Loading bay south']);
		expect(sandbox.requests({ service: 'videodb' })[0].query).toEqual({ limit: '50', offset: '0', name: 'Loading BAY' });
	});

	test('pages with an offset in paginationToken', async () => {
		const template = sandbox.state.streams.get(SEED.streams.warehouseDock)!;
		for (let n = 0; n < 60; n++) {
			const id = `rts-00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
			const created = new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString().replace('Z', '000');
			sandbox.state.streams.set(id, { ...template, id, name: `Extra camera ${n}`, created_at: created });
		}
		const first = await searchStreams.call(ctx());
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const second = await searchStreams.call(ctx(), undefined, first.paginationToken);
		expect(second.results).toHaveLength(24);
		expect(second.paginationToken).toBeUndefined();
		const all = new Set([...first.results, ...second.results].map((r) => r.value));
		expect(all.size).toBe(74);
		expect(sandbox.requests({ service: 'videodb' }).map((r) => r.query.offset)).toEqual(['0', '50']);
	});
});

describe('searchSceneIndexes', () => {
	test('is empty and sends nothing while no stream is chosen', async () => {
		const ctx = context({ resource: 'alert', operation: 'create', streamId: rl(''), sceneIndexId: rl('') }, 'sceneIndexId');
		expect(await searchSceneIndexes.call(ctx)).toEqual({ results: [] });
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(0);
	});

	test('lists the scene indexes of the chosen stream and filters on name and prompt', async () => {
		const ctx = context(
			{ resource: 'alert', operation: 'create', streamId: rl(SEED.streams.warehouseDock), sceneIndexId: rl('') },
			'sceneIndexId',
		);
		const all = await searchSceneIndexes.call(ctx);
		expect(all.results).toEqual([
			{
				name: 'Dock activity',
				value: SEED.sceneIndexes.dockActivity,
				description: 'Describe people, forklifts and pallets on the loading dock.',
			},
			{
				name: 'Safety zone',
				value: SEED.sceneIndexes.dockSafetyZone,
				description: 'Describe anyone entering the yellow safety zone.',
			},
		]);
		expect((await searchSceneIndexes.call(ctx, 'SAFETY')).results.map((r) => r.value)).toEqual([
			SEED.sceneIndexes.dockSafetyZone,
		]);
		expect((await searchSceneIndexes.call(ctx, 'pallets')).results.map((r) => r.value)).toEqual([
			SEED.sceneIndexes.dockActivity,
		]);
		expect(sandbox.requests({ service: 'videodb' })[0].path).toBe(`/rtstream/${SEED.streams.warehouseDock}/index/scene`);
	});

	test('reads a stream given in ID mode as well', async () => {
		const ctx = context(
			{ resource: 'sceneIndex', operation: 'getAll', streamId: rl(SEED.streams.loadingBayNorth, 'id') },
			'streamId',
		);
		expect((await searchSceneIndexes.call(ctx)).results.map((r) => r.value)).toEqual([SEED.sceneIndexes.bayNorthActivity]);
	});
});

describe('searchEvents', () => {
	const ctx = () => context({ resource: 'alert', operation: 'create', eventId: rl('') }, 'eventId');

	test('lists events by label and filters on label or prompt here', async () => {
		const all = await searchEvents.call(ctx());
		expect(all.results).toEqual([
			{
				name: 'person_on_dock',
				value: SEED.events.personOnDock,
				description: 'Detect a person standing on the loading dock.',
			},
			{
				name: 'forklift_near_person',
				value: SEED.events.forkliftNearPerson,
				description: 'Detect a forklift moving within two metres of a person.',
			},
		]);
		expect((await searchEvents.call(ctx(), 'FORKLIFT')).results.map((r) => r.value)).toEqual([
			SEED.events.forkliftNearPerson,
		]);
		expect((await searchEvents.call(ctx(), 'loading dock')).results.map((r) => r.value)).toEqual([
			SEED.events.personOnDock,
		]);
		expect((await searchEvents.call(ctx(), 'nothing like this')).results).toEqual([]);
		expect(sandbox.requests({ service: 'videodb' }).every((r) => Object.keys(r.query).length === 0)).toBe(true);
	});
});

describe('searchAlerts', () => {
	test('is empty until both stream and scene index are chosen', async () => {
		const ctx = context(alertParams(SEED.streams.warehouseDock, ''), 'alertId');
		expect(await searchAlerts.call(ctx)).toEqual({ results: [] });
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(0);
	});

	test('lists the alerts of the chosen stream and scene index with their status', async () => {
		sandbox.state.alerts.set('441c80e43b16fbf5', {
			alert_id: '441c80e43b16fbf5',
			event_id: SEED.events.forkliftNearPerson,
			stream_id: SEED.streams.warehouseDock,
			scene_index_id: SEED.sceneIndexes.dockActivity,
			callback_url: 'https://hooks.example.com/forklift',
			ws_connection_id: null,
			status: 'disabled',
			created_at: '2026-11-01T10:00:00.000000',
		});
		const ctx = context(alertParams(SEED.streams.warehouseDock, SEED.sceneIndexes.dockActivity), 'alertId');
		expect((await searchAlerts.call(ctx)).results).toEqual([
			{
				name: 'forklift_near_person (disabled)',
				value: '441c80e43b16fbf5',
				description: 'https://hooks.example.com/forklift',
			},
		]);
		expect((await searchAlerts.call(ctx, 'person on dock')).results).toEqual([]);
	});
});

test('no search result carries the API key', async () => {
	const ctx = context({ resource: 'alert', operation: 'create', streamId: rl(SEED.streams.warehouseDock) }, 'streamId');
	const results = await Promise.all([searchStreams.call(ctx), searchSceneIndexes.call(ctx), searchEvents.call(ctx)]);
	expect(JSON.stringify(results)).not.toContain(SANDBOX_KEYS.videodb);
});

/**
 * VideoDB node, Stream and Scene Index resources: Get Many with offset paging, limits and
 * filters; scene indexes of a stream; the service's 404 for an unknown stream.
 */
import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { rl, useSandbox, videoDbRunner } from './videodb-helpers';

const SEEDED_STREAMS = Object.keys(SEED.streams).length;
const sandbox = useSandbox();
const run = videoDbRunner(sandbox);
const streamGets = () => sandbox.requests({ service: 'videodb', method: 'GET', path: '/rtstream' });

/** Adds `count` streams older than the seeded ones, so they list after them. */
function addStreams(count: number): void {
	const template = sandbox.state.streams.get(SEED.streams.warehouseDock)!;
	for (let n = 0; n < count; n++) {
		const id = `rts-00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
		const created = new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString().replace('Z', '000');
		sandbox.state.streams.set(id, { ...template, id, name: `Extra camera ${n}`, created_at: created });
	}
}

describe('stream: getAll', () => {
	test('returnAll returns every seeded stream, newest first, with the API key sent', async () => {
		const result = await run({ resource: 'stream', operation: 'getAll', returnAll: true });
		const out = result.json('VideoDB');
		expect(out.length).toBeGreaterThanOrEqual(12);
		expect(out).toHaveLength(SEEDED_STREAMS);
		expect(out[0]).toMatchObject({ id: SEED.streams.warehouseDock, name: 'Warehouse dock camera', status: 'connected' });
		expect(new Set(out.map((s) => s.id))).toEqual(new Set(Object.values(SEED.streams)));
		const [request] = streamGets();
		expect(request.query).toEqual({ limit: '100', offset: '0' });
		expect(request.headers['x-access-token']).toBe(SANDBOX_KEYS.videodb);
	});

	test('returnAll follows the offset across pages until the last one', async () => {
		addStreams(200);
		const result = await run({ resource: 'stream', operation: 'getAll', returnAll: true });
		const out = result.json('VideoDB');
		expect(out).toHaveLength(SEEDED_STREAMS + 200);
		expect(new Set(out.map((s) => s.id)).size).toBe(SEEDED_STREAMS + 200);
		expect(streamGets().map((r) => r.query.offset)).toEqual(['0', '100', '200']);
	});

	test('limit asks the API for no more than needed', async () => {
		const result = await run({ resource: 'stream', operation: 'getAll', returnAll: false, limit: 5 });
		expect(result.json('VideoDB').map((s) => s.id)).toEqual([
			SEED.streams.warehouseDock,
			SEED.streams.loadingBayNorth,
			SEED.streams.loadingBaySouth,
			SEED.streams.assemblyLineA,
			SEED.streams.assemblyLineB,
		]);
		expect(streamGets().map((r) => r.query)).toEqual([{ limit: '5', offset: '0' }]);
	});

	test('limit beyond one page collects across pages and stops at the limit', async () => {
		addStreams(200);
		const result = await run({ resource: 'stream', operation: 'getAll', limit: 150 });
		expect(result.json('VideoDB')).toHaveLength(150);
		expect(streamGets().map((r) => r.query)).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '50', offset: '100' },
		]);
	});

	test('filters status and name go to the API as query parameters', async () => {
		const stopped = await run({ resource: 'stream', operation: 'getAll', returnAll: true, filters: { status: 'stopped' } });
		expect(stopped.json('VideoDB').map((s) => s.name)).toEqual(['Assembly line B', 'Packing station 3', 'Server room']);
		const named = await run({
			resource: 'stream',
			operation: 'getAll',
			returnAll: true,
			filters: { name: ' loading ', status: 'connected' },
		});
		expect(named.json('VideoDB').map((s) => s.name)).toEqual(['Loading bay north', 'Loading bay south']);
		expect(streamGets().map((r) => r.query)).toEqual([
			{ limit: '100', offset: '0', status: 'stopped' },
			{ limit: '100', offset: '0', status: 'connected', name: 'loading' },
		]);
	});

	test('returnAll and limit are read for each item', async () => {
		const result = await run(
			{ resource: 'stream', operation: 'getAll', returnAll: '={{ $json.all }}', limit: '={{ $json.limit }}' },
			{ items: [{ all: false, limit: 2 }, { all: true, limit: 1 }] },
		);
		const out = result.items('VideoDB');
		expect(out.filter((item) => (item.pairedItem as { item: number }).item === 0)).toHaveLength(2);
		expect(out.filter((item) => (item.pairedItem as { item: number }).item === 1)).toHaveLength(SEEDED_STREAMS);
	});
});

describe('sceneIndex: getAll', () => {
	test('returns one item per scene index of the stream, with the stream id', async () => {
		const result = await run({ resource: 'sceneIndex', operation: 'getAll', streamId: rl(SEED.streams.warehouseDock, 'list') });
		const out = result.json('VideoDB');
		expect(out).toEqual([
			expect.objectContaining({
				rtstream_index_id: SEED.sceneIndexes.dockActivity,
				name: 'Dock activity',
				status: 'running',
				stream_id: SEED.streams.warehouseDock,
			}),
			expect.objectContaining({ rtstream_index_id: SEED.sceneIndexes.dockSafetyZone, name: 'Safety zone' }),
		]);
		const requests = sandbox.requests({ service: 'videodb' });
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /rtstream/${SEED.streams.warehouseDock}/index/scene`,
		]);
		expect(requests[0].headers['x-access-token']).toBe(SANDBOX_KEYS.videodb);
	});

	test('a stream without scene indexes yields no items', async () => {
		const result = await run({ resource: 'sceneIndex', operation: 'getAll', streamId: rl(SEED.streams.rooftop) });
		expect(result.status).toBe('success');
		expect(result.json('VideoDB')).toEqual([]);
	});

	test('an unknown stream fails with the service 404 message', async () => {
		const result = await run({
			resource: 'sceneIndex',
			operation: 'getAll',
			streamId: rl('rts-019a8f3c-5e21-7b40-9c11-ffffffffffff'),
		});
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Stream not found');
		expect(result.error?.description).toBe('Error code: NOT_FOUND · HTTP 404');
		expect((result.error as unknown as { httpCode: string }).httpCode).toBe('404');
	});

	test('continueOnFail: an unknown stream among good ones gives an error item in its place', async () => {
		const result = await run(
			{ resource: 'sceneIndex', operation: 'getAll', streamId: rl('={{ $json.stream }}') },
			{
				continueOnFail: true,
				items: [
					{ stream: SEED.streams.loadingBayNorth },
					{ stream: 'rts-unknown' },
					{ stream: SEED.streams.assemblyLineA },
				],
			},
		);
		const out = result.items('VideoDB');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.rtstream_index_id).toBe(SEED.sceneIndexes.bayNorthActivity);
		expect(out[1].json).toEqual({
			error: 'Stream not found',
			statusCode: 404,
			description: 'Error code: NOT_FOUND · HTTP 404',
		});
		expect(out[2].json.rtstream_index_id).toBe(SEED.sceneIndexes.lineAQuality);
	});
});

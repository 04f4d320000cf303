/**
 * VideoDB node, reading what a scene index saw: Get Records (time range as unix seconds, Return
 * All / Limit over page/page_size/next_page, records that grow while stream and index run) and
 * Search; and the Stream / Scene Index pickers showing what the pipeline operations created.
 */
import { VideoDb } from '../../nodes/VideoDb/VideoDb.node';
import { SEED } from '../../sandbox';
import { apiError, iso, NODE, rl, searchContext, UNKNOWN_STREAM, useSandbox, videoDbRunner } from './videodb-helpers';

const sandbox = useSandbox();
const STREAM = SEED.streams.warehouseDock;
const INDEX = SEED.sceneIndexes.dockActivity;
const HISTORY = SEED.historySeconds / 5;
const run = videoDbRunner(sandbox);
const requests = (method?: string) => sandbox.requests({ service: 'videodb', method });
const both = { streamId: rl(STREAM, 'list'), sceneIndexId: rl(INDEX, 'list') };

describe('sceneIndex: getRecords', () => {
	test('returnAll follows page/next_page and outputs {start, end, description, stream_id, scene_index_id}', async () => {
		const result = await run({ resource: 'sceneIndex', operation: 'getRecords', ...both, returnAll: true });
		const out = result.json(NODE);
		expect(out).toHaveLength(HISTORY);
		expect(out[0]).toEqual({ start: expect.any(Number), end: expect.any(Number), description: expect.any(String), stream_id: STREAM, scene_index_id: INDEX });
		expect(out[1].start).toBe(out[0].end);
		expect(requests().map((r) => r.query)).toEqual(
			Array.from({ length: Math.ceil(HISTORY / 100) }, (_, n) => ({ page: String(n + 1), page_size: '100' })),
		);
	});

	test('limit asks for a page of that size and stops there', async () => {
		const result = await run({ resource: 'sceneIndex', operation: 'getRecords', ...both, limit: 30 });
		expect(result.json(NODE)).toHaveLength(30);
		expect(requests().map((r) => r.query)).toEqual([{ page: '1', page_size: '30' }]);
	});

	test('start/end date-times go out as unix seconds and bound the records', async () => {
		const now = sandbox.now();
		const result = await run({ resource: 'sceneIndex', operation: 'getRecords', ...both, returnAll: true, startTime: iso(now - 60), endTime: iso(now) });
		const out = result.json(NODE);
		expect(out.length).toBeGreaterThanOrEqual(11);
		expect(out.length).toBeLessThanOrEqual(13);
		for (const record of out) expect(record.end as number).toBeGreaterThan(now - 60);
		expect(requests()[0].query).toEqual({ page: '1', page_size: '100', start: String(now - 60), end: String(now) });
	});

	test('records grow while the stream and the index run: one more per 5 s window', async () => {
		const params = { resource: 'sceneIndex', operation: 'getRecords', ...both, returnAll: true };
		expect((await run(params)).json(NODE)).toHaveLength(HISTORY);
		sandbox.advanceClock(60);
		expect((await run(params)).json(NODE)).toHaveLength(HISTORY + 12);
		await run({ resource: 'stream', operation: 'stop', streamId: rl(STREAM) });
		sandbox.advanceClock(60);
		expect((await run(params)).json(NODE)).toHaveLength(HISTORY + 12);
	});

	test('Start Time after End Time fails before any request', async () => {
		const result = await run({ resource: 'sceneIndex', operation: 'getRecords', ...both, startTime: '2026-01-02T00:00:00Z', endTime: '2026-01-01T00:00:00Z' });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Start Time must be before End Time [item 0]' });
		expect(requests()).toEqual([]);
	});

	test('a 503 on the second page is retried (a read) and the records are complete', async () => {
		sandbox.addFault({ method: 'GET', path: `/videodb/rtstream/${STREAM}/index/scene/${INDEX}`, status: 503, skip: 1 });
		const result = await run({ resource: 'sceneIndex', operation: 'getRecords', ...both, returnAll: true });
		expect(result.json(NODE)).toHaveLength(HISTORY);
		expect(requests().map((r) => r.status).slice(0, 3)).toEqual([200, 503, 200]);
	});

	test('unknown index: 404', async () => {
		const error = apiError(await run({ resource: 'sceneIndex', operation: 'getRecords', streamId: rl(STREAM), sceneIndexId: rl('ffffffffffffffff') }));
		expect(error).toMatchObject({ message: 'Scene index not found', httpCode: '404' });
	});
});

describe('sceneIndex: search', () => {
	test('posts {query, scene_index_id, thresholds} and outputs one item per result with stream_id', async () => {
		const result = await run({ resource: 'sceneIndex', operation: 'search', ...both, query: 'forklift pallet', options: { resultThreshold: 3, scoreThreshold: 0.5 } });
		const out = result.json(NODE);
		expect(out).toHaveLength(3);
		expect(out[0]).toEqual({ start: expect.any(Number), end: expect.any(Number), text: expect.stringMatching(/forklift/i), score: 1, scene_index_id: INDEX, stream_id: STREAM });
		expect(requests('POST').map((r) => [r.path, r.body])).toEqual([
			[`/rtstream/${STREAM}/search`, { query: 'forklift pallet', scene_index_id: INDEX, result_threshold: 3, score_threshold: 0.5 }],
		]);
	});

	test('no match: no items, success', async () => {
		const result = await run({ resource: 'sceneIndex', operation: 'search', ...both, query: 'zebra' });
		expect(result.status).toBe('success');
		expect(result.json(NODE)).toEqual([]);
	});

	test.each([
		[{ query: '={{ "" }}' }, 'Query must not be empty [item 0]'],
		[{ options: { resultThreshold: 0 } }, 'Max Results must be a whole number of at least 1 [item 0]'],
		[{ options: { scoreThreshold: 2 } }, 'Min Score must be between 0 and 1 [item 0]'],
	])('%j fails before any request: %s', async (extra, message) => {
		const result = await run({ resource: 'sceneIndex', operation: 'search', ...both, query: 'forklift', ...extra });
		expect(result.error?.message).toBe(message);
		expect(requests()).toEqual([]);
	});

	test('unknown stream: 404 "Stream not found"', async () => {
		const error = apiError(await run({ resource: 'sceneIndex', operation: 'search', streamId: rl(UNKNOWN_STREAM), sceneIndexId: rl(INDEX), query: 'x' }));
		expect(error).toMatchObject({ message: 'Stream not found', httpCode: '404' });
	});
});

describe('pickers of the pipeline operations', () => {
	test('a stream connected by Create and its new scene index show in the Stream and Scene Index pickers of Get Records', async () => {
		const stream = (await run({ resource: 'stream', operation: 'create', url: 'rtsp://cam.example.com/new', name: 'Brand new camera' })).json(NODE)[0];
		const index = (await run({ resource: 'sceneIndex', operation: 'create', streamId: rl(stream.id as string), prompt: 'Describe pallets and forklifts', name: 'New activity' })).json(NODE)[0];
		const node = new VideoDb();
		const parameters = { resource: 'sceneIndex', operation: 'getRecords', streamId: rl(stream.id as string, 'list'), sceneIndexId: rl('', 'list') };
		const context = (path: string) => searchContext(sandbox, parameters, path);
		const streams = await node.methods.listSearch.searchStreams.call(context('streamId'), 'brand new');
		expect(streams.results).toEqual([expect.objectContaining({ name: 'Brand new camera', value: stream.id, description: 'connected' })]);
		const indexes = await node.methods.listSearch.searchSceneIndexes.call(context('sceneIndexId'));
		expect(indexes.results).toEqual([
			{ name: 'New activity', value: index.rtstream_index_id, description: 'Describe pallets and forklifts' },
		]);
	});
});

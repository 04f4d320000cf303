/**
 * VideoDB node, Scene Index resource of the real-time pipeline: Create (visual / audio), Get,
 * Update Prompt, Start, Stop — wire requests, outputs, parameter checks before sending, the
 * service's 400/404, the no-retry rule for create — and the whole pipeline in one workflow.
 * Get Records and Search: videodb-scene-records.test.ts.
 */
import { SEED } from '../../sandbox';
import { apiError, NODE, rl, UNKNOWN_STREAM, useSandbox, videoDbRunner } from './videodb-helpers';

const sandbox = useSandbox();
const STREAM = SEED.streams.warehouseDock;
const INDEX = SEED.sceneIndexes.dockActivity;
const run = videoDbRunner(sandbox);
const requests = (method?: string) => sandbox.requests({ service: 'videodb', method });
const both = { streamId: rl(STREAM, 'list'), sceneIndexId: rl(INDEX, 'list') };

const createParams = (extra: Record<string, unknown> = {}) => ({
	resource: 'sceneIndex',
	operation: 'create',
	streamId: rl(STREAM),
	prompt: 'Describe pallets and forklifts',
	...extra,
});

async function audioStream(): Promise<string> {
	const result = await run({
		resource: 'stream',
		operation: 'create',
		url: 'rtmp://ingest.example.com/live/yard',
		name: 'Yard mic',
		additionalFields: { mediaTypes: ['video', 'audio'] },
	});
	sandbox.clearRequests();
	return result.json(NODE)[0].id as string;
}

describe('sceneIndex: create', () => {
	test('visual: posts extraction_type "time" with window and frame count; returns the index with stream_id', async () => {
		const result = await run(createParams({ name: 'Pallets', windowSeconds: 10, frameCount: 3, additionalFields: { modelName: 'basic', wsConnectionId: 'ws-1' } }));
		expect(result.json(NODE)).toEqual([
			{
				rtstream_index_id: expect.stringMatching(/^[0-9a-f]{16}$/),
				extraction_type: 'time',
				status: 'running',
				prompt: 'Describe pallets and forklifts',
				name: 'Pallets',
				stream_id: STREAM,
			},
		]);
		expect(requests('POST').map((r) => [r.path, r.body])).toEqual([
			[
				`/rtstream/${STREAM}/index/scene`,
				{
					extraction_type: 'time',
					extraction_config: { time: 10, frame_count: 3 },
					prompt: 'Describe pallets and forklifts',
					name: 'Pallets',
					model_name: 'basic',
					ws_connection_id: 'ws-1',
				},
			],
		]);
	});

	test('visual defaults: 5 s windows, 2 frames, no name', async () => {
		await run(createParams());
		expect(requests('POST')[0].body).toEqual({ extraction_type: 'time', extraction_config: { time: 5, frame_count: 2 }, prompt: 'Describe pallets and forklifts' });
	});

	test('audio: posts extraction_type "transcript" with segmenter and segmentation value', async () => {
		const stream = await audioStream();
		const result = await run(createParams({ streamId: rl(stream), indexType: 'audio', segmenter: 'time', segmentationValue: 15, prompt: 'Summarise what is said' }));
		expect(result.json(NODE)[0]).toMatchObject({ extraction_type: 'transcript', status: 'running', stream_id: stream });
		expect(requests('POST')[0].body).toEqual({
			extraction_type: 'transcript',
			extraction_config: { segmenter: 'time', segmentation_value: 15 },
			prompt: 'Summarise what is said',
		});
	});

	test('audio on a stream without audio: the service 400 with its message', async () => {
		const error = apiError(await run(createParams({ indexType: 'audio' })));
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '400', message: expect.stringContaining('has no audio') });
	});

	test.each([
		[{ prompt: '={{ "  " }}' }, 'Prompt must not be empty [item 0]'],
		[{ windowSeconds: 0 }, 'Window (Seconds) must be a whole number of at least 1 [item 0]'],
		[{ frameCount: 1.5 }, 'Frame Count must be a whole number of at least 1 [item 0]'],
		[{ indexType: 'audio', segmentationValue: -2 }, 'Segmentation Value must be a whole number of at least 1 [item 0]'],
	])('%j fails before any request: %s', async (extra, message) => {
		const result = await run(createParams(extra));
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
		expect(requests()).toEqual([]);
	});

	test('unknown stream: 404 "Stream not found"', async () => {
		const error = apiError(await run(createParams({ streamId: rl(UNKNOWN_STREAM) })));
		expect(error).toMatchObject({ message: 'Stream not found', httpCode: '404' });
	});

	test('503 after the index was created is not retried: one new index', async () => {
		sandbox.addFault({ method: 'POST', path: `/videodb/rtstream/${STREAM}/index/scene`, status: 503, when: 'after' });
		const before = sandbox.state.sceneIndexes.size;
		expect((await run(createParams())).status).toBe('error');
		expect(requests('POST')).toHaveLength(1);
		expect(sandbox.state.sceneIndexes.size).toBe(before + 1);
	});

	test('429 is retried (refused, surely not processed)', async () => {
		sandbox.addFault({ method: 'POST', path: `/videodb/rtstream/${STREAM}/index/scene`, retryAfter: 1 });
		expect((await run(createParams())).status).toBe('success');
		expect(requests('POST').map((r) => r.status)).toEqual([429, 200]);
	});
});

describe('sceneIndex: get, updatePrompt, start, stop', () => {
	test('get returns the index with its extraction_config and the stream id', async () => {
		const result = await run({ resource: 'sceneIndex', operation: 'get', ...both });
		expect(result.json(NODE)).toEqual([
			expect.objectContaining({ rtstream_index_id: INDEX, status: 'running', extraction_config: { time: '5', frame_count: '2' }, stream_id: STREAM }),
		]);
		expect(requests().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /rtstream/${STREAM}/index/${INDEX}`]);
	});

	test('get of an index on another stream: 404 "Scene index not found"', async () => {
		const error = apiError(await run({ resource: 'sceneIndex', operation: 'get', streamId: rl(SEED.streams.loadingBayNorth), sceneIndexId: rl(INDEX) }));
		expect(error).toMatchObject({ message: 'Scene index not found', httpCode: '404' });
	});

	test('updatePrompt patches {prompt} and returns the ids with the new prompt', async () => {
		const result = await run({ resource: 'sceneIndex', operation: 'updatePrompt', ...both, prompt: ' Only forklifts ' });
		expect(result.json(NODE)).toEqual([{ scene_index_id: INDEX, stream_id: STREAM, prompt: 'Only forklifts' }]);
		expect(requests('PATCH').map((r) => [r.path, r.body])).toEqual([[`/rtstream/${STREAM}/index/scene/${INDEX}`, { prompt: 'Only forklifts' }]]);
		expect(sandbox.state.sceneIndexes.get(INDEX)?.prompt).toBe('Only forklifts');
	});

	test('updatePrompt with an empty prompt fails before any request', async () => {
		const result = await run({ resource: 'sceneIndex', operation: 'updatePrompt', ...both, prompt: '={{ "" }}' });
		expect(result.error?.message).toBe('Prompt must not be empty [item 0]');
		expect(requests()).toEqual([]);
	});

	test('stop then start send {action} to the status path and output {scene_index_id, status}', async () => {
		const stopped = await run({ resource: 'sceneIndex', operation: 'stop', ...both });
		expect(stopped.json(NODE)).toEqual([{ scene_index_id: INDEX, status: 'stopped' }]);
		expect(sandbox.state.sceneIndexes.get(INDEX)?.status).toBe('stopped');
		const started = await run({ resource: 'sceneIndex', operation: 'start', ...both });
		expect(started.json(NODE)).toEqual([{ scene_index_id: INDEX, status: 'running' }]);
		expect(requests('PATCH').map((r) => [r.path, r.body])).toEqual([
			[`/rtstream/${STREAM}/index/scene/${INDEX}/status`, { action: 'stop' }],
			[`/rtstream/${STREAM}/index/scene/${INDEX}/status`, { action: 'start' }],
		]);
	});

	test('start of an unknown index: 404; continueOnFail yields an error item', async () => {
		const result = await run(
			{ resource: 'sceneIndex', operation: 'start', streamId: rl(STREAM), sceneIndexId: rl('={{ $json.id }}') },
			{ continueOnFail: true, items: [{ id: 'ffffffffffffffff' }, { id: INDEX }] },
		);
		expect(result.json(NODE)).toEqual([
			expect.objectContaining({ error: 'Scene index not found', statusCode: 404 }),
			{ scene_index_id: INDEX, status: 'running' },
		]);
	});
});

describe('the pipeline in one workflow', () => {
	test('Stream Create → Scene Index Create → Event Create (reuse) → Alert Create, ids mapped from items; records appear as the clock moves', async () => {
		const result = await run(
			{ resource: 'stream', operation: 'create', url: 'rtsp://cam.example.com/gate', name: 'Gate' },
			{
				then: [
					['Index', { resource: 'sceneIndex', operation: 'create', streamId: rl('={{ $json.id }}'), prompt: 'Describe vehicles at the gate', windowSeconds: 10 }],
					['Event', { resource: 'event', operation: 'create', eventPrompt: 'A truck at the gate', label: 'truck_at_gate', options: { reuseExisting: true } }],
					[
						'Alert',
						{
							resource: 'alert',
							operation: 'create',
							streamId: rl("={{ $('Index').item.json.stream_id }}"),
							sceneIndexId: rl("={{ $('Index').item.json.rtstream_index_id }}"),
							eventId: rl('={{ $json.event_id }}'),
							callbackUrl: 'https://hooks.example.com/gate',
						},
					],
				],
			},
		);
		expect(result.status).toBe('success');
		const [stream] = result.json(NODE);
		const [index] = result.json('Index');
		const [alert] = result.json('Alert');
		expect(alert).toMatchObject({ stream_id: stream.id, scene_index_id: index.rtstream_index_id, status: 'enabled' });
		sandbox.advanceClock(30);
		const records = await run({ resource: 'sceneIndex', operation: 'getRecords', streamId: rl(stream.id as string), sceneIndexId: rl(index.rtstream_index_id as string), returnAll: true });
		expect(records.json(NODE)).toHaveLength(3);
	});
});

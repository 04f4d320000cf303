/**
 * VideoDB node, Stream resource of the real-time pipeline: Create (connect), Get, Update, Start,
 * Stop, Get Playback URL, Export — wire requests, outputs, parameter checks before sending, the
 * service's 400/402/404, the no-retry rule for connect, and export as VideoDB's clients describe it.
 */
import { SEED } from '../../sandbox';
import { apiError, iso, NODE, rl, UNKNOWN_STREAM, useSandbox, videoDbRunner } from './videodb-helpers';

const sandbox = useSandbox();
const STREAM = SEED.streams.warehouseDock;
const posts = () => sandbox.requests({ service: 'videodb', method: 'POST' });
const run = videoDbRunner(sandbox);

const createParams = (extra: Record<string, unknown> = {}) => ({
	resource: 'stream',
	operation: 'create',
	url: 'rtsp://cam.example.com:554/dock2',
	name: 'Dock 2',
	...extra,
});

describe('stream: create', () => {
	test('connects with {url, name} and returns the stream object, connected', async () => {
		const result = await run(createParams());
		expect(result.status).toBe('success');
		const [out] = result.json(NODE);
		expect(out).toMatchObject({ id: expect.stringMatching(/^rts-/), name: 'Dock 2', status: 'connected', sample_rate: 30 });
		expect(posts().map((r) => [r.path, r.body, r.status])).toEqual([['/rtstream', { url: 'rtsp://cam.example.com:554/dock2', name: 'Dock 2' }, 201]]);
		expect(sandbox.state.streams.get(out.id as string)?.status).toBe('connected');
	});

	test('additional fields go out in snake_case', async () => {
		const result = await run(
			createParams({
				additionalFields: { collectionId: 'default', sampleRate: 10, mediaTypes: ['video', 'audio'], store: true, enableTranscript: false },
			}),
		);
		expect(result.json(NODE)[0]).toMatchObject({ sample_rate: 10, media_types: ['video', 'audio'], store: true });
		expect(posts()[0].body).toEqual({
			url: 'rtsp://cam.example.com:554/dock2',
			name: 'Dock 2',
			collection_id: 'default',
			sample_rate: 10,
			media_types: ['video', 'audio'],
			store: true,
			enable_transcript: false,
		});
	});

	test.each([
		[{ url: 'camera.local/dock' }, 'Stream URL must be an rtsp://, rtmp:// or http(s):// URL [item 0]'],
		[{ url: '  ' }, 'Stream URL must not be empty [item 0]'],
		// Required fields empty only through an expression (the editor refuses a literal empty one).
		[{ name: '={{ "" }}' }, 'Name must not be empty [item 0]'],
		[{ additionalFields: { sampleRate: 0 } }, 'Sample Rate must be a whole number of at least 1 [item 0]'],
		[{ additionalFields: { mediaTypes: [] } }, 'Media Types must include video or audio [item 0]'],
	])('%j fails before any request: %s', async (extra, message) => {
		const result = await run(createParams(extra));
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(message);
		expect(sandbox.requests({ service: 'videodb' })).toEqual([]);
	});

	test('402 insufficient credits: NodeApiError with the service message, nothing connected', async () => {
		sandbox.state.account.credits = 0;
		const error = apiError(await run(createParams()));
		expect(error).toMatchObject({ name: 'NodeApiError', message: 'Insufficient credits to connect a stream', httpCode: '402' });
		expect(error.description).toBe('Error code: INSUFFICIENT_CREDITS · HTTP 402');
		expect(sandbox.state.streams.size).toBe(Object.keys(SEED.streams).length);
	});

	test('400 validation of the service comes back with its message', async () => {
		const error = apiError(await run(createParams({ additionalFields: { collectionId: 'c-nope' } })));
		expect(error).toMatchObject({ name: 'NodeApiError', message: 'Collection not found: c-nope', httpCode: '400' });
	});

	test('503 after the stream was connected is not retried: exactly one new stream', async () => {
		sandbox.addFault({ method: 'POST', path: '/videodb/rtstream', status: 503, when: 'after' });
		const result = await run(createParams());
		expect(result.status).toBe('error');
		expect(posts()).toHaveLength(1);
		expect(sandbox.state.streams.size).toBe(Object.keys(SEED.streams).length + 1);
		expect(sandbox.state.account.credits).toBe(SEED.credits - 1);
	});

	test('429 is retried (refused, surely not processed) and connects once', async () => {
		sandbox.addFault({ method: 'POST', path: '/videodb/rtstream', retryAfter: 1 });
		const result = await run(createParams());
		expect(result.status).toBe('success');
		expect(posts().map((r) => r.status)).toEqual([429, 201]);
		expect(sandbox.state.streams.size).toBe(Object.keys(SEED.streams).length + 1);
	});
});

describe('stream: get and update', () => {
	test('get returns the stream object', async () => {
		const result = await run({ resource: 'stream', operation: 'get', streamId: rl(STREAM, 'list') });
		expect(result.json(NODE)).toEqual([expect.objectContaining({ id: STREAM, name: 'Warehouse dock camera', status: 'connected' })]);
		expect(sandbox.requests({ service: 'videodb' }).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /rtstream/${STREAM}`]);
	});

	test('get of an unknown stream: 404 "Stream not found"; continueOnFail keeps the other items', async () => {
		const error = apiError(await run({ resource: 'stream', operation: 'get', streamId: rl(UNKNOWN_STREAM) }));
		expect(error).toMatchObject({ name: 'NodeApiError', message: 'Stream not found', httpCode: '404' });
		const result = await run(
			{ resource: 'stream', operation: 'get', streamId: rl('={{ $json.id }}') },
			{ continueOnFail: true, items: [{ id: UNKNOWN_STREAM }, { id: STREAM }] },
		);
		const out = result.items(NODE);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json).toMatchObject({ error: 'Stream not found', statusCode: 404 });
		expect(out[1].json.id).toBe(STREAM);
	});

	test('update sends name and sample_rate and returns the updated stream', async () => {
		const result = await run({
			resource: 'stream',
			operation: 'update',
			streamId: rl(STREAM),
			updateFields: { name: ' Dock east ', sampleRate: 12 },
		});
		expect(result.json(NODE)[0]).toMatchObject({ id: STREAM, name: 'Dock east', sample_rate: 12 });
		const [request] = sandbox.requests({ service: 'videodb', method: 'PATCH' });
		expect(request).toMatchObject({ path: `/rtstream/${STREAM}`, body: { name: 'Dock east', sample_rate: 12 } });
	});

	test('update with no field fails before any request', async () => {
		const result = await run({ resource: 'stream', operation: 'update', streamId: rl(STREAM), updateFields: {} });
		expect(result.error?.message).toBe('Update Fields must set at least one field [item 0]');
		expect(sandbox.requests({ service: 'videodb' })).toEqual([]);
	});

	test('update of an unknown stream: 404', async () => {
		const error = apiError(await run({ resource: 'stream', operation: 'update', streamId: rl(UNKNOWN_STREAM), updateFields: { name: 'x' } }));
		expect(error).toMatchObject({ message: 'Stream not found', httpCode: '404' });
	});
});

describe('stream: start and stop', () => {
	test('stop then start send {action} and output {stream_id, status}', async () => {
		const stopped = await run({ resource: 'stream', operation: 'stop', streamId: rl(STREAM) });
		expect(stopped.json(NODE)).toEqual([{ stream_id: STREAM, status: 'stopped' }]);
		expect(sandbox.state.streams.get(STREAM)?.status).toBe('stopped');
		const started = await run({ resource: 'stream', operation: 'start', streamId: rl(STREAM) });
		expect(started.json(NODE)).toEqual([{ stream_id: STREAM, status: 'connected' }]);
		expect(sandbox.requests({ service: 'videodb', method: 'PATCH' }).map((r) => [r.path, r.body])).toEqual([
			[`/rtstream/${STREAM}/status`, { action: 'stop' }],
			[`/rtstream/${STREAM}/status`, { action: 'start' }],
		]);
	});

	test('a 503 on stop is retried (setting a status twice is harmless)', async () => {
		sandbox.addFault({ method: 'PATCH', path: `/videodb/rtstream/${STREAM}/status`, status: 503 });
		const result = await run({ resource: 'stream', operation: 'stop', streamId: rl(STREAM) });
		expect(result.status).toBe('success');
		expect(sandbox.requests({ service: 'videodb', method: 'PATCH' }).map((r) => r.status)).toEqual([503, 200]);
	});

	test('start of an unknown stream: 404', async () => {
		const error = apiError(await run({ resource: 'stream', operation: 'start', streamId: rl(UNKNOWN_STREAM) }));
		expect(error).toMatchObject({ message: 'Stream not found', httpCode: '404' });
	});
});

describe('stream: getPlaybackUrl', () => {
	test('sends start/end as unix seconds and returns {stream_id, stream_url, player_url}', async () => {
		const end = sandbox.now() - 60;
		const start = end - 300;
		const result = await run({ resource: 'stream', operation: 'getPlaybackUrl', streamId: rl(STREAM), startTime: iso(start), endTime: iso(end) });
		expect(result.json(NODE)).toEqual([
			{
				stream_id: STREAM,
				stream_url: `https://rt.stream.videodb.io/manifests/${STREAM}/${start}-${end}.m3u8`,
				player_url: expect.stringContaining(`${start}-${end}.m3u8`),
			},
		]);
		const [request] = sandbox.requests({ service: 'videodb' });
		expect(request).toMatchObject({ method: 'GET', path: `/rtstream/${STREAM}/stream`, query: { start: String(start), end: String(end) } });
	});

	test('a zone-less date-time (the date picker) is read in the workflow time zone', async () => {
		await run({
			resource: 'stream',
			operation: 'getPlaybackUrl',
			streamId: rl(STREAM),
			startTime: '2026-01-15T10:00:00',
			endTime: '2026-01-15T10:05:00',
		});
		const [request] = sandbox.requests({ service: 'videodb' });
		expect(request.query).toEqual({ start: String(Date.UTC(2026, 0, 15, 10) / 1000), end: String(Date.UTC(2026, 0, 15, 10, 5) / 1000) });
	});

	test.each([
		[{ endTime: '={{ "" }}' }, 'End Time must not be empty [item 0]'],
		[{ startTime: 'yesterday' }, 'Start Time must be an ISO 8601 date-time [item 0]'],
		[{ startTime: '2026-01-15T10:05:00Z', endTime: '2026-01-15T10:00:00Z' }, 'Start Time must be before End Time [item 0]'],
	])('%j fails before any request: %s', async (extra, message) => {
		const result = await run({
			resource: 'stream',
			operation: 'getPlaybackUrl',
			streamId: rl(STREAM),
			startTime: '2026-01-15T10:00:00Z',
			endTime: '2026-01-15T10:05:00Z',
			...extra,
		});
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
		expect(sandbox.requests({ service: 'videodb' })).toEqual([]);
	});

	test('the service refuses a range in the future with a 400 and its message', async () => {
		const start = sandbox.now() + 3600;
		const error = apiError(
			await run({ resource: 'stream', operation: 'getPlaybackUrl', streamId: rl(STREAM), startTime: iso(start), endTime: iso(start + 60) }),
		);
		expect(error).toMatchObject({ name: 'NodeApiError', message: 'start must not be in the future', httpCode: '400' });
	});
});

describe('stream: export', () => {
	// Export takes the latest completed recording, so of a stopped stream (both official clients).
	const STOPPED = SEED.streams.assemblyLineB;
	const exports = () => posts().filter((r) => r.path.endsWith('/export'));

	test('exports to a video named as given and returns {video_id, name, stream_url, player_url, duration}', async () => {
		const result = await run({ resource: 'stream', operation: 'export', streamId: rl(STOPPED), name: 'Dock, Monday' });
		expect(result.json(NODE)).toEqual([
			{
				video_id: expect.stringMatching(/^m-/),
				name: 'Dock, Monday',
				stream_url: expect.any(String),
				player_url: expect.any(String),
				duration: expect.any(Number),
			},
		]);
		expect(posts().map((r) => [r.path, r.body])).toEqual([[`/rtstream/${STOPPED}/export`, { name: 'Dock, Monday' }]]);
	});

	test('an empty name sends the body {} (as both official clients do; the spec requires a body): VideoDB names the video "{stream} - Recording"', async () => {
		const result = await run({ resource: 'stream', operation: 'export', streamId: rl(STOPPED) });
		expect(result.json(NODE)[0].name).toBe('Assembly line B - Recording');
		expect(posts().map((r) => [r.body, r.headers['content-type']])).toEqual([[{}, 'application/json']]);
	});

	test('Stop → Export in one workflow: a running stream is stopped, then its recording exported', async () => {
		const result = await run({ resource: 'stream', operation: 'stop', streamId: rl(STREAM) }, { then: [['Export', { resource: 'stream', operation: 'export', streamId: rl(STREAM) }]] });
		expect(result.json('Export')).toEqual([expect.objectContaining({ name: 'Warehouse dock camera - Recording', video_id: expect.any(String) })]);
	});

	test("a running stream: VideoDB's 400 (no completed recording) is the node error", async () => {
		const error = apiError(await run({ resource: 'stream', operation: 'export', streamId: rl(STREAM) }));
		expect(error).toMatchObject({ message: 'No completed recording: stop the stream before exporting', httpCode: '400' });
	});

	test('a 503 after the export is retried, as exporting again returns the same video: one video', async () => {
		sandbox.addFault({ method: 'POST', path: `/videodb/rtstream/${STOPPED}/export`, status: 503, when: 'after' });
		const result = await run({ resource: 'stream', operation: 'export', streamId: rl(STOPPED) });
		expect(result.status).toBe('success');
		expect(exports().map((r) => r.status)).toEqual([503, 200]);
		expect(sandbox.state.videos.size).toBe(1);
		expect(result.json(NODE)[0].video_id).toBe([...sandbox.state.videos.keys()][0]);
	});

	test('export of an unknown stream: 404', async () => {
		const error = apiError(await run({ resource: 'stream', operation: 'export', streamId: rl(UNKNOWN_STREAM) }));
		expect(error).toMatchObject({ message: 'Stream not found', httpCode: '404' });
	});
});

/**
 * Sandbox contract: the real-time pipeline endpoints of VideoDB (streams §2.3, scene indexes
 * §2.4): shapes, validation, 402/404, and records that grow with the clock while a stream and its
 * index both run.
 */
import { SEED, startSandbox, type Sandbox } from '../../sandbox';
import { call, videodb } from './helpers';

let sb: Sandbox;
let api: ReturnType<typeof videodb>;
const S = SEED.streams.warehouseDock;
const IDX = SEED.sceneIndexes.dockActivity;
const UNKNOWN = 'rts-019a8f3c-5e21-7b40-9c11-ffffffffffff';

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	api = videodb(sb.videodbUrl);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const records = async (stream: string, index: string, query = '') =>
	(await api('GET', `/rtstream/${stream}/index/scene/${index}${query}`)).body.data;

describe('streams', () => {
	it('connect answers 201 with the stream object, connected, and costs one credit', async () => {
		const res = await api('POST', '/rtstream/', {
			url: 'rtsp://cam.example.com/dock',
			name: 'Dock 2',
			sample_rate: 15,
			media_types: ['video'],
			store: true,
		});
		expect(res.status).toBe(201);
		expect(res.body.data).toMatchObject({
			id: expect.stringMatching(/^rts-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/),
			name: 'Dock 2',
			status: 'connected',
			sample_rate: 15,
			media_types: ['video'],
			store: true,
			collection_id: SEED.collectionId,
		});
		expect(sb.state.account.credits).toBe(SEED.credits - 1);
		expect((await api('GET', `/rtstream/${res.body.data.id}`)).body.data.name).toBe('Dock 2');
	});

	it.each([
		[{}, 'url is required'],
		[{ url: 'ftp://cam/x' }, 'url must be an RTSP, RTMP, HLS (http/https) or YouTube URL'],
		[{ url: 'rtsp://cam/x', sample_rate: 0 }, 'sample_rate must be a positive integer'],
		[{ url: 'rtsp://cam/x', media_types: ['smell'] }, 'media_types must be a non-empty list of video, audio'],
		[{ url: 'rtsp://cam/x', collection_id: 'c-nope' }, 'Collection not found: c-nope'],
		[{ url: 'rtsp://cam/x', store: 'yes' }, 'store must be a boolean'],
		[{ url: 'rtsp://cam/x', colour: 'red' }, 'Unexpected field: colour'],
	])('connect %j answers 400 %s and costs nothing', async (body, message) => {
		const res = await api('POST', '/rtstream', body);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ success: false, message, error_code: 'VALIDATION_ERROR' });
		expect(sb.state.account.credits).toBe(SEED.credits);
	});

	it('connect without credits answers 402; POST /_sandbox/account sets them', async () => {
		expect((await call(`${sb.url}/_sandbox/account`, { json: { credits: 0 } })).status).toBe(200);
		const res = await api('POST', '/rtstream', { url: 'rtmp://cam/x' });
		expect(res.status).toBe(402);
		expect(res.body).toEqual({ success: false, message: 'Insufficient credits to connect a stream', error_code: 'INSUFFICIENT_CREDITS' });
	});

	it('update changes name and sample rate and answers the stream; 404 for an unknown one', async () => {
		const res = await api('PATCH', `/rtstream/${S}/`, { name: 'Dock east', sample_rate: 10 });
		expect(res.body.data).toMatchObject({ id: S, name: 'Dock east', sample_rate: 10 });
		expect((await api('PATCH', `/rtstream/${S}`, {})).body.message).toBe('name or sample_rate is required');
		const missing = await api('PATCH', `/rtstream/${UNKNOWN}`, { name: 'x' });
		expect(missing.status).toBe(404);
		expect(missing.body.message).toBe('Stream not found');
	});

	it('status start/stop changes the stream status; other actions are 400', async () => {
		expect((await api('PATCH', `/rtstream/${S}/status/`, { action: 'stop' })).body).toEqual({ success: true, message: 'Operation successful' });
		expect(sb.state.streams.get(S)?.status).toBe('stopped');
		await api('PATCH', `/rtstream/${S}/status`, { action: 'start' });
		expect(sb.state.streams.get(S)?.status).toBe('connected');
		expect((await api('PATCH', `/rtstream/${S}/status`, { action: 'pause' })).body.message).toBe('action must be one of start, stop');
		expect((await api('PATCH', `/rtstream/${UNKNOWN}/status`, { action: 'stop' })).status).toBe(404);
	});

	it('playback URL for a unix-second range; start and end are required and ordered', async () => {
		const now = sb.now();
		const res = await api('GET', `/rtstream/${S}/stream?start=${now - 600}&end=${now}`);
		expect(res.body.data).toEqual({
			stream_url: `https://rt.stream.videodb.io/manifests/${S}/${now - 600}-${now}.m3u8`,
			player_url: expect.stringContaining(`${now - 600}-${now}.m3u8`),
		});
		expect((await api('GET', `/rtstream/${S}/stream?start=${now}`)).body.message).toBe('end is required');
		expect((await api('GET', `/rtstream/${S}/stream?start=${now}&end=${now - 5}`)).body.message).toBe('start must be before end');
		expect((await api('GET', `/rtstream/${S}/stream?start=abc&end=${now}`)).body.message).toBe('start must be a unix timestamp in seconds');
	});

	it('export, as both official clients document it: the latest completed recording of a stopped stream, once', async () => {
		expect((await api('POST', `/rtstream/${S}/export`, {})).body).toMatchObject({ success: false, message: 'No completed recording: stop the stream before exporting' });
		await api('PATCH', `/rtstream/${S}/status`, { action: 'stop' });
		const first = await api('POST', `/rtstream/${S}/export`, { name: 'Dock day' });
		expect(first.body.data).toEqual({
			video_id: expect.stringMatching(/^m-[0-9a-f]{16}$/),
			name: 'Dock day',
			stream_url: expect.stringMatching(/^https:\/\//),
			player_url: expect.stringMatching(/^https:\/\//),
			duration: expect.any(Number),
		});
		// "The call is idempotent: calling it again returns the same asset without re-ingesting."
		expect((await api('POST', `/rtstream/${S}/export`, {})).body.data).toEqual(first.body.data);
		expect(sb.state.videos.size).toBe(1);
		// A restart begins a new recording; once stopped, it is the latest and exports anew.
		await api('PATCH', `/rtstream/${S}/status`, { action: 'start' });
		sb.advanceClock(120);
		await api('PATCH', `/rtstream/${S}/status`, { action: 'stop' });
		const second = await api('POST', `/rtstream/${S}/export`, {});
		expect(second.body.data).toMatchObject({ name: 'Warehouse dock camera - Recording', duration: 120 });
		expect(second.body.data.video_id).not.toBe(first.body.data.video_id);
		expect(sb.state.videos.size).toBe(2);
	});

	it('export of a stream stopped before it recorded anything: 400 No recordings available', async () => {
		const stream = (await api('POST', '/rtstream', { url: 'rtsp://cam/new' })).body.data;
		await api('PATCH', `/rtstream/${stream.id}/status`, { action: 'stop' });
		expect((await api('POST', `/rtstream/${stream.id}/export`, {})).body).toMatchObject({ success: false, message: 'No recordings available' });
	});
});

describe('scene indexes', () => {
	it('create (visual) answers the index, running, and lists it; config values come back as strings', async () => {
		const res = await api('POST', `/rtstream/${S}/index/scene`, {
			extraction_type: 'time',
			extraction_config: { time: 10, frame_count: 3 },
			prompt: 'Count pallets',
			name: 'Pallets',
		});
		expect(res.status).toBe(200);
		const id = res.body.data.rtstream_index_id;
		expect(res.body.data).toEqual({ rtstream_index_id: expect.stringMatching(/^[0-9a-f]{16}$/), extraction_type: 'time', status: 'running', prompt: 'Count pallets', name: 'Pallets' });
		const got = await api('GET', `/rtstream/${S}/index/${id}`);
		expect(got.body.data.extraction_config).toEqual({ time: '10', frame_count: '3' });
	});

	it.each([
		[{ extraction_type: 'shot_based' }, 'extraction_type must be one of time, transcript'],
		[{ extraction_type: 'transcript', auto_start_transcript: 'yes' }, 'auto_start_transcript must be a boolean'],
		[{ extraction_config: { time: -1 } }, 'extraction_config.time must be a positive integer'],
		[{ extraction_type: 'transcript', extraction_config: { segmenter: 'para' } }, 'extraction_config.segmenter must be one of word, sentence, time'],
		[{ extraction_config: { segmenter: 'word' } }, 'extraction_config: Unexpected field: segmenter'],
		[{ prompt: 5 }, 'prompt must be a string'],
		[{ batch_config: {} }, 'Unexpected field: batch_config'],
	])('create %j answers 400 %s', async (body, message) => {
		const res = await api('POST', `/rtstream/${S}/index/scene`, body);
		expect(res.status).toBe(400);
		expect(res.body.message).toBe(message);
	});

	it('"time_based" (what VideoDB\'s Node client sends) is taken as the spec\'s "time"', async () => {
		const res = await api('POST', `/rtstream/${S}/index/scene`, { extraction_type: 'time_based', extraction_config: { time: 2, frame_count: 5 } });
		expect(res.body.data).toMatchObject({ extraction_type: 'time', status: 'running' });
		expect(sb.state.sceneIndexes.get(res.body.data.rtstream_index_id)).toMatchObject({ extraction_type: 'time', extraction_config: { time: '2', frame_count: '5' } });
	});

	it('an audio index needs a stream with audio', async () => {
		const res = await api('POST', `/rtstream/${S}/index/scene`, { extraction_type: 'transcript', extraction_config: { segmenter: 'time', segmentation_value: 10 } });
		expect(res.body.message).toMatch(/has no audio/);
		const stream = (await api('POST', '/rtstream', { url: 'rtsp://cam/a', media_types: ['video', 'audio'] })).body.data;
		const ok = await api('POST', `/rtstream/${stream.id}/index/scene`, {
			extraction_type: 'transcript',
			extraction_config: { segmenter: 'time', segmentation_value: 10 },
			auto_start_transcript: true,
		});
		expect(ok.body.data).toMatchObject({ extraction_type: 'transcript', status: 'running' });
	});

	it('prompt update and start/stop; 404 for an index of another stream', async () => {
		expect((await api('PATCH', `/rtstream/${S}/index/scene/${IDX}`, { prompt: 'Only forklifts' })).body.message).toBe('Operation successful');
		expect(sb.state.sceneIndexes.get(IDX)?.prompt).toBe('Only forklifts');
		expect((await api('PATCH', `/rtstream/${S}/index/scene/${IDX}`, { prompt: ' ' })).body.message).toBe('prompt must be a non-empty string');
		await api('PATCH', `/rtstream/${S}/index/scene/${IDX}/status`, { action: 'stop' });
		expect(sb.state.sceneIndexes.get(IDX)?.status).toBe('stopped');
		const other = await api('PATCH', `/rtstream/${SEED.streams.loadingBayNorth}/index/scene/${IDX}/status`, { action: 'start' });
		expect(other.status).toBe(404);
		expect(other.body.message).toBe('Scene index not found');
	});
});

describe('records', () => {
	it('a seeded running index holds the seeded history, one record per 5 s window, oldest first', async () => {
		const data = await records(S, IDX, '?page_size=1000');
		expect(data.scene_index_records).toHaveLength(SEED.historySeconds / 5);
		const [first, second] = data.scene_index_records;
		expect(second.start).toBe(first.end);
		expect(first.end - first.start).toBe(5);
		expect(typeof first.description).toBe('string');
		expect(data.next_page).toBe(false);
	});

	it('grows one record per window while the stream and the index run, and stops with either', async () => {
		const count = async () => (await records(S, IDX, '?page_size=1000')).scene_index_records.length;
		const before = await count();
		sb.advanceClock(50);
		expect(await count()).toBe(before + 10);
		await api('PATCH', `/rtstream/${S}/index/scene/${IDX}/status`, { action: 'stop' });
		sb.advanceClock(50);
		expect(await count()).toBe(before + 10);
		await api('PATCH', `/rtstream/${S}/index/scene/${IDX}/status`, { action: 'start' });
		await api('PATCH', `/rtstream/${S}/status`, { action: 'stop' });
		sb.advanceClock(50);
		expect(await count()).toBe(before + 10);
		await api('PATCH', `/rtstream/${S}/status`, { action: 'start' });
		sb.advanceClock(25);
		expect(await count()).toBe(before + 15);
	});

	it('a new index on a new stream starts empty and fills as the clock moves (POST /_sandbox/clock)', async () => {
		const stream = (await api('POST', '/rtstream', { url: 'rtsp://cam/new' })).body.data;
		const index = (await api('POST', `/rtstream/${stream.id}/index/scene`, { extraction_config: { time: 10, frame_count: 1 } })).body.data;
		expect((await records(stream.id, index.rtstream_index_id)).scene_index_records).toEqual([]);
		const clock = await call(`${sb.url}/_sandbox/clock`, { json: { advanceSeconds: 35 } });
		expect(clock.body.now).toBe(sb.now());
		expect((await records(stream.id, index.rtstream_index_id)).scene_index_records).toHaveLength(3);
	});

	it('pages with page/page_size and next_page, and filters by start/end overlap', async () => {
		const all = (await records(S, IDX, '?page_size=1000')).scene_index_records;
		const p1 = await records(S, IDX, '?page=1&page_size=100');
		expect(p1.scene_index_records).toEqual(all.slice(0, 100));
		expect(p1.next_page).toBe(true);
		const last = await records(S, IDX, `?page=${Math.ceil(all.length / 100)}&page_size=100`);
		expect(last.next_page).toBe(false);
		const from = all[10].start;
		const to = all[14].end;
		const ranged = await records(S, IDX, `?start=${from}&end=${to}`);
		expect(ranged.scene_index_records).toEqual(all.slice(10, 15));
		expect((await api('GET', `/rtstream/${S}/index/scene/${IDX}?page=0`)).body.message).toBe('page must be an integer between 1 and 9007199254740991');
		expect((await api('GET', `/rtstream/${S}/index/scene/${IDX}?page_size=5000`)).body.message).toBe('page_size must be an integer between 1 and 1000');
		expect((await api('GET', `/rtstream/${S}/index/scene/${IDX}?start=20&end=10`)).body.message).toBe('start must not be after end');
	});
});

describe('search', () => {
	it('finds records by their text, best score first, capped by result_threshold', async () => {
		const res = await api('POST', `/rtstream/${S}/search`, { query: 'forklift pallet', scene_index_id: IDX, result_threshold: 3 });
		const results = res.body.data.results;
		expect(results).toHaveLength(3);
		for (const r of results) {
			expect(r).toEqual({ start: expect.any(Number), end: expect.any(Number), text: expect.stringMatching(/forklift|pallet/i), score: expect.any(Number), scene_index_id: IDX });
		}
		expect(results[0].score).toBe(1);
	});

	it('score_threshold drops weaker matches; nothing matches nonsense', async () => {
		const strict = await api('POST', `/rtstream/${S}/search`, { query: 'forklift zebra', scene_index_id: IDX, score_threshold: 0.9 });
		expect(strict.body.data.results).toEqual([]);
		const none = await api('POST', `/rtstream/${S}/search`, { query: 'zebra', scene_index_id: IDX });
		expect(none.body.data.results).toEqual([]);
	});

	it('validates query and scene_index_id; 404 for an unknown index or stream', async () => {
		expect((await api('POST', `/rtstream/${S}/search`, { scene_index_id: IDX })).body.message).toBe('query is required');
		expect((await api('POST', `/rtstream/${S}/search`, { query: 'x' })).body.message).toBe('scene_index_id is required');
		expect((await api('POST', `/rtstream/${S}/search`, { query: 'x', scene_index_id: IDX, result_threshold: 0 })).body.message).toBe('result_threshold must be a positive integer');
		expect((await api('POST', `/rtstream/${S}/search`, { query: 'x', scene_index_id: 'ffff' })).status).toBe(404);
		expect((await api('POST', `/rtstream/${UNKNOWN}/search`, { query: 'x', scene_index_id: IDX })).body.message).toBe('Stream not found');
	});
});

import { SANDBOX_KEYS, SEED, startSandbox, type Sandbox } from '../../sandbox';
import { call, videodb } from './helpers';

let sb: Sandbox;
let api: ReturnType<typeof videodb>;
const S = SEED.streams.warehouseDock;
const IDX = SEED.sceneIndexes.dockActivity;
const alertPath = `/rtstream/${S}/index/${IDX}/alert`;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	api = videodb(sb.videodbUrl);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

describe('auth', () => {
	const routes: Array<[string, string]> = [
		['GET', '/user'],
		['GET', '/collection/default'],
		['GET', '/rtstream/event'],
		['POST', '/rtstream/event'],
		['GET', '/rtstream'],
		['GET', `/rtstream/${S}`],
		['GET', `/rtstream/${S}/index/scene`],
		['GET', alertPath],
		['POST', alertPath],
		['PATCH', `${alertPath}/abc/status`],
	];
	it.each(routes)('%s %s answers 401 with a wrong or missing key', async (method, path) => {
		for (const key of ['sk-wrong', '']) {
			const res = await videodb(sb.videodbUrl, key)(method, path, method === 'GET' ? undefined : {});
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ success: false, message: 'Invalid API key', error_code: 'UNAUTHORIZED' });
		}
	});

	it('accepts a second key of the same account: both see and change the same alerts', async () => {
		const second = videodb(sb.videodbUrl, SANDBOX_KEYS.videodbSecond);
		const created = await api('POST', alertPath, { event_id: SEED.events.personOnDock, callback_url: 'https://example.com/hook' });
		expect(created.status).toBe(200);
		const listed = await second('GET', alertPath);
		expect(listed.status).toBe(200);
		expect(listed.body.data.alerts.map((a: { alert_id: string }) => a.alert_id)).toContain(created.body.data.alert_id);
		expect((await second('GET', '/user')).body.data).toMatchObject({ user_id: SEED.user.id });
		const disabled = await second('PATCH', `${alertPath}/${created.body.data.alert_id}/status`, { action: 'disable' });
		expect(disabled.status).toBe(200);
		expect(sb.state.alerts.get(created.body.data.alert_id)!.status).toBe('disabled');
	});

	it('accepts a custom key given to startSandbox', async () => {
		const other = await startSandbox({ port: 0, videodbKey: 'sk-custom' });
		try {
			expect((await videodb(other.videodbUrl, 'sk-custom')('GET', '/user')).status).toBe(200);
			expect((await videodb(other.videodbUrl)('GET', '/user')).status).toBe(401);
		} finally {
			await other.close();
		}
	});
});

describe('user and events', () => {
	it('GET /user returns the sandbox user (credential test)', async () => {
		const res = await api('GET', '/user');
		expect(res.status).toBe(200);
		expect(res.body.success).toBe(true);
		expect(res.body.data).toMatchObject({ user_id: SEED.user.id, user_name: SEED.user.name });
	});

	it('GET /collection/{id} answers the account\'s one collection (spec Collection) for "default" or its id, else 404', async () => {
		const collection = {
			id: SEED.collectionId,
			name: 'Default Collection',
			description: expect.any(String),
			is_public: false,
			owner: SEED.user.id,
			created_at: expect.any(String),
		};
		expect((await api('GET', '/collection/default')).body).toEqual({ success: true, data: collection });
		expect((await api('GET', `/collection/${SEED.collectionId}/`)).body.data).toEqual(collection);
		const unknown = await api('GET', '/collection/c-unknown');
		expect([unknown.status, unknown.body.message]).toEqual([404, 'Collection not found']);
		expect((await api('DELETE', '/collection/default')).status).toBe(405);
	});

	it('creates events with 16-hex ids, allows duplicate labels and lists them', async () => {
		const a = await api('POST', '/rtstream/event', { event_prompt: 'Detect smoke', label: 'smoke' });
		const b = await api('POST', '/rtstream/event', { event_prompt: 'Detect smoke again', label: 'smoke' });
		expect(a.status).toBe(200);
		expect(a.body.data.event_id).toMatch(/^[0-9a-f]{16}$/);
		expect(b.body.data.event_id).not.toBe(a.body.data.event_id);
		const list = await api('GET', '/rtstream/event/');
		expect(list.body.data.events).toHaveLength(4);
		expect(list.body.data.events.filter((e: { label: string }) => e.label === 'smoke')).toHaveLength(2);
		expect(list.body.data.events[0]).toEqual({
			event_id: SEED.events.personOnDock,
			event_prompt: expect.any(String),
			label: 'person_on_dock',
		});
	});

	it.each([
		[{ label: 'x' }, 'event_prompt'],
		[{ event_prompt: 'p' }, 'label'],
		[{ event_prompt: '', label: 'x' }, 'event_prompt'],
		[{ event_prompt: 'p', label: 7 }, 'label'],
		[{ event_prompt: 'p', label: 'x', extra: 1 }, 'extra'],
	])('rejects event body %j naming %s', async (body, field) => {
		const res = await api('POST', '/rtstream/event', body);
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR' });
		expect(res.body.message).toContain(field);
	});

	it('answers 400 in the VideoDB shape for malformed JSON', async () => {
		const res = await call(`${sb.videodbUrl}/rtstream/event`, {
			method: 'POST',
			headers: { 'x-access-token': SANDBOX_KEYS.videodb, 'content-type': 'application/json' },
			body: '{"event_prompt": ',
		});
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR' });
	});

	it('answers 404 in the VideoDB shape for unknown routes', async () => {
		const res = await api('GET', '/nope');
		expect(res.status).toBe(404);
		expect(res.body).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
	});
});

describe('alerts', () => {
	const create = (body: unknown, path = alertPath) => api('POST', path, body);

	it('creates, lists, disables and enables an alert (both body forms)', async () => {
		const res = await create({ event_id: SEED.events.personOnDock, callback_url: 'http://127.0.0.1:9/cb?token=t' });
		expect(res.status).toBe(200);
		const alertId = res.body.data.alert_id;
		expect(alertId).toMatch(/^[0-9a-f]{16}$/);

		const list = await api('GET', `${alertPath}/`);
		expect(list.body.data.alerts).toEqual([
			{
				alert_id: alertId,
				event_id: SEED.events.personOnDock,
				prompt: 'Detect a person standing on the loading dock.',
				label: 'person_on_dock',
				callback_url: 'http://127.0.0.1:9/cb?token=t',
				status: 'enabled',
			},
		]);

		const steps: Array<[unknown, string]> = [
			[{ action: 'disable' }, 'disabled'],
			[{ action: 'enable' }, 'enabled'],
			[{ status: 'disabled' }, 'disabled'],
			[{ status: 'enabled' }, 'enabled'],
			[{ action: 'disable', status: 'disabled' }, 'disabled'],
		];
		for (const [body, expected] of steps) {
			const patch = await api('PATCH', `${alertPath}/${alertId}/status`, body);
			expect(patch.status).toBe(200);
			expect(patch.body).toEqual({ success: true, message: 'Operation successful' });
			expect(sb.state.alerts.get(alertId)?.status).toBe(expected);
		}
	});

	it('rejects bad status bodies and unknown alerts', async () => {
		const { body } = await create({ event_id: SEED.events.personOnDock, callback_url: 'http://127.0.0.1:9/cb' });
		const path = `${alertPath}/${body.data.alert_id}/status`;
		for (const bad of [{}, { action: 'pause' }, { action: 'toString' }, { status: 'on' }, { action: 'enable', status: 'disabled' }]) {
			const res = await api('PATCH', path, bad);
			expect(res.status).toBe(400);
			expect(res.body.error_code).toBe('VALIDATION_ERROR');
		}
		const missing = await api('PATCH', `${alertPath}/0000000000000000/status`, { action: 'enable' });
		expect(missing.status).toBe(404);
		expect(missing.body).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
	});

	it('accepts a ws_connection_id instead of a callback_url', async () => {
		const res = await create({ event_id: SEED.events.personOnDock, ws_connection_id: 'conn-1' });
		expect(res.status).toBe(200);
		expect(sb.state.alerts.get(res.body.data.alert_id)?.callback_url).toBeNull();
	});

	it('validates stream, scene index, event and delivery target', async () => {
		const noStream = await create({ event_id: SEED.events.personOnDock, callback_url: 'http://x/cb' }, `/rtstream/rts-nope/index/${IDX}/alert`);
		expect(noStream.status).toBe(404);
		expect(noStream.body.message).toBe('Stream not found');

		const otherIndex = SEED.sceneIndexes.bayNorthActivity; // exists, but on another stream
		const noIndex = await create({ event_id: SEED.events.personOnDock, callback_url: 'http://x/cb' }, `/rtstream/${S}/index/${otherIndex}/alert`);
		expect(noIndex.status).toBe(404);
		expect(noIndex.body.message).toBe('Scene index not found');

		const noEvent = await create({ event_id: 'ffffffffffffffff', callback_url: 'http://x/cb' });
		expect(noEvent.status).toBe(400);
		const noEventId = await create({ callback_url: 'http://x/cb' });
		expect(noEventId.status).toBe(400);
		expect(noEventId.body.message).toContain('event_id');
		const noTarget = await create({ event_id: SEED.events.personOnDock });
		expect(noTarget.status).toBe(400);
		expect(noTarget.body.message).toContain('callback_url');
		expect(sb.state.alerts.size).toBe(0);
	});
});

describe('streams and scene indexes', () => {
	it('pages through all streams with next/previous URLs', async () => {
		const first = await api('GET', '/rtstream');
		expect(first.body.data.count).toBe(14);
		expect(first.body.data.results).toHaveLength(10);
		expect(first.body.data.previous).toBeNull();
		expect(first.body.data.results[0]).toMatchObject({
			id: S,
			name: 'Warehouse dock camera',
			status: 'connected',
			sample_rate: 30,
			media_types: ['video'],
			collection_id: SEED.collectionId,
			store: false,
		});
		expect(first.body.data.results[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
		expect(first.body.data.results[0].stream_url).toMatch(/\.m3u8$/);
		expect(first.body.data.next).toBe(`${sb.videodbUrl}/rtstream?limit=10&offset=10`);

		const second = await call(first.body.data.next, { headers: { 'x-access-token': SANDBOX_KEYS.videodb } });
		expect(second.body.data.results).toHaveLength(4);
		expect(second.body.data.next).toBeNull();
		expect(second.body.data.previous).toBe(`${sb.videodbUrl}/rtstream?limit=10&offset=0`);
		const ids = [...first.body.data.results, ...second.body.data.results].map((s: { id: string }) => s.id);
		expect(new Set(ids).size).toBe(14);
	});

	it('filters by status and name, orders by created_at', async () => {
		const stopped = await api('GET', '/rtstream/?status=stopped');
		expect(stopped.body.data.count).toBe(3);
		expect(stopped.body.data.results.every((s: { status: string }) => s.status === 'stopped')).toBe(true);
		const byName = await api('GET', '/rtstream?name=LOADING%20bay');
		expect(byName.body.data.results.map((s: { name: string }) => s.name)).toEqual(['Loading bay north', 'Loading bay south']);
		const oldest = await api('GET', '/rtstream?ordering=created_at&limit=1');
		expect(oldest.body.data.results[0].name).toBe('Yard crane cam');
		expect(oldest.body.data.next).toContain('ordering=created_at');
		expect((await api('GET', '/rtstream?status=paused')).status).toBe(400);
		expect((await api('GET', '/rtstream?limit=0')).status).toBe(400);
	});

	it('gets one stream or 404', async () => {
		const res = await api('GET', `/rtstream/${S}/`);
		expect(res.body.data.name).toBe('Warehouse dock camera');
		const missing = await api('GET', '/rtstream/rts-00000000-0000-0000-0000-000000000000');
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({ success: false, message: 'Stream not found', error_code: 'NOT_FOUND' });
	});

	it('lists scene indexes of a stream, 404 for unknown stream', async () => {
		const res = await api('GET', `/rtstream/${S}/index/scene`);
		expect(res.body.data.scene_indexes).toEqual([
			expect.objectContaining({ rtstream_index_id: IDX, name: 'Dock activity', status: 'running', extraction_type: 'time' }),
			expect.objectContaining({ rtstream_index_id: SEED.sceneIndexes.dockSafetyZone, name: 'Safety zone', status: 'stopped' }),
		]);
		expect(res.body.data.scene_indexes[0].extraction_config).toEqual({ time: '5', frame_count: '2' });
		expect((await api('GET', '/rtstream/rts-nope/index/scene')).status).toBe(404);
		const one = await api('GET', `/rtstream/${S}/index/${IDX}`);
		expect(one.body.data.name).toBe('Dock activity');
	});
});

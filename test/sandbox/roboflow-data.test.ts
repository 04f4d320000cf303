/** Batch, upload, delete and use cases. */
import { FormData, request } from 'undici';

import { SANDBOX_KEYS, SEED, startSandbox, type Sandbox } from '../../sandbox';
import { DAY, isoFromNow } from '../helpers/time';
import { call, inventoryEvent, roboflow, type Loose } from './helpers';

let sb: Sandbox;
let api: ReturnType<typeof roboflow>;
const UC = SEED.useCases.warehouseInventory;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	api = roboflow(sb.roboflowUrl);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const event = inventoryEvent;

describe('batch', () => {
	it('creates 100 events', async () => {
		const events = Array.from({ length: 100 }, () => event());
		const res = await api('POST', '/vision-events/batch', { events });
		expect(res.status).toBe(201);
		expect(res.body).toEqual({ created: 100, eventIds: events.map((e) => e.eventId) });
		expect(sb.state.visionEvents.size).toBe(100);
	});

	it.each([
		[0, 'at least 1'],
		[101, 'at most 100'],
	])('rejects %i events', async (n, message) => {
		const res = await api('POST', '/vision-events/batch', { events: Array.from({ length: n }, () => event()) });
		expect(res.status).toBe(400);
		expect(res.body.error).toContain(message);
		expect(sb.state.visionEvents.size).toBe(0);
	});

	it('is all-or-nothing and names the failing event as events.<k>.<field>', async () => {
		const events = [event(), event(), event(), event({ eventType: undefined }), event()];
		const res = await api('POST', '/vision-events/batch', { events });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ error: 'events.3.eventType: eventType is required' });
		expect(sb.state.visionEvents.size).toBe(0);
		const archived = await api('POST', '/vision-events/batch', { events: [event(), event({ useCaseId: SEED.useCases.legacyPilot })] });
		expect(archived.status).toBe(400);
		expect(archived.body).toEqual({ error: 'events.1.useCaseId: Solution is archived' });
	});

	it('one event out of the timestamp window rejects the batch of 10; nothing stored', async () => {
		const events = Array.from({ length: 10 }, (_, k) => event(k === 6 ? { timestamp: isoFromNow(-400 * DAY) } : {}));
		const res = await api('POST', '/vision-events/batch', { events });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ error: 'events.6.timestamp: timestamp must be between one year ago and tomorrow' });
		expect(sb.state.visionEvents.size).toBe(0);
		const alone = await api('POST', '/vision-events', events[6]);
		expect(alone).toMatchObject({ status: 400, body: { error: 'timestamp must be between one year ago and tomorrow' } });
		expect(sb.state.visionEvents.size).toBe(0);
		const notAnObject = await api('POST', '/vision-events/batch', { events: [event(), 'x'] });
		expect(notAnObject.body).toEqual({ error: 'events.1: Request body must be a JSON object' });
	});

	it('prefixes warning paths with events.<i>.', async () => {
		const events = [event(), event({ eventData: { itemCount: -1 } })];
		const res = await api('POST', '/vision-events/batch', { events });
		expect(res.status).toBe(201);
		expect(res.body.warnings).toEqual([{ type: 'number.min', path: 'events.1.eventData.itemCount', value: -1, valueType: 'number' }]);
		expect(sb.state.visionEvents.get(events[1].eventId)?.eventData).toEqual({});
	});

	it('rejects a body without an events array', async () => {
		expect((await api('POST', '/vision-events/batch', { items: [] })).status).toBe(400);
	});
});

describe('upload', () => {
	const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0x80, 0xfe, 0xff, 0xd9]);

	async function upload(fields: Record<string, string>, file: Buffer | null, key: string = SANDBOX_KEYS.roboflow) {
		const form = new FormData();
		if (file) form.append('file', new Blob([file], { type: 'image/jpeg' }), 'frame.jpg');
		for (const [k, v] of Object.entries(fields)) form.append(k, v);
		const res = await request(`${sb.roboflowUrl}/vision-events/upload`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}` },
			body: form,
		});
		return { status: res.statusCode, body: (await res.body.json()) as Record<string, Loose> };
	}

	it('stores a binary file and serves it at the returned URL', async () => {
		const res = await upload({ name: 'dock-frame', metadata: JSON.stringify({ camera: 'dock', shift: 2 }) }, bytes);
		expect(res.status).toBe(201);
		expect(res.body).toEqual({
			success: true,
			sourceId: expect.stringMatching(/^src-[0-9a-f]+$/),
			url: `${sb.roboflowUrl}/_images/${res.body.sourceId}`,
		});
		const stored = sb.state.images.get(res.body.sourceId);
		expect(stored).toMatchObject({ name: 'dock-frame', contentType: 'image/jpeg', size: bytes.length, metadata: { camera: 'dock', shift: 2 } });

		const image = await request(res.body.url);
		expect(image.statusCode).toBe(200);
		expect(image.headers['content-type']).toBe('image/jpeg');
		expect(Buffer.from(await image.body.arrayBuffer()).equals(bytes)).toBe(true);

		const [logged] = sb.requests({ service: 'roboflow', path: '/vision-events/upload' });
		expect(logged.body).toEqual({
			fields: { name: 'dock-frame', metadata: expect.any(String) },
			files: [{ field: 'file', filename: 'frame.jpg', contentType: 'image/jpeg', size: bytes.length }],
		});
	});

	it('requires the file', async () => {
		const res = await upload({ name: 'x' }, null);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ error: 'file is required' });
	});

	it.each([
		['not JSON', '{oops'],
		['not an object', '[1]'],
		['bad key', JSON.stringify({ 'bad/key': 1 })],
		['long value', JSON.stringify({ note: 'x'.repeat(1001) })],
		['nested value', JSON.stringify({ nested: { a: 1 } })],
	])('rejects metadata that is %s', async (_name, metadata) => {
		const res = await upload({ metadata }, bytes);
		expect(res.status).toBe(400);
		expect(res.body.error).toContain('metadata');
	});

	it('rejects a JSON body and a read-only key', async () => {
		expect((await api('POST', '/vision-events/upload', { file: 'x' })).status).toBe(400);
		expect((await upload({}, bytes, SANDBOX_KEYS.roboflowReadOnly)).status).toBe(403);
	});

	it('rejects a broken multipart body without crashing', async () => {
		const res = await call(`${sb.roboflowUrl}/vision-events/upload`, {
			method: 'POST',
			headers: { authorization: `Bearer ${SANDBOX_KEYS.roboflow}`, 'content-type': 'multipart/form-data; boundary=xyz' },
			body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nno closing boundary',
		});
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ error: expect.any(String) });
		expect((await api('GET', '/vision-events/use-cases')).status).toBe(200);
	});

	it('404 for an unknown image', async () => {
		const res = await call(`${sb.roboflowUrl}/_images/src-nope`);
		expect(res.status).toBe(404);
	});
});

describe('delete', () => {
	it('deletes existing ids of the use case and reports the rest', async () => {
		const a = event();
		const b = event();
		const foreign = event({ useCaseId: SEED.useCases.siteSafety });
		await api('POST', '/vision-events/batch', { events: [a, b, foreign] });
		const res = await api('POST', '/vision-events/delete', { useCaseId: UC, eventIds: [a.eventId, 'missing', foreign.eventId] });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ deleted: 1, notFound: ['missing', foreign.eventId] });
		expect([...sb.state.visionEvents.keys()].sort()).toEqual([b.eventId, foreign.eventId].sort());
	});

	it.each([
		['no ids', []],
		['1001 ids', Array.from({ length: 1001 }, (_, i) => `id-${i}`)],
	])('rejects %s', async (_name, eventIds) => {
		const res = await api('POST', '/vision-events/delete', { useCaseId: UC, eventIds });
		expect(res.status).toBe(400);
	});

	it('accepts 1000 ids and requires useCaseId', async () => {
		const ids = Array.from({ length: 1000 }, (_, i) => `id-${i}`);
		expect((await api('POST', '/vision-events/delete', { useCaseId: UC, eventIds: ids })).body.notFound).toHaveLength(1000);
		expect((await api('POST', '/vision-events/delete', { eventIds: ['x'] })).status).toBe(400);
	});
});

describe('use cases', () => {
	it('lists active (default) and inactive use cases', async () => {
		const active = await api('GET', '/vision-events/use-cases');
		expect(active.status).toBe(200);
		expect(active.body.lookbackDays).toBe(14);
		expect(active.body.useCases.map((u: { name: string }) => u.name)).toEqual(['Line A quality', 'Warehouse inventory', 'Site safety']);
		expect(active.body.useCases[0]).toEqual({
			id: SEED.useCases.lineAQuality,
			name: 'Line A quality',
			status: 'active',
			workspaceId: 'sandbox-workspace',
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
		});
		const inactive = await api('GET', '/vision-events/use-cases?status=inactive');
		expect(inactive.body.useCases.map((u: { id: string }) => u.id)).toEqual([SEED.useCases.legacyPilot]);
		expect((await api('GET', '/vision-events/use-cases?status=all')).status).toBe(400);
	});

	it('creates a use case (trimmed), rejects duplicates case-insensitively and bad names', async () => {
		const res = await api('POST', '/vision-events/use-cases', { name: '  Dock safety  ' });
		expect(res.status).toBe(201);
		expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{8}$/), name: 'Dock safety' });
		const list = await api('GET', '/vision-events/use-cases');
		expect(list.body.useCases.map((u: { name: string }) => u.name)).toContain('Dock safety');
		// Events can go to it right away.
		expect((await api('POST', '/vision-events', event({ useCaseId: res.body.id }))).status).toBe(201);

		const dup = await api('POST', '/vision-events/use-cases', { name: 'dock SAFETY' });
		expect(dup.status).toBe(400);
		expect(dup.body).toEqual({ error: 'A solution with this name already exists' });
		for (const name of ['', '   ', 'x'.repeat(257), 5]) {
			expect((await api('POST', '/vision-events/use-cases', { name })).status).toBe(400);
		}
		expect((await api('POST', '/vision-events/use-cases', { name: 'y'.repeat(256) })).status).toBe(201);
	});

	it('archives and unarchives', async () => {
		const id = SEED.useCases.siteSafety;
		expect((await api('POST', `/vision-events/use-cases/${id}/archive`)).body).toEqual({ success: true });
		expect((await api('POST', '/vision-events', event({ useCaseId: id }))).body).toEqual({ error: 'Solution is archived' });
		expect((await api('POST', `/vision-events/use-cases/${id}/unarchive`)).status).toBe(200);
		expect((await api('POST', `/vision-events/use-cases/${id}/unarchive`)).status).toBe(400);
		expect((await api('POST', '/vision-events/use-cases/ffffffff/archive')).status).toBe(404);
	});

	it('reset restores the seed', async () => {
		await api('POST', '/vision-events/use-cases', { name: 'Temp' });
		await api('POST', '/vision-events', event());
		sb.reset();
		expect(sb.state.useCases.size).toBe(4);
		expect(sb.state.visionEvents.size).toBe(0);
	});
});

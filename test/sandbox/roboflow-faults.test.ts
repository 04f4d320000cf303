/**
 * Roboflow answers that fault injection shapes from a real answer: `patch` (fields set on a served
 * 2xx answer) and `unconfirmed` on uploads and single creates.
 */
import { FormData, request } from 'undici';

import { SANDBOX_KEYS, SEED, startSandbox, type Sandbox } from '../../sandbox';
import { call, inventoryEvent, roboflow, type Loose } from './helpers';

let sb: Sandbox;
let api: ReturnType<typeof roboflow>;
const UC = SEED.useCases.warehouseInventory;
const control = (method: string, path: string, json?: unknown) => call(`${sb.url}/_sandbox${path}`, { method, json });

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	api = roboflow(sb.roboflowUrl);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

async function upload(): Promise<{ status: number; body: Record<string, Loose> }> {
	const form = new FormData();
	form.append('file', new Blob([Buffer.from([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' }), 'frame.jpg');
	const res = await request(`${sb.roboflowUrl}/vision-events/upload`, {
		method: 'POST',
		headers: { authorization: `Bearer ${SANDBOX_KEYS.roboflow}` },
		body: form,
	});
	return { status: res.statusCode, body: (await res.body.json()) as Record<string, Loose> };
}

describe('patch', () => {
	it('sets fields of the real answer: a query page keeps its events and gets nextCursor ""', async () => {
		for (let k = 0; k < 3; k++) await api('POST', '/vision-events', inventoryEvent());
		sb.addFault({ path: '/roboflow/vision-events/query', patch: { nextCursor: '', hasMore: true } });
		const patched = await api('POST', '/vision-events/query', { useCaseId: UC, limit: 2 });
		expect(patched.status).toBe(200);
		expect(patched.body).toMatchObject({ nextCursor: '', hasMore: true, lookbackDays: 14 });
		expect(patched.body.events).toHaveLength(2);
		expect(sb.requests({ path: '/vision-events/query' })[0].faulted).toBe(true);
		const real = await api('POST', '/vision-events/query', { useCaseId: UC, limit: 2 });
		expect(real.body.nextCursor).toEqual(expect.any(String));
		expect(real.body.nextCursor).not.toBe('');
	});

	it('leaves error answers alone and is validated', async () => {
		sb.addFault({ path: '/roboflow/vision-events/query', patch: { nextCursor: '' } });
		const refused = await api('POST', '/vision-events/query', { useCaseId: 'nope' });
		expect([refused.status, refused.body]).toEqual([404, { error: 'Solution not found' }]);
		for (const bad of [{ patch: 'x' }, { patch: {}, status: 200 }, { patch: {}, unconfirmed: 'empty' }]) {
			const added = await control('POST', '/faults', { path: '/roboflow/vision-events/query', ...bad });
			expect(added.status).toBe(400);
			expect(added.body.error).toMatch(/^(patch|unconfirmed)/);
		}
	});
});

describe('unconfirmed uploads and single creates', () => {
	it("'dropId' stores the image and answers {success: true} without sourceId and url", async () => {
		sb.addFault({ path: '/roboflow/vision-events/upload', unconfirmed: 'dropId' });
		const res = await upload();
		expect([res.status, res.body]).toEqual([201, { success: true }]);
		expect(sb.state.images.size).toBe(1);
		sb.addFault({ path: '/roboflow/vision-events/upload', unconfirmed: 'empty' });
		expect((await upload()).body).toEqual({});
		expect(Object.keys((await upload()).body).sort()).toEqual(['sourceId', 'success', 'url']);
	});

	it("'dropId' on a single create keeps the warnings and drops both created and eventId", async () => {
		sb.addFault({ path: '/roboflow/vision-events', unconfirmed: 'dropId' });
		const event = inventoryEvent({ eventData: { itemCount: -1 } });
		const res = await api('POST', '/vision-events', event);
		expect(res.status).toBe(201);
		expect(res.body).toEqual({ warnings: [expect.objectContaining({ path: 'eventData.itemCount' })] });
		expect(sb.state.visionEvents.has(event.eventId)).toBe(true);
	});
});

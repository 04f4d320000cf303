/** POST /vision-events: auth, the four strict fields, and every lenient limit of the seed. */
import { randomUUID } from 'crypto';

import { SANDBOX_KEYS, SEED, startSandbox, type Sandbox } from '../../sandbox';
import { DAY, isoFromNow } from '../helpers/time';
import { call, roboflow } from './helpers';

let sb: Sandbox;
let api: ReturnType<typeof roboflow>;
const UC = SEED.useCases.lineAQuality;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	api = roboflow(sb.roboflowUrl);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		eventId: randomUUID(),
		eventType: 'quality_check',
		useCaseId: UC,
		timestamp: isoFromNow(-60_000),
		eventData: { result: 'fail', externalId: 'batch-001' },
		...overrides,
	};
}

describe('root and auth', () => {
	it('GET / with a valid key names the workspace', async () => {
		const res = await api('GET', '/');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			welcome: 'Welcome to the Roboflow API.',
			instructions: 'You are successfully authenticated.',
			docs: 'https://docs.roboflow.com',
			workspace: 'sandbox-workspace',
		});
	});

	it('GET / without a key is 200 without workspace', async () => {
		const res = await roboflow(sb.roboflowUrl, '')('GET', '');
		expect(res.status).toBe(200);
		expect(res.body).not.toHaveProperty('workspace');
		expect(res.body.instructions).toMatch(/api_key/);
		expect(res.body.instructions).toMatch(/Authorization: Bearer/);
	});

	it('/ with a wrong key, as Bearer or ?api_key=, GET or POST, is 401 {error} (as check_key expects)', async () => {
		const unauthorized = [401, { error: 'Unauthorized: invalid or missing API key' }];
		const bearer = await roboflow(sb.roboflowUrl, 'rf-wrong')('GET', '/');
		expect([bearer.status, bearer.body]).toEqual(unauthorized);
		for (const method of ['GET', 'POST']) {
			const query = await call(`${sb.roboflowUrl}/?api_key=rf-wrong`, { method });
			expect([query.status, query.body]).toEqual(unauthorized);
		}
		const good = await call(`${sb.roboflowUrl}/?api_key=${SANDBOX_KEYS.roboflow}`, { method: 'POST' });
		expect([good.status, good.body.workspace]).toEqual([200, 'sandbox-workspace']);
		const none = await call(`${sb.roboflowUrl}/?api_key=`, { method: 'POST' });
		expect([none.status, none.body.workspace]).toEqual([200, undefined]);
	});

	const routes: Array<[string, string]> = [
		['POST', '/vision-events'],
		['POST', '/vision-events/batch'],
		['POST', '/vision-events/upload'],
		['POST', '/vision-events/query'],
		['POST', '/vision-events/delete'],
		['GET', '/vision-events/use-cases'],
		['POST', '/vision-events/use-cases'],
	];
	it.each(routes)('%s %s: 401 for a wrong or missing key', async (method, path) => {
		for (const key of ['rf-wrong', '']) {
			const res = await roboflow(sb.roboflowUrl, key)(method, path, method === 'POST' ? {} : undefined);
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ error: 'Unauthorized: invalid or missing API key' });
		}
	});

	it.each(routes.filter(([m, p]) => !(m === 'GET' || p.endsWith('query'))))(
		'%s %s: 403 for the read-only key',
		async (method, path) => {
			const res = await roboflow(sb.roboflowUrl, SANDBOX_KEYS.roboflowReadOnly)(method, path, event());
			expect(res.status).toBe(403);
			expect(res.body).toEqual({ error: 'Insufficient permissions for this resource.' });
		},
	);

	it('the read-only key may read', async () => {
		const ro = roboflow(sb.roboflowUrl, SANDBOX_KEYS.roboflowReadOnly);
		expect((await ro('GET', '/vision-events/use-cases')).status).toBe(200);
		expect((await ro('POST', '/vision-events/query', { useCaseId: UC })).status).toBe(200);
	});

	it('answers malformed JSON and unknown routes in the Roboflow shape', async () => {
		const bad = await call(`${sb.roboflowUrl}/vision-events`, {
			method: 'POST',
			headers: { authorization: `Bearer ${SANDBOX_KEYS.roboflow}`, 'content-type': 'application/json' },
			body: '{"eventId":',
		});
		expect(bad.status).toBe(400);
		expect(bad.body).toEqual({ error: expect.any(String) });
		const unknown = await api('GET', '/vision-events/nope');
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({ error: expect.any(String) });
	});
});

describe('create: strict fields', () => {
	it('creates the seed example and stores it', async () => {
		const body = event({ customMetadata: { line: 'A1', operator: 'John Doe', temperature: 72.5 } });
		const res = await api('POST', '/vision-events', body);
		expect(res.status).toBe(201);
		expect(res.body).toEqual({ eventId: body.eventId, created: true });
		const stored = sb.state.visionEvents.get(body.eventId as string);
		expect(stored).toMatchObject({
			eventId: body.eventId,
			eventType: 'quality_check',
			useCaseId: UC,
			timestamp: body.timestamp,
			eventData: { result: 'fail', externalId: 'batch-001' },
			customMetadata: { line: 'A1', operator: 'John Doe', temperature: 72.5 },
		});
		expect(stored?.createdAt).toEqual(expect.any(String));
	});

	const strict: Array<[string, Record<string, unknown>, number, string]> = [
		['missing eventId', { eventId: undefined }, 400, 'eventId is required'],
		['empty eventId', { eventId: '' }, 400, 'eventId must be a non-empty string'],
		['missing eventType', { eventType: undefined }, 400, 'eventType is required'],
		['unknown eventType', { eventType: 'audit' }, 400, 'eventType must be one of'],
		['missing useCaseId', { useCaseId: undefined }, 400, 'useCaseId is required'],
		['numeric useCaseId', { useCaseId: 5 }, 400, 'useCaseId must be a string'],
		['257-char useCaseId', { useCaseId: 'u'.repeat(257) }, 400, 'useCaseId must be at most 256 characters'],
		['unknown use case', { useCaseId: 'u'.repeat(256) }, 404, 'Solution not found'],
		['archived use case', { useCaseId: SEED.useCases.legacyPilot }, 400, 'Solution is archived'],
		['missing timestamp', { timestamp: undefined }, 400, 'timestamp is required'],
		['non-ISO timestamp', { timestamp: '15/01/2024 10:30' }, 400, 'timestamp must be a valid ISO 8601 date'],
		['timestamp over a year ago', { timestamp: isoFromNow(-366 * DAY) }, 400, 'timestamp must be between one year ago and tomorrow'],
		['timestamp after tomorrow', { timestamp: isoFromNow(2 * DAY) }, 400, 'timestamp must be between one year ago and tomorrow'],
	];
	it.each(strict)('%s → %i', async (_name, overrides, status, message) => {
		const res = await api('POST', '/vision-events', event(overrides));
		expect(res.status).toBe(status);
		expect(res.body.error).toContain(message);
		expect(sb.state.visionEvents.size).toBe(0);
	});

	it.each([
		['364 days ago', -364 * DAY],
		['in 23 hours', 23 * 3600 * 1000],
		['date only', 0],
	])('accepts a timestamp %s', async (name, offset) => {
		const timestamp = name === 'date only' ? isoFromNow(0).slice(0, 10) : isoFromNow(offset);
		const res = await api('POST', '/vision-events', event({ timestamp }));
		expect(res.status).toBe(201);
	});

	it('accepts a 256-char useCaseId that exists', async () => {
		const long = 'L'.repeat(256);
		sb.state.useCases.set(long, { ...sb.state.useCases.get(UC)!, id: long });
		expect((await api('POST', '/vision-events', event({ useCaseId: long }))).status).toBe(201);
	});

	it('a repeated eventId overwrites the stored event', async () => {
		const eventId = randomUUID();
		await api('POST', '/vision-events', event({ eventId, eventData: { result: 'fail' } }));
		const again = await api('POST', '/vision-events', event({ eventId, eventData: { result: 'pass' } }));
		expect(again.status).toBe(201);
		expect(sb.state.visionEvents.size).toBe(1);
		expect(sb.state.visionEvents.get(eventId)?.eventData).toEqual({ result: 'pass' });
	});

	it('accepts the deprecated solutionId alias with a deprecation', async () => {
		const body = event({ useCaseId: undefined, solutionId: UC });
		const res = await api('POST', '/vision-events', body);
		expect(res.status).toBe(201);
		expect(res.body.deprecations).toEqual([{ field: 'solutionId', replacement: 'useCaseId' }]);
		expect(res.body.warnings).toBeUndefined();
		expect(sb.state.visionEvents.get(body.eventId as string)?.useCaseId).toBe(UC);
	});
});

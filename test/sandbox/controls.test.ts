/** /_sandbox controls: request log, reset, state, faults and latency. */
import { randomUUID } from 'crypto';

import { SANDBOX_KEYS, SEED, startSandbox, type Sandbox } from '../../sandbox';
import { isoFromNow } from '../helpers/time';
import { call, roboflow, videodb } from './helpers';

let sb: Sandbox;
let vdb: ReturnType<typeof videodb>;
let rf: ReturnType<typeof roboflow>;
const control = (method: string, path: string, json?: unknown) => call(`${sb.url}/_sandbox${path}`, { method, json });

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	vdb = videodb(sb.videodbUrl);
	rf = roboflow(sb.roboflowUrl);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const newEvent = () => vdb('POST', '/rtstream/event', { event_prompt: 'Detect smoke', label: 'smoke' });
const visionEvent = () => ({
	eventId: randomUUID(),
	eventType: 'custom',
	useCaseId: SEED.useCases.siteSafety,
	timestamp: isoFromNow(),
	eventData: { value: 'v' },
});

describe('request log', () => {
	it('logs API requests (not control routes) with parsed details', async () => {
		await vdb('GET', '/rtstream?limit=2&status=connected');
		await newEvent();
		await rf('POST', '/vision-events', visionEvent());
		await control('GET', '/state');

		const all = sb.requests();
		expect(all.map((r) => `${r.service} ${r.method} ${r.path} ${r.status}`)).toEqual([
			'videodb GET /rtstream 200',
			'videodb POST /rtstream/event 200',
			'roboflow POST /vision-events 201',
		]);
		expect(all[0]).toMatchObject({ seq: 1, query: { limit: '2', status: 'connected' }, headers: { 'x-access-token': SANDBOX_KEYS.videodb } });
		expect(all[0].time).toEqual(expect.any(String));
		expect(all[1].body).toEqual({ event_prompt: 'Detect smoke', label: 'smoke' });
		expect(all[2].headers.authorization).toBe(`Bearer ${SANDBOX_KEYS.roboflow}`);

		expect(sb.requests({ service: 'roboflow' })).toHaveLength(1);
		expect(sb.requests({ method: 'post' })).toHaveLength(2);
		expect(sb.requests({ path: '/rtstream/event/' })).toHaveLength(1);
		expect(sb.requests({ path: /^\/rtstream/ })).toHaveLength(2);

		const viaHttp = await control('GET', '/requests?service=videodb&method=POST');
		expect(viaHttp.body.requests.map((r: { path: string }) => r.path)).toEqual(['/rtstream/event']);
		expect((await control('GET', `/requests?path=${encodeURIComponent('/^\\/rtstream/')}`)).body.count).toBe(2);
		await control('DELETE', '/requests');
		expect(sb.requests()).toHaveLength(0);
	});

	it('POST /_sandbox/reset restores the seed and clears log and faults', async () => {
		await newEvent();
		sb.addFault({ path: '/videodb/user', status: 500 });
		sb.setLatency(30);
		expect((await control('POST', '/reset')).status).toBe(200);
		expect((await control('GET', '/config')).body).toEqual({ latencyMs: 0 });
		expect(sb.state.events.size).toBe(2);
		expect(sb.requests()).toHaveLength(0);
		expect((await control('GET', '/faults')).body.faults).toEqual([]);
	});

	it('GET /_sandbox/state returns counts and lists', async () => {
		await newEvent();
		const res = await control('GET', '/state');
		expect(res.body.counts).toMatchObject({ events: 3, streams: 14, sceneIndexes: 4, alerts: 0, useCases: 4, visionEvents: 0, images: 0, requests: 1 });
		expect(res.body.streams).toHaveLength(14);
		expect(res.body.useCases.map((u: { id: string }) => u.id)).toContain(SEED.useCases.legacyPilot);
	});

	it('unknown control and top-level routes are 404', async () => {
		expect((await control('GET', '/nope')).status).toBe(404);
		expect((await call(`${sb.url}/elsewhere`)).status).toBe(404);
	});
});

describe('faults', () => {
	it('successFalse answers 200 {success:false} once, then the API is normal', async () => {
		await control('POST', '/faults', { path: '/videodb/rtstream/event', method: 'POST', successFalse: true });
		const faulted = await newEvent();
		expect(faulted.status).toBe(200);
		expect(faulted.body).toEqual({ success: false, message: expect.any(String), error_code: expect.any(String) });
		expect(sb.state.events.size).toBe(2);
		expect((await newEvent()).body.success).toBe(true);
		expect(sb.requests().map((r) => r.status)).toEqual([200, 200]);
	});

	it('status + Retry-After for `times` requests, in the service error shape', async () => {
		sb.addFault({ path: '/roboflow/vision-events', status: 429, retryAfter: 2, times: 2 });
		for (let i = 0; i < 2; i++) {
			const res = await rf('POST', '/vision-events', visionEvent());
			expect(res.status).toBe(429);
			expect(res.headers['retry-after']).toBe('2');
			expect(res.body).toEqual({ error: expect.any(String) });
		}
		expect((await rf('POST', '/vision-events', visionEvent())).status).toBe(201);
		expect(sb.state.visionEvents.size).toBe(1);

		sb.addFault({ path: '/videodb/user', status: 503 });
		const vres = await vdb('GET', '/user');
		expect(vres.status).toBe(503);
		expect(vres.body).toMatchObject({ success: false, error_code: 'SERVICE_UNAVAILABLE' });
	});

	it('skip lets the first matching requests pass, then the fault hits `times` requests', async () => {
		sb.addFault({ path: '/roboflow/vision-events', status: 500, skip: 1, times: 2 });
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await rf('POST', '/vision-events', visionEvent())).status);
		expect(statuses).toEqual([201, 500, 500, 201]);
		expect(sb.state.visionEvents.size).toBe(2);
	});

	it('custom body and headers; prefix match; method filter; insertion order', async () => {
		sb.addFault({ path: '/videodb/rtstream/*', method: 'GET', status: 502, body: { oops: true }, headers: { 'x-fault': 'one' } });
		sb.addFault({ path: '/videodb/*', status: 500 });
		expect((await newEvent()).status).toBe(500); // POST skips the GET-only fault
		const res = await vdb('GET', `/rtstream/${SEED.streams.warehouseDock}`);
		expect(res.status).toBe(502);
		expect(res.body).toEqual({ oops: true });
		expect(res.headers['x-fault']).toBe('one');
		expect((await vdb('GET', '/rtstream')).status).toBe(200);
	});

	it('lists, validates and clears faults over HTTP', async () => {
		const added = await control('POST', '/faults', [{ path: '/videodb/user', status: 500, times: 3 }]);
		expect(added.status).toBe(201);
		expect(added.body.faults).toEqual([expect.objectContaining({ path: '/videodb/user', remaining: 3 })]);
		await vdb('GET', '/user');
		expect((await control('GET', '/faults')).body.faults[0].remaining).toBe(2);
		expect((await control('POST', '/faults', { status: 500 })).status).toBe(400);
		expect((await control('POST', '/faults', { path: '/x', when: 'later' })).status).toBe(400);
		await control('DELETE', '/faults');
		expect((await vdb('GET', '/user')).status).toBe(200);
	});

	it("when: 'after' processes the request (state changes) and replaces the answer", async () => {
		sb.addFault({ path: '/videodb/rtstream/event', status: 504, when: 'after' });
		const res = await newEvent();
		expect(res.status).toBe(504);
		expect(sb.state.events.size).toBe(3);
		expect(sb.requests()[0].status).toBe(504);
	});

	it('drop destroys the socket without answering and is logged with status 0', async () => {
		sb.addFault({ path: '/videodb/user', drop: true });
		await expect(vdb('GET', '/user')).rejects.toThrow();
		sb.addFault({ path: '/videodb/rtstream/event', drop: true, when: 'after' });
		await expect(newEvent()).rejects.toThrow();
		expect(sb.state.events.size).toBe(3);
		expect(sb.requests().map((r) => r.status)).toEqual([0, 0]);
		expect((await vdb('GET', '/user')).status).toBe(200);
	});

	it("unconfirmed: 'empty' stores the event and answers 2xx {} for the next `times` creates", async () => {
		await control('POST', '/faults', { path: '/roboflow/vision-events', method: 'POST', unconfirmed: 'empty', times: 2 });
		const sent = [visionEvent(), visionEvent(), visionEvent()];
		const answers = [];
		for (const e of sent) answers.push(await rf('POST', '/vision-events', e));
		expect(answers.map((a) => [a.status, a.body])).toEqual([
			[201, {}],
			[201, {}],
			[201, { eventId: sent[2].eventId, created: true }],
		]);
		expect(sb.state.visionEvents.size).toBe(3);
		sb.addFault({ path: '/roboflow/vision-events/batch', unconfirmed: 'empty' });
		const batch = await rf('POST', '/vision-events/batch', { events: [visionEvent()] });
		expect([batch.status, batch.body]).toEqual([201, {}]);
		expect(sb.state.visionEvents.size).toBe(4);
	});

	it("unconfirmed: 'dropId' leaves one id out of a batch answer, `created` and `eventId` out of a single answer", async () => {
		sb.addFault({ path: '/roboflow/vision-events/batch', unconfirmed: 'dropId' });
		const events = [visionEvent(), visionEvent(), visionEvent()];
		const batch = await rf('POST', '/vision-events/batch', { events });
		expect([batch.status, batch.body]).toEqual([201, { created: 2, eventIds: [events[0].eventId, events[1].eventId] }]);
		expect(sb.state.visionEvents.size).toBe(3);
		sb.addFault({ path: '/roboflow/vision-events', unconfirmed: 'dropId' });
		const single = visionEvent();
		expect((await rf('POST', '/vision-events', single)).body).toEqual({});
		expect(sb.state.visionEvents.has(single.eventId)).toBe(true);
	});

	it('unconfirmed leaves error answers alone and is validated', async () => {
		sb.addFault({ path: '/roboflow/vision-events', unconfirmed: 'empty' });
		const res = await rf('POST', '/vision-events', { ...visionEvent(), eventType: 'nope' });
		expect(res.status).toBe(400);
		expect(res.body.error).toMatch(/^eventType must be one of/);
		for (const bad of [{ unconfirmed: 'some' }, { unconfirmed: 'empty', status: 201 }, { unconfirmed: 'dropId', body: {} }]) {
			const added = await control('POST', '/faults', { path: '/roboflow/vision-events', ...bad });
			expect(added.status).toBe(400);
			expect(added.body.error).toMatch(/^unconfirmed/);
		}
	});

	it('latencyMs delays only the matching request', async () => {
		sb.addFault({ path: '/videodb/user', latencyMs: 200 });
		let t = Date.now();
		expect((await vdb('GET', '/user')).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(190);
		t = Date.now();
		await vdb('GET', '/user');
		expect(Date.now() - t).toBeLessThan(150);
	});
});

describe('long jobs (fault longJob): any VideoDB call answered the way the spec\'s AsyncResponse is', () => {
	const jobOf = (body: { data: { id: string; output_url: string } }) => body.data;
	const poll = (url: string, key: string = SANDBOX_KEYS.videodb) => call(url, { headers: { 'x-access-token': key } });

	it('the call is processed, answered as processing with an output_url, which answers processing, then done with the call\'s data', async () => {
		await control('POST', '/faults', { method: 'POST', path: '/videodb/rtstream/event', longJob: { polls: 2, retryAfter: 0 } });
		const started = await newEvent();
		expect(started.status).toBe(200);
		expect(started.headers['retry-after']).toBe('0');
		expect(started.body).toEqual({ success: true, status: 'processing', request_type: 'sync', data: { id: expect.stringMatching(/^job-/), output_url: expect.any(String) } });
		const job = jobOf(started.body);
		expect(job.output_url).toBe(`${sb.videodbUrl}/async-response/${job.id}`);
		expect(sb.state.events.size).toBe(Object.keys(SEED.events).length + 1);
		expect((await poll(job.output_url)).body).toEqual({ success: true, status: 'processing', data: { id: job.id } });
		expect((await poll(job.output_url)).body.status).toBe('processing');
		expect((await poll(job.output_url)).body).toEqual({ success: true, status: 'done', data: { event_id: expect.any(String) } });
		expect((await poll(job.output_url, 'sk-wrong')).status).toBe(401);
		expect((await poll(`${sb.videodbUrl}/async-response/job-unknown`)).body).toMatchObject({ success: false, message: 'Response not found' });
	});

	it('form response, fail, request_type async; an error answer stays as it is', async () => {
		await control('POST', '/faults', [
			{ method: 'POST', path: '/videodb/rtstream/event', longJob: { polls: 0, form: 'response' } },
			{ method: 'POST', path: '/videodb/rtstream/event', longJob: { polls: 0, fail: 'Job failed' } },
			{ method: 'POST', path: '/videodb/rtstream/event', longJob: { requestType: 'async' } },
			{ method: 'POST', path: '/videodb/rtstream/event', longJob: {} },
		]);
		const response = await poll(jobOf((await newEvent()).body).output_url);
		expect(response.body).toEqual({ success: true, status: 'done', response: { success: true, data: { event_id: expect.any(String) } } });
		const failed = await poll(jobOf((await newEvent()).body).output_url);
		expect(failed.body).toEqual({ success: false, status: 'failed', message: 'Job failed' });
		expect((await newEvent()).body).toMatchObject({ status: 'processing', request_type: 'async' });
		const invalid = await vdb('POST', '/rtstream/event', { label: 'no prompt' });
		expect(invalid.body).toEqual({ success: false, message: 'event_prompt is required', error_code: 'VALIDATION_ERROR' });
	});

	it.each([
		[{ polls: -1 }, 'longJob.polls must be an integer >= 0'],
		[{ requestType: 'later' }, 'longJob.requestType must be sync or async'],
		[{ form: 'xml' }, 'longJob.form must be data or response'],
	])('a malformed longJob %j is refused: %s', async (longJob, message) => {
		const answer = await control('POST', '/faults', { path: '/videodb/rtstream/event', longJob });
		expect(answer).toMatchObject({ status: 400, body: { error: message } });
	});

	it('longJob keeps the real answer, so it is not combined with a replacing fault', async () => {
		const answer = await control('POST', '/faults', { path: '/videodb/rtstream/event', status: 503, longJob: {} });
		expect(answer.body.error).toMatch(/^longJob keeps the real answer/);
	});
});

describe('latency', () => {
	it('POST /_sandbox/config adds latency to API requests but not to controls', async () => {
		expect((await control('POST', '/config', { latencyMs: 150 })).body).toEqual({ latencyMs: 150 });
		let t = Date.now();
		await rf('GET', '/vision-events/use-cases');
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
		t = Date.now();
		await control('GET', '/state');
		expect(Date.now() - t).toBeLessThan(100);
		sb.setLatency(0);
		t = Date.now();
		await rf('GET', '/vision-events/use-cases');
		expect(Date.now() - t).toBeLessThan(100);
		expect((await control('POST', '/config', { latencyMs: -1 })).status).toBe(400);
	});

	it('close() does not wait for pending latency timers', async () => {
		const slow = await startSandbox({ port: 0, latencyMs: 10_000 });
		const pending = videodb(slow.videodbUrl)('GET', '/user').catch((e: Error) => e);
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- a short real wait so a request is in flight before close()
		await new Promise((r) => setTimeout(r, 50));
		const t = Date.now();
		await slow.close();
		expect(Date.now() - t).toBeLessThan(1000);
		await slow.close(); // idempotent
		expect(await pending).toBeInstanceOf(Error);
	});
});

// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- a real node:http receiver stands in for the n8n webhook
import { createServer, type Server } from 'node:http';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- the address type of that receiver
import type { AddressInfo } from 'node:net';

import { SEED, startSandbox, type Sandbox } from '../../sandbox';
import { call, videodb } from './helpers';

interface Received {
	headers: Record<string, string | string[] | undefined>;
	url: string;
	raw: string;
	body: Record<string, unknown>;
}

let sb: Sandbox;
let api: ReturnType<typeof videodb>;
let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
let answerStatus = 200;
const S = SEED.streams.warehouseDock;
const IDX = SEED.sceneIndexes.dockActivity;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	api = videodb(sb.videodbUrl);
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			received.push({ headers: req.headers, url: req.url ?? '', raw, body: JSON.parse(raw) });
			res.writeHead(answerStatus, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ received: true }));
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await sb.close();
	await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
	sb.reset();
	received = [];
	answerStatus = 200;
});

async function createAlert(path = '/hook?token=abc', eventId: string = SEED.events.personOnDock, index: string = IDX) {
	const res = await api('POST', `/rtstream/${S}/index/${index}/alert`, { event_id: eventId, callback_url: `${receiverUrl}${path}` });
	expect(res.status).toBe(200);
	return res.body.data.alert_id as string;
}

const detect = (body: unknown) => call(`${sb.url}/_sandbox/detections`, { method: 'POST', json: body });

it('delivers a realistic payload to the alert callback_url', async () => {
	const alertId = await createAlert();
	const res = await detect({ alert_id: alertId });
	expect(res.status).toBe(200);
	expect(res.body.deliveries).toEqual([
		expect.objectContaining({ alert_id: alertId, callback_url: `${receiverUrl}/hook?token=abc`, attempt: 1, status: 200, body: { received: true } }),
	]);
	expect(received).toHaveLength(1);
	const [hit] = received;
	expect(hit.url).toBe('/hook?token=abc');
	expect(hit.headers['content-type']).toBe('application/json');
	expect(hit.body).toEqual({
		event_id: `event-${SEED.events.personOnDock}`,
		label: 'person_on_dock',
		confidence: 0.87,
		explanation: expect.any(String),
		timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/),
		start_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+05:30$/),
		end_time: expect.stringMatching(/\+05:30$/),
		stream_url: expect.stringMatching(new RegExp(`^https://rt\\.stream\\.videodb\\.io/manifests/${S}/\\d+-\\d+\\.m3u8$`)),
		player_url: `https://console.videodb.io/player?url=${hit.body.stream_url as string}`,
	});
	// start/end describe the same instants as the clip bounds: 4 s apart, before the timestamp.
	const start = Date.parse(hit.body.start_time as string);
	const end = Date.parse(hit.body.end_time as string);
	expect(end - start).toBe(4000);
	expect(Date.parse(hit.body.timestamp as string) - end).toBe(4000);
	expect(sb.state.deliveries).toHaveLength(1);
});

it('times: 2 delivers the same payload twice (at-least-once)', async () => {
	const alertId = await createAlert();
	const res = await detect({ alert_id: alertId, times: 2 });
	expect(res.body.deliveries.map((d: { attempt: number }) => d.attempt)).toEqual([1, 2]);
	expect(received).toHaveLength(2);
	expect(received[0].raw).toBe(received[1].raw);
});

it('fires only enabled alerts, by stream + index or for everything', async () => {
	const on = await createAlert('/on');
	const off = await createAlert('/off');
	const elsewhere = await createAlert('/other-index', SEED.events.forkliftNearPerson, SEED.sceneIndexes.dockSafetyZone);
	await api('PATCH', `/rtstream/${S}/index/${IDX}/alert/${off}/status`, { action: 'disable' });

	const byIndex = await detect({ stream_id: S, scene_index_id: IDX });
	expect(byIndex.body.deliveries.map((d: { alert_id: string }) => d.alert_id)).toEqual([on]);
	expect(received.map((r) => r.url)).toEqual(['/on']);

	received = [];
	const all = await detect({});
	expect(all.body.deliveries.map((d: { alert_id: string }) => d.alert_id).sort()).toEqual([on, elsewhere].sort());
	expect(received.map((r) => r.url).sort()).toEqual(['/on', '/other-index']);

	const disabled = await detect({ alert_id: off });
	expect(disabled.status).toBe(404);
	expect(disabled.body).toEqual({ error: expect.any(String) });
});

it('supports numeric times, no player_url, overrides and extra fields', async () => {
	const alertId = await createAlert();
	await detect({ alert_id: alertId, timeFormat: 'number', playerUrl: false, label: 'custom_label', confidence: 0.5, extra: { zone: 'B3' } });
	const body = received[0].body;
	expect(typeof body.start_time).toBe('number');
	expect(typeof body.end_time).toBe('number');
	expect((body.end_time as number) - (body.start_time as number)).toBeCloseTo(4, 3);
	expect(body).not.toHaveProperty('player_url');
	expect(body).toMatchObject({ label: 'custom_label', confidence: 0.5, zone: 'B3' });
});

it('reports the receiver status and unreachable receivers', async () => {
	answerStatus = 500;
	const alertId = await createAlert();
	expect((await detect({ alert_id: alertId })).body.deliveries[0].status).toBe(500);

	const dead = await api('POST', `/rtstream/${S}/index/${IDX}/alert`, { event_id: SEED.events.personOnDock, callback_url: 'http://127.0.0.1:1/nothing' });
	const res = await detect({ alert_id: dead.body.data.alert_id });
	expect(res.status).toBe(200);
	expect(res.body.deliveries[0]).toMatchObject({ status: 0, error: expect.any(String) });
});

it('validates the request and 404s when nothing matches', async () => {
	expect((await detect({ times: 3 })).status).toBe(400);
	expect((await detect({ confidence: 2 })).status).toBe(400);
	expect((await detect({})).status).toBe(404);
	await expect(sb.detect({ alert_id: 'ffffffffffffffff' })).rejects.toMatchObject({ status: 404 });
});

it('detect() works in-process and every payload gets a distinct timestamp', async () => {
	const alertId = await createAlert();
	const results = await Promise.all([1, 2, 3, 4, 5].map(() => sb.detect({ alert_id: alertId })));
	expect(results.every((r) => r.deliveries[0].status === 200)).toBe(true);
	const stamps = received.map((r) => r.body.timestamp);
	expect(new Set(stamps).size).toBe(5);
});

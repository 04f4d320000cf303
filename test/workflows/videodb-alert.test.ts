/**
 * VideoDB node, Alert resource: Create, Get Many, Enable, Disable — wire requests, outputs,
 * parameter checks before sending, and the no-retry rule for Create (a repeat could double alerts).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SANDBOX_KEYS, SEED, type Alert } from '../../sandbox';
import { rl, useSandbox, videoDbRunner } from './videodb-helpers';

const STREAM = SEED.streams.warehouseDock;
const INDEX = SEED.sceneIndexes.dockActivity;
const ALERTS_PATH = `/rtstream/${STREAM}/index/${INDEX}/alert`;
const sandbox = useSandbox();
const run = videoDbRunner(sandbox);

function seedAlert(id: string, status: Alert['status'], streamId: string = STREAM, sceneIndexId: string = INDEX): void {
	sandbox.state.alerts.set(id, {
		alert_id: id,
		event_id: SEED.events.personOnDock,
		stream_id: streamId,
		scene_index_id: sceneIndexId,
		callback_url: `https://hooks.example.com/${id}`,
		ws_connection_id: null,
		status,
		created_at: '2026-11-01T10:00:00.000000',
	});
}

const createParams = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'alert',
	operation: 'create',
	streamId: rl(STREAM, 'list'),
	sceneIndexId: rl(INDEX, 'list'),
	eventId: rl(SEED.events.personOnDock),
	callbackUrl: 'https://hooks.example.com/dock',
	...extra,
});

describe('alert: create', () => {
	test('posts {event_id, callback_url} to the index path and returns the alert with its context', async () => {
		const result = await run(createParams());
		expect(result.status).toBe('success');
		const [out] = result.json('VideoDB');
		expect(out).toEqual({
			alert_id: expect.stringMatching(/^[0-9a-f]{16}$/),
			event_id: SEED.events.personOnDock,
			stream_id: STREAM,
			scene_index_id: INDEX,
			callback_url: 'https://hooks.example.com/dock',
			status: 'enabled',
		});
		const requests = sandbox.requests({ service: 'videodb' });
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: ALERTS_PATH });
		expect(requests[0].headers['x-access-token']).toBe(SANDBOX_KEYS.videodb);
		expect(requests[0].body).toEqual({ event_id: SEED.events.personOnDock, callback_url: 'https://hooks.example.com/dock' });
		expect(sandbox.state.alerts.get(out.alert_id as string)).toMatchObject({ status: 'enabled', stream_id: STREAM });
	});

	test('WebSocket only: sends ws_connection_id without callback_url and outputs callback_url null', async () => {
		const result = await run(createParams({ callbackUrl: '', options: { wsConnectionId: 'conn-42' } }));
		expect(result.json('VideoDB')[0].callback_url).toBeNull();
		const [request] = sandbox.requests({ service: 'videodb', method: 'POST' });
		expect(request.body).toEqual({ event_id: SEED.events.personOnDock, ws_connection_id: 'conn-42' });
	});

	test('both callback URL and WebSocket id are sent when both are set', async () => {
		await run(createParams({ options: { wsConnectionId: 'conn-42' } }));
		const [request] = sandbox.requests({ service: 'videodb', method: 'POST' });
		expect(Object.keys(request.body as IDataObject).sort()).toEqual(['callback_url', 'event_id', 'ws_connection_id']);
	});

	test('an id typed in ID mode must match the id pattern (n8n checks it before running)', async () => {
		await expect(run(createParams({ sceneIndexId: rl('a b/c') }))).rejects.toThrow('Not a valid VideoDB scene index ID');
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(0);
	});

	test('ids from expressions are URL-encoded in the path', async () => {
		const result = await run(createParams({ sceneIndexId: rl("={{ 'a b/c' }}") }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Scene index not found');
		expect(sandbox.requests({ service: 'videodb' })[0].path).toBe(`/rtstream/${STREAM}/index/a%20b%2Fc/alert`);
	});

	test('neither callback URL nor WebSocket id: error naming the field and item, nothing sent', async () => {
		const result = await run(createParams({ callbackUrl: '  ' }));
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Callback URL or WebSocket Connection ID must be set [item 0]');
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(0);
	});

	test('a callback URL that is not http(s) is rejected before sending', async () => {
		for (const callbackUrl of ['ftp://hooks.example.com/x', 'hooks.example.com/x', 'https://']) {
			const result = await run(createParams({ callbackUrl }));
			expect(result.error?.message).toBe('Callback URL must be an http:// or https:// URL [item 0]');
		}
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(0);
	});

	test('an event locator that resolves to empty is rejected before sending', async () => {
		const result = await run(createParams({ eventId: rl('={{ $json.eventId }}') }), { items: [{ eventId: ' ' }] });
		expect(result.error?.message).toBe('Event must not be empty [item 0]');
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(0);
	});

	test('503 on create is not retried: one request, an error, and no second alert', async () => {
		sandbox.addFault({ method: 'POST', path: `/videodb${ALERTS_PATH}`, status: 503, times: 3 });
		const result = await run(createParams());
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Service unavailable');
		expect(sandbox.requests({ service: 'videodb', method: 'POST' })).toHaveLength(1);
		expect(sandbox.state.alerts.size).toBe(0);
	});

	test('503 after the alert was stored is not retried either: exactly one alert exists', async () => {
		sandbox.addFault({ method: 'POST', path: `/videodb${ALERTS_PATH}`, status: 503, when: 'after' });
		const result = await run(createParams());
		expect(result.status).toBe('error');
		expect(sandbox.requests({ service: 'videodb', method: 'POST' })).toHaveLength(1);
		expect(sandbox.state.alerts.size).toBe(1);
	});

	test('429 on create is retried after Retry-After (the request was refused, not processed)', async () => {
		sandbox.addFault({ method: 'POST', path: `/videodb${ALERTS_PATH}`, retryAfter: 1 });
		const result = await run(createParams());
		expect(result.status).toBe('success');
		expect(sandbox.requests({ service: 'videodb', method: 'POST' }).map((r) => r.status)).toEqual([429, 200]);
		expect(sandbox.state.alerts.size).toBe(1);
	});
});

/** Parameters of the alert operations on (STREAM, INDEX) other than create. */
const alertParams = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'alert',
	operation,
	streamId: rl(STREAM),
	sceneIndexId: rl(INDEX),
	...extra,
});

describe('alert: getAll', () => {
	beforeEach(() => {
		seedAlert('1000000000000001', 'enabled');
		seedAlert('1000000000000002', 'disabled');
		seedAlert('1000000000000003', 'enabled');
		seedAlert('2000000000000001', 'enabled', STREAM, SEED.sceneIndexes.dockSafetyZone);
	});

	test('returnAll lists the alerts of the (stream, scene index) with their ids', async () => {
		const result = await run(alertParams('getAll', { returnAll: true }));
		const out = result.json('VideoDB');
		expect(out.map((a) => a.alert_id)).toEqual(['1000000000000001', '1000000000000002', '1000000000000003']);
		expect(out[1]).toMatchObject({ status: 'disabled', label: 'person_on_dock', stream_id: STREAM, scene_index_id: INDEX });
		const requests = sandbox.requests({ service: 'videodb' });
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${ALERTS_PATH}`]);
	});

	test('limit caps the list', async () => {
		const result = await run(alertParams('getAll', { limit: 2 }));
		expect(result.json('VideoDB').map((a) => a.alert_id)).toEqual(['1000000000000001', '1000000000000002']);
	});
});

describe('alert: enable and disable', () => {
	const statusPath = (alertId: string) => `${ALERTS_PATH}/${alertId}/status`;

	test('disable sends PATCH {action, status} and returns {alert_id, status}', async () => {
		seedAlert('1000000000000001', 'enabled');
		const result = await run(alertParams('disable', { alertId: rl('1000000000000001', 'list') }));
		expect(result.json('VideoDB')).toEqual([{ alert_id: '1000000000000001', status: 'disabled' }]);
		const requests = sandbox.requests({ service: 'videodb' });
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'PATCH', path: statusPath('1000000000000001') });
		expect(requests[0].body).toEqual({ action: 'disable', status: 'disabled' });
		expect(requests[0].headers['x-access-token']).toBe(SANDBOX_KEYS.videodb);
		expect(sandbox.state.alerts.get('1000000000000001')?.status).toBe('disabled');
	});

	test('enable sends PATCH {action, status} and accepts a plain-string alertId', async () => {
		seedAlert('1000000000000002', 'disabled');
		const result = await run(alertParams('enable', { alertId: '1000000000000002' }));
		expect(result.json('VideoDB')).toEqual([{ alert_id: '1000000000000002', status: 'enabled' }]);
		expect(sandbox.requests({ service: 'videodb' })[0].body).toEqual({ action: 'enable', status: 'enabled' });
		expect(sandbox.state.alerts.get('1000000000000002')?.status).toBe('enabled');
	});

	test('a 503 on disable is retried (setting a status twice is harmless)', async () => {
		seedAlert('1000000000000001', 'enabled');
		sandbox.addFault({ method: 'PATCH', path: `/videodb${statusPath('1000000000000001')}`, status: 503 });
		const result = await run(alertParams('disable', { alertId: rl('1000000000000001') }));
		expect(result.status).toBe('success');
		expect(sandbox.requests({ service: 'videodb', method: 'PATCH' }).map((r) => r.status)).toEqual([503, 200]);
		expect(sandbox.state.alerts.get('1000000000000001')?.status).toBe('disabled');
	});

	test('an unknown alert answers the service 404 message', async () => {
		const result = await run(alertParams('enable', { alertId: rl('ffffffffffffffff') }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Alert not found');
		expect((result.error as unknown as { httpCode: string }).httpCode).toBe('404');
	});

	test('expressions per item: three alerts disabled with one request each', async () => {
		for (const id of ['1000000000000001', '1000000000000002', '1000000000000003']) seedAlert(id, 'enabled');
		const result = await run(
			alertParams('disable', {
				streamId: rl('={{ $json.stream_id }}'),
				sceneIndexId: rl('={{ $json.scene_index_id }}'),
				alertId: rl('={{ $json.alert_id }}'),
			}),
			{
				items: ['1000000000000001', '1000000000000002', '1000000000000003'].map((alert_id) => ({
					alert_id,
					stream_id: STREAM,
					scene_index_id: INDEX,
				})),
			},
		);
		expect(result.json('VideoDB').map((o) => o.alert_id)).toEqual([
			'1000000000000001',
			'1000000000000002',
			'1000000000000003',
		]);
		expect(sandbox.requests({ service: 'videodb', method: 'PATCH' })).toHaveLength(3);
		expect([...sandbox.state.alerts.values()].every((a) => a.status === 'disabled')).toBe(true);
	});
});

/**
 * The alert callback handler (`webhook()`): token, body shape, de-duplication window and the
 * output item, driven through the node's own `webhook()` with a jest-mock-extended context.
 * Tokens across a key change: videodb-alert-trigger-key-change.test.ts.
 */
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import {
	DEDUPE_MAX_KEYS,
	DEDUPE_WINDOW_MS,
	dedupeKey,
	SeenKeys,
} from '../../nodes/VideoDbAlertTrigger/dedupe';
import { deriveToken, tokenMatches } from '../../nodes/VideoDbAlertTrigger/token';
import { callAlertWebhook, useTriggerClock, type CallbackResult } from '../helpers/alertTrigger';

const API_KEY = 'sk-unit-test-key';
const WEBHOOK_ID = '6f1d2c3b-4a59-4e7f-8a1b-2c3d4e5f6a7b';
const TOKEN = deriveToken(API_KEY, WEBHOOK_ID);

const STREAM = 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0001';
const INDEX = 'a3f1c2d4e5b60718';

/** A real payload shape: ISO clip times, no player_url. */
function payload(overrides: IDataObject = {}): IDataObject {
	return {
		event_id: 'event-679ade6411306f35',
		label: 'loitering_near_property',
		confidence: 0.75,
		explanation: 'A person is detected loitering near the house perimeter.',
		timestamp: '2025-05-27T14:58:34.908641+00:00',
		start_time: '2025-05-27T20:28:26.061836+05:30',
		end_time: '2025-05-27T20:28:30.089070+05:30',
		stream_url: 'https://rt.stream.videodb.io/manifests/rts-019710fa/1748357906000000-1748357910000000.m3u8',
		...overrides,
	};
}

interface CallOptions {
	body?: unknown;
	query?: IDataObject;
	options?: IDataObject;
	staticData?: IDataObject;
	workflowId?: string;
	nodeId?: string;
	mode?: 'webhook' | 'manual';
	apiKey?: string;
}

async function call(opts: CallOptions = {}): Promise<CallbackResult> {
	return await callAlertWebhook({
		webhookId: WEBHOOK_ID,
		apiKey: opts.apiKey ?? API_KEY,
		body: 'body' in opts ? opts.body : payload(),
		query: opts.query ?? { token: TOKEN },
		parameters: { options: opts.options ?? {}, streamId: STREAM, sceneIndexId: INDEX },
		staticData: opts.staticData,
		workflowId: opts.workflowId,
		nodeId: opts.nodeId,
		mode: opts.mode,
	});
}

function outputJson(result: IWebhookResponseData): IDataObject {
	return result.workflowData![0][0].json;
}

const clock = useTriggerClock();

describe('token', () => {
	it('derives a 32-hex token that depends on the key and the webhook id', () => {
		expect(TOKEN).toMatch(/^[0-9a-f]{32}$/);
		expect(deriveToken(API_KEY, WEBHOOK_ID)).toBe(TOKEN);
		expect(deriveToken('sk-other', WEBHOOK_ID)).not.toBe(TOKEN);
		expect(deriveToken(API_KEY, 'another-webhook')).not.toBe(TOKEN);
	});

	it('compares in constant time and rejects other lengths and non-strings', () => {
		expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
		expect(tokenMatches(TOKEN.slice(0, 31), TOKEN)).toBe(false);
		expect(tokenMatches(`${TOKEN}0`, TOKEN)).toBe(false);
		expect(tokenMatches([TOKEN, TOKEN], TOKEN)).toBe(false);
		expect(tokenMatches(undefined, TOKEN)).toBe(false);
	});

	it('starts an execution with the right token', async () => {
		const { result, status } = await call();
		expect(status).toBeUndefined();
		expect(result.workflowData).toHaveLength(1);
	});

	it.each([
		['missing', {}],
		['wrong', { token: deriveToken('sk-someone-else', WEBHOOK_ID) }],
		['too short', { token: TOKEN.slice(0, 8) }],
		['repeated', { token: [TOKEN, TOKEN] }],
	])('answers 401 without an execution when the token is %s', async (_case, query) => {
		const { result, status, json, executions } = await call({ query: query as IDataObject });
		expect(status).toBe(401);
		expect(json).toEqual({ message: 'Missing or wrong token in the callback URL' });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(executions).toBe(0);
	});

	it('accepts any call when verifyToken is off', async () => {
		const { executions } = await call({ query: {}, options: { verifyToken: false } });
		expect(executions).toBe(1);
	});

	it('checks the token before the body, so strangers learn nothing about it', async () => {
		const { status } = await call({ query: {}, body: 'not json' });
		expect(status).toBe(401);
	});
});

describe('body shape', () => {
	it.each([
		['a string (text/plain)', 'hello not json'],
		['an array', [{ event_id: 'event-1' }]],
		['undefined (no content-type or empty body)', undefined],
		['null', null],
		['a number', 42],
	])('answers 400 without an execution for %s', async (_case, body) => {
		const { result, status, json, executions } = await call({ body });
		expect(status).toBe(400);
		expect(json).toEqual({ message: 'The callback body must be a JSON object' });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(executions).toBe(0);
	});
});

describe('output item', () => {
	it('passes the body through unchanged and adds the registering alert from static data', async () => {
		const body = payload({ future_field: { nested: [1, 2] }, player_url: 'https://console.videodb.io/player?url=x' });
		const staticData = { alertId: 'al1', streamId: 'rts-stored', sceneIndexId: 'idx-stored', eventId: 'e1' };
		const { result } = await call({ body, staticData });
		expect(outputJson(result)).toEqual({
			...body,
			alert_id: 'al1',
			stream_id: 'rts-stored',
			scene_index_id: 'idx-stored',
			dedupe_key: 'event-679ade6411306f35|2025-05-27T14:58:34.908641+00:00',
		});
	});

	it('carries the de-dup key as dedupe_key, also when Deduplicate is off', async () => {
		const off = await call({ options: { deduplicate: false } });
		expect(outputJson(off.result).dedupe_key).toBe(dedupeKey(payload()));
		const noIds = { label: 'no ids', confidence: 1 };
		const hashed = await call({ body: noIds });
		expect(outputJson(hashed.result).dedupe_key).toBe(dedupeKey(noIds));
		expect(outputJson(hashed.result).dedupe_key).toMatch(/^sha256:[0-9a-f]{64}$/);
		// A payload field of that name is the trigger's, like alert_id.
		const clash = await call({ body: payload({ timestamp: 't2', dedupe_key: 'spoofed' }) });
		expect(outputJson(clash.result).dedupe_key).toBe('event-679ade6411306f35|t2');
	});

	it('keeps numeric clip times and a missing player_url as they are', async () => {
		const body = payload({ start_time: 12.5, end_time: 16.5 });
		const { result } = await call({ body });
		const json = outputJson(result);
		expect(json.start_time).toBe(12.5);
		expect(json.end_time).toBe(16.5);
		expect(json).not.toHaveProperty('player_url');
	});

	it('falls back to the parameters when static data is empty (test run in another process)', async () => {
		const { result } = await call({ staticData: {} });
		expect(outputJson(result)).toMatchObject({ alert_id: null, stream_id: STREAM, scene_index_id: INDEX });
	});
});

describe('de-duplication', () => {
	it('starts one execution for a delivery repeated within the window and answers the repeat 200', async () => {
		const first = await call();
		clock.now += 60_000;
		const second = await call();
		expect(first.executions).toBe(1);
		expect(second.executions).toBe(0);
		expect(second.status).toBeUndefined();
		expect(second.result).toEqual({ webhookResponse: { received: true, duplicate: true } });
	});

	it('treats the same event_id with another timestamp as a new detection', async () => {
		await call();
		const other = await call({ body: payload({ timestamp: '2025-05-27T14:58:39.908641+00:00' }) });
		expect(other.executions).toBe(1);
	});

	it('starts a new execution once the 24 h window has passed', async () => {
		await call();
		clock.now += DEDUPE_WINDOW_MS - 1;
		expect((await call()).executions).toBe(0);
		clock.now += 1;
		expect((await call()).executions).toBe(1);
	});

	it('does not de-duplicate when the option is off', async () => {
		await call({ options: { deduplicate: false } });
		expect((await call({ options: { deduplicate: false } })).executions).toBe(1);
	});

	it('keeps a window per workflow, per node and per mode', async () => {
		await call();
		expect((await call({ workflowId: 'wf-2' })).executions).toBe(1);
		expect((await call({ nodeId: 'node-2' })).executions).toBe(1);
		expect((await call({ mode: 'manual' })).executions).toBe(1);
		expect((await call()).executions).toBe(0);
	});

	it('records nothing for rejected calls', async () => {
		await call({ query: {} });
		expect((await call()).executions).toBe(1);
	});

	it('uses a content hash for payloads without event_id or timestamp', async () => {
		const body = { label: 'no ids', confidence: 1 };
		expect(dedupeKey(body)).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(dedupeKey(payload())).toBe('event-679ade6411306f35|2025-05-27T14:58:34.908641+00:00');
		expect((await call({ body })).executions).toBe(1);
		expect((await call({ body })).executions).toBe(0);
	});

	it('is bounded: past the limit the oldest key is evicted first', () => {
		const keys = new SeenKeys(DEDUPE_WINDOW_MS, 3);
		for (const key of ['a', 'b', 'c', 'd']) expect(keys.checkAndAdd(key, clock.now)).toBe(false);
		expect(keys.size).toBe(3);
		expect(keys.checkAndAdd('a', clock.now)).toBe(false); // evicted, so new again (and evicts 'b')
		expect(keys.checkAndAdd('c', clock.now)).toBe(true);
		expect(keys.checkAndAdd('d', clock.now)).toBe(true);
		expect(keys.size).toBe(3);
	});

	it(`holds at most ${DEDUPE_MAX_KEYS} keys per trigger with the default limit`, async () => {
		const keys = new SeenKeys();
		for (let i = 0; i < DEDUPE_MAX_KEYS + 500; i++) keys.checkAndAdd(`k${i}`, clock.now + i);
		expect(keys.size).toBe(DEDUPE_MAX_KEYS);
		expect(keys.checkAndAdd('k0', clock.now + DEDUPE_MAX_KEYS + 500)).toBe(false);
		expect(keys.checkAndAdd(`k${DEDUPE_MAX_KEYS + 499}`, clock.now + DEDUPE_MAX_KEYS + 501)).toBe(true);
	});

	it('drops expired keys as time passes', () => {
		const keys = new SeenKeys(1000, 100);
		keys.checkAndAdd('old', 0);
		keys.checkAndAdd('newer', 600);
		expect(keys.checkAndAdd('x', 1000)).toBe(false);
		expect(keys.size).toBe(2); // 'old' expired, 'newer' and 'x' kept
		expect(keys.checkAndAdd('newer', 1500)).toBe(true);
	});
});

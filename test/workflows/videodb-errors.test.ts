/**
 * VideoDB node, failure handling end to end: the service's own messages (401, success:false in a
 * 200), the shared retry policy (429 with Retry-After, 503 before and after processing, dropped
 * connections) and that the API key never shows up in run data or errors.
 */
import type { INodeParameters } from 'n8n-workflow';

import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { rl, useSandbox, videoDbRunner } from './videodb-helpers';

const UNKNOWN_CREDENTIAL_VALUE = 'sk-wrong-key-0123456789';
const sandbox = useSandbox();
const run = videoDbRunner(sandbox);
const listEvents: INodeParameters = { resource: 'event', operation: 'getAll', returnAll: true };
const createAlert: INodeParameters = {
	resource: 'alert',
	operation: 'create',
	streamId: rl(SEED.streams.warehouseDock),
	sceneIndexId: rl(SEED.sceneIndexes.dockActivity),
	eventId: rl(SEED.events.personOnDock),
	callbackUrl: 'https://hooks.example.com/dock',
};

/** Everything the run recorded (output, errors, node parameters), as one string. */
const dump = (value: unknown) => JSON.stringify(value);

describe('service errors', () => {
	test('a wrong key fails with NodeApiError 401 and the service message; the key is nowhere in the run', async () => {
		const result = await run(listEvents, { apiKey: UNKNOWN_CREDENTIAL_VALUE });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Invalid API key');
		expect(result.error?.description).toBe('Error code: UNAUTHORIZED · HTTP 401');
		expect((result.error as unknown as { httpCode: string }).httpCode).toBe('401');
		expect(sandbox.requests({ service: 'videodb' })[0].headers['x-access-token']).toBe(UNKNOWN_CREDENTIAL_VALUE);
		expect(dump(result.run)).not.toContain(UNKNOWN_CREDENTIAL_VALUE);
		expect(dump(result.error)).not.toContain(UNKNOWN_CREDENTIAL_VALUE);
	});

	test('success:false inside HTTP 200 is an error with the message and error_code', async () => {
		sandbox.addFault({
			method: 'GET',
			path: '/videodb/rtstream/event',
			successFalse: true,
			body: { success: false, message: 'Collection is locked', error_code: 'COLLECTION_LOCKED' },
		});
		const result = await run(listEvents);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Collection is locked');
		expect(result.error?.description).toBe('Error code: COLLECTION_LOCKED · HTTP 200');
	});

	test('success:false with continueOnFail gives an error item with message, code and status', async () => {
		sandbox.addFault({ method: 'POST', path: '/videodb/rtstream/event', successFalse: true });
		const result = await run(
			{ resource: 'event', operation: 'create', eventPrompt: 'Detect smoke.', label: 'smoke' },
			{ continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.json('VideoDB')).toEqual([
			{
				error: 'Sandbox fault: the request failed',
				statusCode: 200,
				description: 'Error code: SANDBOX_FAULT · HTTP 200',
			},
		]);
	});
});

describe('retries', () => {
	test('429 with Retry-After: 1 on a GET waits and then succeeds', async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', retryAfter: 1 });
		const started = Date.now();
		const result = await run(listEvents);
		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(result.json('VideoDB')).toHaveLength(2);
		expect(sandbox.requests({ service: 'videodb' }).map((r) => r.status)).toEqual([429, 200]);
	});

	test('503 on a GET is retried: two requests logged, then success', async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', status: 503 });
		const result = await run(listEvents);
		expect(result.status).toBe('success');
		expect(result.json('VideoDB')).toHaveLength(2);
		expect(sandbox.requests({ service: 'videodb' }).map((r) => r.status)).toEqual([503, 200]);
	});

	test("503 after processing (when: 'after') on a GET is retried too: reading twice is harmless", async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream*', status: 503, when: 'after' });
		const result = await run({ resource: 'stream', operation: 'getAll', limit: 3 });
		expect(result.status).toBe('success');
		expect(result.json('VideoDB')).toHaveLength(3);
		expect(sandbox.requests({ service: 'videodb' }).map((r) => r.status)).toEqual([503, 200]);
	});

	test('503 on every attempt gives up after the policy attempts with the service message', async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', status: 503, times: 10 });
		const result = await run(listEvents);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Service unavailable');
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(4);
	}, 20000);

	test('a dropped connection on a GET is retried', async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', drop: true });
		const result = await run(listEvents);
		expect(result.status).toBe('success');
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(2);
	});

	test('a dropped connection on Create Alert is not retried and the error carries no request details', async () => {
		sandbox.addFault({ method: 'POST', path: '/videodb/rtstream/*', drop: true });
		const result = await run(createAlert);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		// n8n's NodeApiError swaps in its own text for connection codes (see the report on http.ts).
		expect(result.error?.message).toMatch(/connection to the server was closed|Could not reach VideoDB/);
		expect(result.error?.description).toContain('POST /rtstream/');
		expect(sandbox.requests({ service: 'videodb', method: 'POST' })).toHaveLength(1);
		expect(dump(result.run)).not.toContain(SANDBOX_KEYS.videodb);
	});
});

describe('the API key never leaks', () => {
	test('not in outputs or errors of successful, failed and continued runs', async () => {
		const key = SANDBOX_KEYS.videodb;
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', status: 500 });
		const failed = await run(listEvents);
		expect(failed.status).toBe('error');
		const continued = await run(
			{ resource: 'sceneIndex', operation: 'getAll', streamId: rl('={{ $json.stream }}') },
			{ continueOnFail: true, items: [{ stream: 'rts-unknown' }, { stream: SEED.streams.warehouseDock }] },
		);
		const succeeded = await run(createAlert);
		expect(succeeded.status).toBe('success');
		for (const result of [failed, continued, succeeded]) {
			expect(dump(result.run)).not.toContain(key);
			expect(dump(result.error ?? null)).not.toContain(key);
		}
		// The requests did carry it: the check above is not vacuous.
		expect(sandbox.requests({ service: 'videodb' }).every((r) => r.headers['x-access-token'] === key)).toBe(true);
	});
});

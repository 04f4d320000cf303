/**
 * Retries, API errors and secrets: a retried create keeps its event id (so the API overwrites
 * instead of storing a copy), 429 honours Retry-After, uploads are not repeated on gateway errors,
 * and the API key never shows up in what n8n keeps of a run.
 */
import { SANDBOX_KEYS, SEED } from '../../sandbox';
import type { RunResult } from '../helpers/workflow';
import { apiCalls, createParams, NODE, runRoboflow, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const USE_CASE = SEED.useCases.lineAQuality;
const CREATE = createParams(USE_CASE, { eventType: 'quality_check', result: 'fail' });
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');

function storedIn(useCaseId: string) {
	return [...sandbox.state.visionEvents.values()].filter((e) => e.useCaseId === useCaseId);
}

function expectNoSecret(result: RunResult, key: string) {
	const text = JSON.stringify(result.run);
	expect(text).not.toContain(key);
}

describe('Roboflow retries', () => {
	it('retries a 503 with the same event id: two requests, one stored event', async () => {
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events', status: 503, times: 1 });
		const result = await runRoboflow(sandbox, CREATE);
		expect(result.status).toBe('success');
		const calls = apiCalls(sandbox, '/vision-events');
		expect(calls.map((c) => c.status)).toEqual([503, 201]);
		const ids = calls.map((c) => (c.body as { eventId: string }).eventId);
		expect(ids[0]).toBe(ids[1]);
		expect(result.json(NODE)).toEqual([{ eventId: ids[0], created: true }]);
		expect(storedIn(USE_CASE)).toHaveLength(1);
	});

	it('a 503 after the event was stored (answer lost) is retried and still stores one event', async () => {
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events', status: 503, when: 'after', times: 1 });
		const result = await runRoboflow(sandbox, CREATE);
		expect(result.status).toBe('success');
		const calls = apiCalls(sandbox, '/vision-events');
		expect(calls).toHaveLength(2);
		expect((calls[0].body as { eventId: string }).eventId).toBe((calls[1].body as { eventId: string }).eventId);
		expect(storedIn(USE_CASE)).toHaveLength(1);
	});

	it('waits for Retry-After on 429, then succeeds', async () => {
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events', retryAfter: 1, times: 1 });
		const started = Date.now();
		const result = await runRoboflow(sandbox, CREATE);
		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(apiCalls(sandbox, '/vision-events').map((c) => c.status)).toEqual([429, 201]);
		expect(storedIn(USE_CASE)).toHaveLength(1);
	});

	it('gives up after 4 attempts with the service message and status', async () => {
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events', status: 503, times: 10 });
		const result = await runRoboflow(sandbox, CREATE, { continueOnFail: true });
		expect(result.json(NODE)).toEqual([
			{ error: 'Service unavailable', statusCode: 503, description: 'HTTP 503' },
		]);
		expect(apiCalls(sandbox, '/vision-events')).toHaveLength(4);
	});

	it('does not repeat an upload after a 503 (a repeat could store a second copy)', async () => {
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events/upload', status: 503, times: 1 });
		const result = await runRoboflow(
			sandbox,
			{ resource: 'image', operation: 'upload' },
			{ binary: true, items: [{ imageBase64: PNG, fileName: 'a.png' }], continueOnFail: true },
		);
		expect(result.json(NODE)[0]).toMatchObject({ error: 'Service unavailable', statusCode: 503 });
		expect(apiCalls(sandbox, '/vision-events/upload')).toHaveLength(1);
	});
});

describe('Roboflow API errors', () => {
	it('a read-only key may query but not create: the 403 message is shown', async () => {
		const denied = await runRoboflow(sandbox, CREATE, { apiKey: SANDBOX_KEYS.roboflowReadOnly });
		expect(denied.status).toBe('error');
		expect(denied.error?.message).toBe('Insufficient permissions for this resource.');
		expect((denied.error as { httpCode?: string }).httpCode).toBe('403');
		expect(storedIn(USE_CASE)).toHaveLength(0);
		expectNoSecret(denied, SANDBOX_KEYS.roboflowReadOnly);

		const allowed = await runRoboflow(
			sandbox,
			{ resource: 'useCase', operation: 'getAll' },
			{ apiKey: SANDBOX_KEYS.roboflowReadOnly },
		);
		expect(allowed.status).toBe('success');
	});

	it('a wrong key fails with the 401 message and the key appears nowhere in the run', async () => {
		const wrong = 'rf-wrong-9f8e7d6c5b4a';
		const result = await runRoboflow(sandbox, CREATE, { apiKey: wrong });
		expect(result.error?.message).toBe('Unauthorized: invalid or missing API key');
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
		expectNoSecret(result, wrong);
	});

	it('an archived use case rejects new events', async () => {
		const result = await runRoboflow(sandbox, createParams(SEED.useCases.legacyPilot, { eventType: 'custom' }), {
			continueOnFail: true,
		});
		expect(result.json(NODE)).toEqual([{ error: 'Solution is archived', statusCode: 400, description: 'HTTP 400' }]);
	});

	it('an unknown use case is a 404 with the service message', async () => {
		const result = await runRoboflow(sandbox, createParams('ffffffff', { eventType: 'custom' }));
		expect(result.error?.message).toBe('Solution not found');
	});

	it('an unreachable base URL is a clear error without request details', async () => {
		const closed = 'http://127.0.0.1:9';
		const result = await runRoboflow({ ...sandbox, roboflowUrl: closed }, CREATE);
		expect(result.error?.message).toMatch(/^Could not reach Roboflow \(ECONNREFUSED\)$/);
		expectNoSecret(result, SANDBOX_KEYS.roboflow);
	});

	it('the API key appears in no output, error or run data', async () => {
		const runs: RunResult[] = [];
		runs.push(await runRoboflow(sandbox, CREATE));
		sandbox.addFault({ method: 'POST', path: '/roboflow/vision-events', status: 500, times: 1 });
		runs.push(await runRoboflow(sandbox, CREATE, { continueOnFail: true }));
		runs.push(await runRoboflow(sandbox, CREATE));
		runs.push(
			await runRoboflow(sandbox, {
				resource: 'visionEvent',
				operation: 'query',
				useCaseId: { __rl: true, mode: 'id', value: USE_CASE },
				returnAll: true,
			}),
		);
		expect(runs[1].json(NODE)[0].statusCode).toBe(500);
		// The key did reach the API as a Bearer token.
		expect(apiCalls(sandbox)[0].headers.authorization).toBe(`Bearer ${SANDBOX_KEYS.roboflow}`);
		for (const run of runs) expectNoSecret(run, SANDBOX_KEYS.roboflow);
	});
});

/**
 * The shared transport and retry policy, driven inside WorkflowExecute against the sandbox's
 * fault injection: what is retried, what is not, and what the user sees when it fails.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Idempotency } from '../../nodes/common/retry';
import { runItems } from '../../nodes/common/runItems';
import { ROBOFLOW_CREDENTIAL, roboflowRequest } from '../../nodes/Roboflow/transport';
import { VIDEODB_CREDENTIAL, videoDbRequest } from '../../nodes/VideoDb/transport';
import { SANDBOX_KEYS, startSandbox } from '../../sandbox';
import { testNodeType } from '../helpers/nodeTypes';
import { useSandbox } from '../helpers/sandbox';
import { runWorkflow } from '../helpers/workflow';

/** A node that sends one request per item through a service transport. */
const requestNode = testNodeType(
	'request',
	async function () {
		return [
			await runItems(this, async function (i) {
				const { service, method, path, idempotency, body } = this.getInputData()[i].json as IDataObject;
				const request = {
					method: method as 'GET',
					path: path as string,
					idempotency: idempotency as Idempotency,
					body: body as IDataObject | undefined,
				};
				return service === 'roboflow'
					? await roboflowRequest(this, request, i)
					: await videoDbRequest(this, request, i);
			}),
		];
	},
	{ credentials: [{ name: VIDEODB_CREDENTIAL }, { name: ROBOFLOW_CREDENTIAL }] },
);

const sandbox = useSandbox();

async function send(items: IDataObject[], options: { continueOnFail?: boolean; baseUrl?: string } = {}) {
	return await runWorkflow({
		nodes: [{ name: 'Request', type: 'test.request', parameters: {}, continueOnFail: options.continueOnFail }],
		nodeTypes: { 'test.request': requestNode },
		credentials: {
			videoDbApi: { apiKey: SANDBOX_KEYS.videodb, baseUrl: options.baseUrl ?? sandbox.videodbUrl },
			roboflowApi: { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl },
		},
		items,
	});
}

const listEvents = { service: 'videodb', method: 'GET', path: '/rtstream/event', idempotency: 'idempotent' };
const createEvent = {
	service: 'videodb',
	method: 'POST',
	path: '/rtstream/event',
	idempotency: 'unsafe',
	body: { event_prompt: 'a forklift enters the walkway', label: 'forklift_walkway' },
};

describe('retries against sandbox faults', () => {
	it('retries a GET after two 503s and returns the unwrapped data', async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', status: 503, times: 2 });
		const result = await send([listEvents]);
		expect(result.status).toBe('success');
		expect(result.json('Request')[0]).toHaveProperty('events');
		expect(sandbox.requests({ service: 'videodb', path: '/rtstream/event' }).map((r) => r.status)).toEqual([
			503, 503, 200,
		]);
	});

	it('waits for Retry-After on a 429, even for a create', async () => {
		sandbox.addFault({ method: 'POST', path: '/videodb/rtstream/event', status: 429, retryAfter: 1 });
		const started = Date.now();
		const result = await send([createEvent]);
		expect(result.status).toBe('success');
		// A lower bound only: the second attempt cannot come before the server said.
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(sandbox.requests({ path: '/rtstream/event' }).map((r) => r.status)).toEqual([429, 200]);
		expect([...sandbox.state.events.values()].filter((e) => e.label === 'forklift_walkway')).toHaveLength(1);
	});

	it('does not repeat a create after a 503: it may have been processed', async () => {
		sandbox.addFault({ method: 'POST', path: '/videodb/rtstream/event', status: 503, when: 'after' });
		const result = await send([createEvent]);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ httpCode: '503' });
		expect(sandbox.requests({ method: 'POST', path: '/rtstream/event' })).toHaveLength(1);
	});

	it('repeats a GET whose connection dropped, but not a create', async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', drop: true });
		expect((await send([listEvents])).status).toBe('success');

		sandbox.addFault({ method: 'POST', path: '/videodb/rtstream/event', drop: true, when: 'after' });
		const result = await send([createEvent]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Could not reach VideoDB \(/);
		expect(sandbox.requests({ method: 'POST', path: '/rtstream/event' })).toHaveLength(1);
	});

	it('gives up after the policy attempts and reports the last status', async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', status: 502, times: 10 });
		const result = await send([listEvents]);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ httpCode: '502' });
		expect(sandbox.requests({ path: '/rtstream/event' })).toHaveLength(4);
	});

	it('retries a refused connection even for a create (nothing reached the server)', async () => {
		const closed = await startSandbox({ port: 0 });
		const url = closed.videodbUrl;
		await closed.close();
		const result = await send([createEvent], { baseUrl: url });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Could not reach VideoDB (ECONNREFUSED)');
	});
});

describe('service errors', () => {
	it('treats success:false inside HTTP 200 as an error with the service message and code', async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', successFalse: true });
		const result = await send([listEvents]);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '200' });
		expect(result.error?.description).toContain('Error code:');
	});

	it("keeps Roboflow's own message", async () => {
		const result = await send([
			{ service: 'roboflow', method: 'POST', path: '/vision-events', idempotency: 'idempotent', body: { eventType: 'quality_check' } },
		]);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ httpCode: '400' });
		expect(result.error?.message).toMatch(/required/);
	});

	it('with continueOnFail turns each failing item into an error item and runs the rest', async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', status: 404, body: { success: false, message: 'gone' } });
		const result = await send([listEvents, listEvents], { continueOnFail: true });
		expect(result.status).toBe('success');
		const items = result.items('Request');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toEqual({ error: 'gone', statusCode: 404, description: 'HTTP 404' });
		expect(items[1].json).toHaveProperty('events');
	});

	it('never puts the API key into errors or outputs', async () => {
		sandbox.addFault({ method: 'GET', path: '/videodb/rtstream/event', drop: true, times: 10 });
		const failed = await send([listEvents]);
		expect(failed.error?.message).toMatch(/^Could not reach VideoDB/);
		sandbox.reset();
		const wrongKey = await runWorkflow({
			nodes: [{ name: 'Request', type: 'test.request', parameters: {} }],
			nodeTypes: { 'test.request': requestNode },
			credentials: { videoDbApi: { apiKey: 'sk-not-a-valid-key', baseUrl: sandbox.videodbUrl } },
			items: [listEvents],
		});
		expect(wrongKey.error).toMatchObject({ httpCode: '401' });
		expect(JSON.stringify(failed.run)).not.toContain(SANDBOX_KEYS.videodb);
		expect(JSON.stringify(wrongKey.run)).not.toContain('sk-not-a-valid-key');
	});
});

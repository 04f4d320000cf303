/**
 * VideoDB's long-job answers, followed on every call the way both official clients follow them:
 * `{status: "processing", request_type: "sync", data: {output_url}}` → poll `output_url` with the
 * key until it is no longer processing; its `data` (or `response.data`) is the result. The sandbox
 * answers any call this way on request (fault `longJob`); `retryAfter: 0` keeps the tests short
 * (the transport waits what a `Retry-After` asks, else the clients' 5 s).
 */
import type { Fault, LongJob } from '../../sandbox';
import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { until } from '../e2e/until';
import { NODE, rl, useSandbox, videoDbRunner } from './videodb-helpers';

const sandbox = useSandbox();
const run = videoDbRunner(sandbox);
const STREAM = SEED.streams.warehouseDock;
const INDEX = SEED.sceneIndexes.dockActivity;
// Export takes the latest completed recording, so of a stopped stream.
const STOPPED = SEED.streams.assemblyLineB;
const EXPORT = `/videodb/rtstream/${STOPPED}/export`;
const polls = () => sandbox.requests({ service: 'videodb', method: 'GET', path: /^\/async-response\// });
const asJob = (method: string, path: string, longJob: LongJob): void => sandbox.addFault({ method, path, longJob } as Fault);
const exportParams = { resource: 'stream', operation: 'export', streamId: rl(STOPPED), name: 'Dock, Monday' };

describe('a call answered as a long job', () => {
	test('Export: output_url is polled with the key until done, and the job result is the output', async () => {
		asJob('POST', EXPORT, { polls: 2, retryAfter: 0 });
		const result = await run(exportParams);
		expect(result.status).toBe('success');
		expect(result.json(NODE)).toEqual([
			{ video_id: expect.stringMatching(/^m-/), name: 'Dock, Monday', stream_url: expect.any(String), player_url: expect.any(String), duration: expect.any(Number) },
		]);
		const jobId = [...sandbox.state.jobs.keys()][0];
		expect(polls().map((r) => [r.path, r.headers['x-access-token'], r.status])).toEqual(
			Array(3).fill([`/async-response/${jobId}`, SANDBOX_KEYS.videodb, 200]),
		);
		expect(sandbox.state.videos.size).toBe(1);
	});

	test('Scene Index Create: a final answer in the `response` form is read the same way', async () => {
		asJob('POST', `/videodb/rtstream/${STREAM}/index/scene`, { polls: 1, retryAfter: 0, form: 'response' });
		const result = await run({ resource: 'sceneIndex', operation: 'create', streamId: rl(STREAM), prompt: 'Count pallets', name: 'Pallets' });
		expect(result.json(NODE)).toEqual([
			expect.objectContaining({ rtstream_index_id: expect.any(String), prompt: 'Count pallets', name: 'Pallets', stream_id: STREAM }),
		]);
		expect(polls()).toHaveLength(2);
	});

	test.each([
		['Event → Get Many (a list)', 'GET', '/videodb/rtstream/event', { resource: 'event', operation: 'getAll', returnAll: true }, Object.keys(SEED.events).length],
		['Stream → Stop (status only)', 'PATCH', `/videodb/rtstream/${STREAM}/status`, { resource: 'stream', operation: 'stop', streamId: rl(STREAM) }, 1],
		['Scene Index → Get', 'GET', `/videodb/rtstream/${STREAM}/index/${INDEX}`, { resource: 'sceneIndex', operation: 'get', streamId: rl(STREAM), sceneIndexId: rl(INDEX) }, 1],
	])('any call: %s', async (_name, method, path, parameters, count) => {
		asJob(method, path, { polls: 1, retryAfter: 0 });
		const result = await run(parameters);
		expect(result.status).toBe('success');
		expect(result.json(NODE)).toHaveLength(count);
		expect(polls()).toHaveLength(2);
	});

	test('success:false in the final answer is the node error with VideoDB\'s message; Continue On Fail keeps the other items', async () => {
		asJob('POST', EXPORT, { polls: 1, retryAfter: 0, fail: 'No recordings available for the requested range' });
		const failed = await run(exportParams);
		expect(failed.error).toMatchObject({ name: 'NodeApiError', message: 'No recordings available for the requested range' });

		asJob('POST', EXPORT, { polls: 0, retryAfter: 0, fail: 'No recordings available for the requested range', form: 'response' });
		const other = SEED.streams.packingStation;
		const kept = await run(
			{ ...exportParams, streamId: rl('={{ $json.stream }}'), name: '={{ $json.name }}' },
			{ continueOnFail: true, items: [{ stream: STOPPED, name: 'first' }, { stream: other, name: 'second' }] },
		);
		expect(kept.json(NODE)).toEqual([
			expect.objectContaining({ error: 'No recordings available for the requested range' }),
			expect.objectContaining({ name: 'second', video_id: expect.any(String) }),
		]);
	});

	test('an answer with request_type "async" is output as it is, without polling', async () => {
		asJob('POST', EXPORT, { requestType: 'async' });
		const result = await run(exportParams);
		expect(result.json(NODE)).toEqual([
			{ success: true, status: 'processing', request_type: 'async', data: { id: expect.stringMatching(/^job-/), output_url: expect.stringContaining('/async-response/') } },
		]);
		expect(polls()).toEqual([]);
	});

	test('a job still processing after 100 checks is an error that names the job and how long it waited', async () => {
		asJob('POST', EXPORT, { polls: 1000, retryAfter: 0 });
		const result = await run(exportParams);
		const jobId = [...sandbox.state.jobs.keys()][0];
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(new RegExp(`^VideoDB job ${jobId} was still processing after \\d+(\\.\\d)? s$`)),
			description: expect.stringContaining('100 times'),
		});
		expect(polls()).toHaveLength(100);
	});

	test('an unknown job (404) is the node error with VideoDB\'s message', async () => {
		asJob('POST', EXPORT, { polls: 5, retryAfter: 0 });
		sandbox.addFault({ method: 'GET', path: '/videodb/async-response/*', status: 404, body: { success: false, message: 'Response not found' } });
		const result = await run(exportParams);
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: 'Response not found', httpCode: '404' });
	});

	test('cancelling the execution stops the polling', async () => {
		asJob('POST', EXPORT, { polls: 1000, retryAfter: 1 });
		let cancel = (): void => {};
		const running = run(exportParams, { started: (c) => (cancel = c) });
		await until('the first check of the job', () => (polls().length > 0 ? true : undefined));
		cancel();
		// The run ends only once the node has returned: no check can follow. Without the cancel it would
		// go on for 1 000 checks a second apart, far past the test's time limit.
		const result = await running;
		const jobId = [...sandbox.state.jobs.keys()][0];
		expect(result.error?.message).toBe(`The execution was cancelled while VideoDB job ${jobId} was processing`);
		expect(polls().length).toBeLessThanOrEqual(2);
	});

	test('without Retry-After the checks are 5 s apart, as in both official clients', async () => {
		asJob('POST', EXPORT, { polls: 1 });
		const result = await run(exportParams);
		expect(result.status).toBe('success');
		const [first, second] = polls().map((r) => Date.parse(r.time));
		expect(second - first).toBeGreaterThanOrEqual(4900);
	}, 20000);
});

/**
 * The API key never leaves in the clear, whichever way an inference request carries it (the query
 * of a model run, the JSON body of a workflow run): for failing requests too, neither the saved run
 * data, nor the error's message and description, nor anything n8n logs or reports holds the key or
 * an `api_key=` query. n8n's own request errors carry the request's URL; the transport builds its
 * errors itself and takes the key out of every answer.
 */
import { ErrorReporter } from 'n8n-core';
import type { Logger } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { SANDBOX_KEYS } from '../../sandbox';
import type { RunResult } from '../helpers/workflow';
import { NODE, runRoboflow, useSandbox } from './roboflow-helpers';
import { dockItem, inferenceCalls, MODELS, modelParams, SEED, WORKFLOWS, workflowParams } from './roboflow-inference-helpers';

const sandbox = useSandbox();
const KEY = SANDBOX_KEYS.roboflow;
const binary = { binary: true, items: [dockItem()] };

/** Everything n8n logs (its logger proxy, the error reporter, the console) while a test runs. */
const logged: string[] = [];
const record = (...args: unknown[]) => void logged.push(JSON.stringify(args, (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message, stack: v.stack, cause: v.cause } : v)));
beforeAll(() => LoggerProxy.init({ error: record, warn: record, info: record, debug: record } as unknown as Logger));
beforeEach(() => {
	logged.length = 0;
	jest.spyOn(ErrorReporter.prototype, 'error').mockImplementation(record);
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, method).mockImplementation(record);
});
afterEach(() => jest.restoreAllMocks());

/** What a user or an operator could see of a finished run. */
function visible(result: RunResult): string {
	const error = result.error;
	return [JSON.stringify(result.run), error?.message, (error as { description?: string } | undefined)?.description, ...logged].join('\n');
}

function expectNoKey(text: string): void {
	expect(text).not.toContain(KEY);
	expect(text).not.toContain('api_key=');
}

describe('the key in the query of a model run', () => {
	it('a 500 answer: the request carried the key, the failed run shows it nowhere', async () => {
		sandbox.addFault({ path: `/inference/${MODELS.objectDetection}`, status: 500, times: 5 });
		const result = await runRoboflow(sandbox, modelParams(), binary);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ httpCode: '500', message: 'Internal server error' });
		expect(inferenceCalls(sandbox)[0].query.api_key).toBe(KEY);
		expectNoKey(visible(result));
	});

	it('a connection dropped on every attempt: "Could not reach Roboflow", with the path but no query', async () => {
		sandbox.addFault({ path: `/inference/${MODELS.objectDetection}`, drop: true, times: 10 });
		const result = await runRoboflow(sandbox, modelParams(MODELS.objectDetection, { options: { confidence: 0.5 } }), binary);
		expect(result.error?.message).toMatch(/^Could not reach Roboflow \(/);
		expect((result.error as { description?: string }).description).toBe(
			`POST /${MODELS.objectDetection} failed before an answer arrived. Check the Inference URL of the credential and the network.`,
		);
		expect(inferenceCalls(sandbox).length).toBeGreaterThan(1);
		expectNoKey(visible(result));
	});

	it('a refused connection (nothing listening at the Inference URL), with Continue On Fail: the error item holds no key', async () => {
		const closed = { roboflowUrl: sandbox.roboflowUrl, inferenceUrl: 'http://127.0.0.1:9/inference' };
		const result = await runRoboflow(closed, modelParams(), { ...binary, continueOnFail: true });
		expect(result.json(NODE)[0].error).toMatch(/^Could not reach Roboflow \(ECONNREFUSED\)/);
		expectNoKey(visible(result));
	}, 20000);

	it('an answer that names the key (an echoed URL) reaches the output with the key hidden', async () => {
		sandbox.addFault({ path: `/inference/${MODELS.objectDetection}`, patch: { source: `https://serverless.roboflow.com/dock-objects/3?api_key=${KEY}` } });
		const result = await runRoboflow(sandbox, modelParams(), binary);
		expect(result.json(NODE)[0].source).toBe('https://serverless.roboflow.com/dock-objects/3?api_key=[hidden]');
		expect(visible(result)).not.toContain(KEY);
	});
});

describe('the key in the JSON body of a workflow run', () => {
	const path = `/inference/${SEED.workspace}/workflows/${WORKFLOWS.detectAndCount}`;

	it("FastAPI's 422 repeats the body it refused, key included: the error shows it without the key", async () => {
		const echoed = { detail: [{ type: 'missing', loc: ['body', 'inputs'], msg: 'Field required', input: { api_key: KEY, use_cache: true } }] };
		sandbox.addFault({ path, status: 422, body: echoed });
		const result = await runRoboflow(sandbox, workflowParams(WORKFLOWS.detectAndCount, { workspace: SEED.workspace }), binary);
		expect(result.error).toMatchObject({ httpCode: '422', message: 'Field required (body.inputs)' });
		expect((inferenceCalls(sandbox)[0].body as { api_key?: string }).api_key).toBe(KEY);
		expect(visible(result)).not.toContain(KEY);
	});

	it('a dropped connection: the failed run shows the key nowhere', async () => {
		sandbox.addFault({ path, drop: true, times: 10 });
		const result = await runRoboflow(sandbox, workflowParams(WORKFLOWS.detectAndCount, { workspace: SEED.workspace }), binary);
		expect(result.error?.message).toMatch(/^Could not reach Roboflow/);
		expectNoKey(visible(result));
	});
});

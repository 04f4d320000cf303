/**
 * Inference failure paths inside WorkflowExecute: bad parameters stop an item before any request
 * (the error names the field and the item) while the others run; Roboflow's errors keep its message
 * and status; the retries are the ones Roboflow's SDK makes (429, 503 with Retry-After, 504, dropped
 * connections) and never on what its production checklist says not to retry (400, 401, 402, 403, 423).
 */
import type { IDataObject } from 'n8n-workflow';

import { NODE, runRoboflow, useSandbox } from './roboflow-helpers';
import { dockItem, inferenceCalls, MODELS, modelParams, SEED, WORKFLOWS, workflowParams } from './roboflow-inference-helpers';

const sandbox = useSandbox();
const MODEL_PATH = `/inference/${MODELS.objectDetection}`;
const WORKFLOW_PATH = `/inference/${SEED.workspace}/workflows/${WORKFLOWS.detectAndCount}`;

/** Run Model with every parameter an expression over the item, so each item can be bad in its own way. */
const perItem = modelParams('={{ $json.modelId }}', {
	imageSource: '={{ $json.source }}',
	imageUrl: '={{ $json.url }}',
	binaryPropertyName: '={{ $json.field }}',
	options: { confidence: '={{ $json.confidence }}' },
});
const good = { modelId: MODELS.objectDetection, source: 'binary', field: 'data', confidence: 0.5 };

describe('bad parameters: the item fails before any request, naming the field and the item', () => {
	it('with Continue On Fail every other item still runs, each output paired with its input', async () => {
		const items = [
			dockItem(good),
			{ ...good, binaryField: 'other' },
			dockItem({ ...good, source: 'url', url: 'ftp://camera.example.com/snapshot.jpg' }),
			dockItem({ ...good, confidence: 1.5 }),
			dockItem({ ...good, modelId: '' }),
			dockItem({ ...good, modelId: 'dock-objects' }),
			dockItem(good),
		];
		const result = await runRoboflow(sandbox, perItem, { binary: true, items, continueOnFail: true });
		expect(result.status).toBe('success');
		const out = result.items(NODE);
		expect(out.map((item) => item.pairedItem)).toEqual(items.map((_item, i) => ({ item: i })));
		expect(out.map((item) => item.json.error)).toEqual([
			undefined,
			'Input Binary Field "data" holds no binary data [item 1]',
			'Image URL must be an http(s) URL [item 2]',
			'Confidence must be a number from 0 to 1 [item 3]',
			'Model ID must not be empty [item 4]',
			'Model ID must be project/version [item 5]',
			undefined,
		]);
		expect(out[0].json.predictions).toHaveLength(2);
		expect(inferenceCalls(sandbox)).toHaveLength(2);
	});

	it('without it the first bad item stops the run with its error, and no request is made', async () => {
		const result = await runRoboflow(sandbox, perItem, { binary: true, items: [dockItem({ ...good, confidence: -0.1 }), dockItem(good)] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Confidence must be a number from 0 to 1 [item 0]');
		expect(inferenceCalls(sandbox)).toHaveLength(0);
	});

	it('Run Workflow: empty Workflow ID, Other Inputs that are not an object or set the image, a missing binary', async () => {
		const params = workflowParams('={{ $json.workflowId }}', { additionalFields: { inputsJson: '={{ $json.inputs }}' } });
		const ok = { workflowId: WORKFLOWS.detectAndCount, inputs: '{}' };
		const items = [dockItem({ ...ok, workflowId: ' ' }), dockItem({ ...ok, inputs: '[1]' }), dockItem({ ...ok, inputs: '{"image": "x"}' }), dockItem({ ...ok, inputs: '{nope' }), { ...ok }];
		const result = await runRoboflow(sandbox, params, { binary: true, items, continueOnFail: true });
		expect(result.json(NODE).map((json) => json.error)).toEqual([
			'Workflow ID must not be empty [item 0]',
			'Other Inputs (JSON) must be a JSON object of input names and values [item 1]',
			'Other Inputs (JSON) must not set the image input "image" [item 2]',
			'Other Inputs (JSON) is not valid JSON [item 3]',
			'Input Binary Field "data" holds no binary data [item 4]',
		]);
		expect(inferenceCalls(sandbox)).toHaveLength(0);
		// The workspace is looked up only for an item that gets as far as sending.
		expect(sandbox.requests({ service: 'roboflow' })).toHaveLength(0);
	});

	it('an image over 20 MB is refused before it is sent', async () => {
		const big = Buffer.alloc(20 * 1024 * 1024 + 1).toString('base64');
		const result = await runRoboflow(sandbox, modelParams(), { binary: true, items: [dockItem({ imageBase64: big })] });
		expect(result.error?.message).toBe('Input Binary Field "data" is 20.0 MB; Roboflow takes images up to 20 MB [item 0]');
		expect(inferenceCalls(sandbox)).toHaveLength(0);
	}, 60000);
});

describe("Roboflow's errors", () => {
	it.each([
		['a wrong key', { apiKey: 'rf-wrong' }, MODELS.objectDetection, 'Unauthorized api_key', 401],
		['an unknown model', {}, 'no-such-model/1', 'Requested Roboflow resource not found. Make sure that workspace, project or model you referred in request exists.', 404],
	])('%s: the message and status as Roboflow sends them', async (_name, options, modelId, message, status) => {
		const result = await runRoboflow(sandbox, modelParams(modelId), { binary: true, items: [dockItem()], ...options });
		expect(result.error?.message).toBe(message);
		expect(result.error).toMatchObject({ httpCode: String(status) });
	});

	it('an image Roboflow cannot decode: its 400 text', async () => {
		const result = await runRoboflow(sandbox, modelParams(), { binary: true, items: [dockItem({ imageBase64: Buffer.from('not an image').toString('base64') })] });
		expect(result.error?.message).toBe('Could not load input image. Cause: Could not decode bytes into image.');
	});

	it('an empty Workspace with a key Roboflow does not know: the lookup fails with its 401', async () => {
		const result = await runRoboflow(sandbox, workflowParams(), { binary: true, items: [dockItem()], apiKey: 'rf-wrong' });
		expect(result.error).toMatchObject({ httpCode: '401', message: 'Unauthorized: invalid or missing API key' });
		expect(inferenceCalls(sandbox)).toHaveLength(0);
	});
});

describe('retries: what Roboflow\'s SDK retries, and nothing its checklist warns against', () => {
	it.each([
		['429 with Retry-After', { status: 429, retryAfter: 0 }],
		['503 with Retry-After (model not ready)', { status: 503, retryAfter: 0, body: { message: 'Model is temporarily not ready - retry request.' } }],
		['504', { status: 504 }],
		['a dropped connection', { drop: true }],
	])('%s: sent again, and the second answer counts', async (_name, fault) => {
		sandbox.addFault({ path: MODEL_PATH, ...fault });
		const result = await runRoboflow(sandbox, modelParams(), { binary: true, items: [dockItem()] });
		expect(result.status).toBe('success');
		expect(inferenceCalls(sandbox)).toHaveLength(2);
	});

	it('a workflow run is retried the same way', async () => {
		sandbox.addFault({ path: WORKFLOW_PATH, status: 503, retryAfter: 0 });
		const result = await runRoboflow(sandbox, workflowParams(WORKFLOW_PATH.split('/').pop(), { workspace: SEED.workspace }), { binary: true, items: [dockItem()] });
		expect(result.status).toBe('success');
		expect(inferenceCalls(sandbox)).toHaveLength(2);
	});

	it.each([400, 401, 402, 403, 423])('%i: sent once, the error carries the status', async (status) => {
		sandbox.addFault({ path: MODEL_PATH, status, body: { message: `refused with ${status}` }, times: 5 });
		const result = await runRoboflow(sandbox, modelParams(), { binary: true, items: [dockItem()], continueOnFail: true });
		expect(result.json(NODE)[0]).toEqual({ error: `refused with ${status}`, statusCode: status, description: `HTTP ${status}` } as IDataObject);
		expect(inferenceCalls(sandbox)).toHaveLength(1);
	});
});

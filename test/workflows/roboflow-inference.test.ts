/**
 * Inference → Run Model and Run Workflow inside n8n's WorkflowExecute against the sandbox's
 * inference server: the requests as Roboflow's server and SDK take them (key, image, options),
 * the answers of every task type passed on unchanged, one item per input item with its binary.
 */
import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_KEYS } from '../../sandbox';
import { NODE, runRoboflow, useSandbox } from './roboflow-helpers';
import { DOCK_BASE64, dockItem, inferenceCalls, MODELS, modelParams, SEED, useImageServer, WORKFLOWS, workflowParams } from './roboflow-inference-helpers';

const sandbox = useSandbox();
const binary = { binary: true, items: [dockItem()] };
const images = useImageServer();

describe('Inference → Run Model', () => {
	it('sends the binary image as base64 with the key in the query, and returns the answer as it came', async () => {
		const result = await runRoboflow(sandbox, modelParams(), binary);
		expect(result.status).toBe('success');
		const [call] = inferenceCalls(sandbox);
		expect(call).toMatchObject({ method: 'POST', path: `/${MODELS.objectDetection}`, query: { api_key: SANDBOX_KEYS.roboflow } });
		expect(Object.keys(call.query)).toEqual(['api_key']);
		expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(call.body).toBe(DOCK_BASE64);
		const [item] = result.items(NODE);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ image: { width: 640, height: 480 }, inference_id: expect.any(String), time: expect.any(Number) });
		// The default confidence (0.4) leaves out the pallet (0.33).
		expect((item.json.predictions as IDataObject[]).map((p) => [p.class, p.confidence])).toEqual([
			['person', 0.91],
			['forklift', 0.78],
		]);
		expect(item.json.predictions).toEqual(call.answer && (call.answer as IDataObject).predictions);
		// The image goes on with the predictions, for the next node to store.
		expect(item.binary?.data).toMatchObject({ fileName: 'dock.png', mimeType: 'image/png' });
	});

	it('Confidence and Overlap go out as query parameters; 1 is sent as 100, which the server reads as 1.0', async () => {
		const low = await runRoboflow(sandbox, modelParams(MODELS.objectDetection, { options: { confidence: 0.3, overlap: 0.5 } }), binary);
		expect(low.json(NODE)[0].predictions).toHaveLength(3);
		expect(inferenceCalls(sandbox)[0].query).toEqual({ api_key: SANDBOX_KEYS.roboflow, confidence: '0.3', overlap: '0.5' });
		sandbox.clearRequests();
		const all = await runRoboflow(sandbox, modelParams(MODELS.objectDetection, { options: { confidence: 1 } }), binary);
		expect(inferenceCalls(sandbox)[0].query.confidence).toBe('100');
		expect(all.json(NODE)[0].predictions).toEqual([]);
	});

	it.each([
		['instance segmentation: points as {x, y}', MODELS.instanceSegmentation, (a: IDataObject) => {
			const [first] = a.predictions as IDataObject[];
			expect(first).toMatchObject({ class: 'person', mask_format: 'polygon', points: expect.arrayContaining([{ x: expect.any(Number), y: expect.any(Number) }]) });
		}],
		['keypoints', MODELS.keypoints, (a: IDataObject) => {
			const [first] = a.predictions as IDataObject[];
			expect((first.keypoints as IDataObject[]).map((k) => k.class)).toEqual(['nose', 'left_shoulder', 'right_shoulder']);
		}],
		['single-label classification: every class, top and confidence', MODELS.classification, (a: IDataObject) => {
			expect(a).toMatchObject({ top: 'pass', confidence: 0.83, predictions: [{ class: 'pass', class_id: 0, confidence: 0.83 }, { class: 'fail', class_id: 1, confidence: 0.17 }] });
		}],
		['multi-label classification: a map by class and predicted_classes', MODELS.multiLabel, (a: IDataObject) => {
			expect(a).toMatchObject({ predicted_classes: ['scratch'], predictions: { scratch: { confidence: 0.71, class_id: 0 }, dent: { confidence: 0.12, class_id: 1 } } });
		}],
	])('%s', async (_name, modelId, check) => {
		const result = await runRoboflow(sandbox, modelParams(modelId), binary);
		expect(result.status).toBe('success');
		check(result.json(NODE)[0]);
	});

	it('Image Source "URL": the URL goes as the image query parameter, without a body', async () => {
		const url = images.url('dock.png');
		const result = await runRoboflow(sandbox, modelParams(MODELS.objectDetection, { imageSource: 'url', imageUrl: url }));
		expect(result.status).toBe('success');
		expect(result.json(NODE)[0]).toMatchObject({ image: { width: 640, height: 480 } });
		const [call] = inferenceCalls(sandbox);
		expect(call.query).toEqual({ api_key: SANDBOX_KEYS.roboflow, image: url });
		expect(call.body).toBeUndefined();
	});

	it('one request and one output item per input item, in order, each paired with its input', async () => {
		const items = [dockItem({ n: 0 }), dockItem({ n: 1 }), dockItem({ n: 2 })];
		const result = await runRoboflow(sandbox, modelParams(), { binary: true, items });
		expect(result.items(NODE).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(inferenceCalls(sandbox)).toHaveLength(3);
	});
});

describe('Inference → Run Workflow', () => {
	it("an empty Workspace is the key's own, asked once per execution; the image goes in the JSON body with the key", async () => {
		const result = await runRoboflow(sandbox, workflowParams(), { binary: true, items: [dockItem(), dockItem()] });
		expect(result.status).toBe('success');
		expect(sandbox.requests({ service: 'roboflow', method: 'GET', path: '/' })).toHaveLength(1);
		const calls = inferenceCalls(sandbox);
		expect(calls.map((c) => c.path)).toEqual([`/${SEED.workspace}/workflows/${WORKFLOWS.detectAndCount}`, `/${SEED.workspace}/workflows/${WORKFLOWS.detectAndCount}`]);
		expect(calls[0].query).toEqual({});
		expect(calls[0].body).toEqual({ api_key: SANDBOX_KEYS.roboflow, inputs: { image: { type: 'base64', value: DOCK_BASE64 } }, use_cache: true });
		const [first] = result.items(NODE);
		expect(first.json).toMatchObject({ outputs: [{ count: 2, predictions: { image: { width: 640, height: 480 } } }] });
		const [person] = ((first.json.outputs as IDataObject[])[0].predictions as IDataObject).predictions as IDataObject[];
		expect(person).toMatchObject({ class: 'person', class_id: 0, confidence: 0.91, parent_id: 'image', x: expect.any(Number), width: expect.any(Number) });
		expect(first.binary?.data).toMatchObject({ fileName: 'dock.png' });
	});

	it('a named workspace, other inputs, a pinned version and no cache; no detection gives image width and height null', async () => {
		const result = await runRoboflow(
			sandbox,
			workflowParams(WORKFLOWS.detectAndCount, {
				workspace: SEED.workspace,
				additionalFields: { inputsJson: '{"confidence": 0.95}', useCache: false, workflowVersionId: 'v7' },
			}),
			binary,
		);
		expect(result.status).toBe('success');
		expect(sandbox.requests({ service: 'roboflow' })).toHaveLength(0);
		expect(inferenceCalls(sandbox)[0].body).toEqual({
			api_key: SANDBOX_KEYS.roboflow,
			inputs: { confidence: 0.95, image: { type: 'base64', value: DOCK_BASE64 } },
			use_cache: false,
			workflow_version_id: 'v7',
		});
		expect(result.json(NODE)[0]).toMatchObject({ outputs: [{ count: 0, predictions: { image: { width: null, height: null }, predictions: [] } }] });
	});

	it('Image Source "URL" sends {type: "url", value} under the Image Input Name', async () => {
		const url = images.url('dock.png');
		const result = await runRoboflow(sandbox, workflowParams(WORKFLOWS.detectAndCount, { imageSource: 'url', imageUrl: url }));
		expect(result.status).toBe('success');
		expect((inferenceCalls(sandbox)[0].body as IDataObject).inputs).toEqual({ image: { type: 'url', value: url } });
	});

	it("a failing block: Roboflow's message, the block and the status, not retried", async () => {
		const result = await runRoboflow(sandbox, workflowParams(WORKFLOWS.readLabel), { ...binary, continueOnFail: true });
		expect(result.json(NODE)).toEqual([
			{
				error: 'OCR model returned no text for the cropped label',
				statusCode: 500,
				description: 'Error code: StepExecutionError · Failing block: ocr (roboflow_core/ocr_model@v1): OCR model returned no text for the cropped label · HTTP 500',
			},
		]);
		expect(inferenceCalls(sandbox)).toHaveLength(1);
	});

	it('an Image Input Name the workflow does not declare: the runtime input error, with its type', async () => {
		const result = await runRoboflow(sandbox, workflowParams(WORKFLOWS.detectAndCount, { imageInputName: 'picture' }), binary);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Detected runtime parameter `image` defined as `WorkflowImage` (of kind `['image']`), but value is not provided.");
		expect(result.error).toMatchObject({ httpCode: '400', description: 'Error code: RuntimeInputError · HTTP 400' });
		expect((inferenceCalls(sandbox)[0].body as IDataObject).inputs).toHaveProperty('picture');
	});
});

/**
 * The three-node path of the issue inside WorkflowExecute: an image → Run Model (or Run Workflow) →
 * Create Vision Event with Predictions (JSON) = {{ JSON.stringify($json) }} and the image passed on:
 * the stored event's first image is the uploaded snapshot, annotated with the model's predictions.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Roboflow } from '../../nodes/Roboflow/Roboflow.node';
import { SANDBOX_KEYS } from '../../sandbox';
import { runWorkflow } from '../helpers/workflow';
import { binaryImageNode, createParams, ROBOFLOW_TYPE, useSandbox } from './roboflow-helpers';
import { DOCK_PNG, dockItem, MODELS, modelParams, SEED, WORKFLOWS, workflowParams } from './roboflow-inference-helpers';

const sandbox = useSandbox();
const UC = SEED.useCases.siteSafety;

async function pipeline(inference: INodeParameters, items: IDataObject[] = [dockItem()]) {
	const create = createParams(UC, {
		eventType: 'safety_alert',
		alertType: 'person_near_forklift',
		severity: 'high',
		additionalFields: { predictionsJson: '={{ JSON.stringify($json) }}', imageBinaryProperty: 'data' },
	});
	return await runWorkflow({
		nodes: [
			{ name: 'Snapshot', type: 'test.binaryImage', parameters: {} },
			{ name: 'Detect', type: ROBOFLOW_TYPE, parameters: inference },
			{ name: 'Record', type: ROBOFLOW_TYPE, parameters: create },
		],
		nodeTypes: { [ROBOFLOW_TYPE]: new Roboflow(), 'test.binaryImage': binaryImageNode },
		credentials: { roboflowApi: { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl, inferenceUrl: sandbox.inferenceUrl } },
		items,
	});
}

/** The stored event of `eventId` and its first image's stored file. */
function stored(eventId: unknown) {
	const event = sandbox.state.visionEvents.get(String(eventId));
	const image = event?.images?.[0] as IDataObject | undefined;
	return { event, image, file: sandbox.state.images.get(String(image?.sourceId)) };
}

describe('image → Run Model → Create Vision Event', () => {
	it('stores one event per snapshot whose first image is the snapshot with the detections as annotations', async () => {
		const result = await pipeline(modelParams(MODELS.objectDetection));
		expect(result.status).toBe('success');
		const detections = result.json('Detect')[0].predictions as IDataObject[];
		const { event, image, file } = stored(result.json('Record')[0].eventId);
		expect(event).toMatchObject({ eventType: 'safety_alert', useCaseId: UC });
		expect(image?.objectDetections).toEqual(
			detections.map((p) => ({ class: p.class, x: p.x, y: p.y, width: p.width, height: p.height, confidence: p.confidence })),
		);
		expect(file?.data.equals(DOCK_PNG)).toBe(true);
	});

	it('segmentation and keypoint models annotate with polygons and keypoints', async () => {
		const seg = await pipeline(modelParams(MODELS.instanceSegmentation));
		const segImage = stored(seg.json('Record')[0].eventId).image;
		expect((segImage?.instanceSegmentations as IDataObject[])[0].points).toEqual(expect.arrayContaining([[expect.any(Number), expect.any(Number)]]));
		const pose = await pipeline(modelParams(MODELS.keypoints));
		const poseImage = stored(pose.json('Record')[0].eventId).image;
		expect((poseImage?.keypoints as IDataObject[])[0].keypoints).toEqual([
			{ id: 0, x: expect.any(Number), y: expect.any(Number) },
			{ id: 1, x: expect.any(Number), y: expect.any(Number) },
			{ id: 2, x: expect.any(Number), y: expect.any(Number) },
		]);
	});

	it('a classifier annotates with its classes', async () => {
		const result = await pipeline(modelParams(MODELS.classification));
		expect(stored(result.json('Record')[0].eventId).image?.classifications).toEqual([
			{ class: 'pass', confidence: 0.83 },
			{ class: 'fail', confidence: 0.17 },
		]);
	});
});

describe('image → Run Workflow → Create Vision Event', () => {
	it("the workflow's first output's detections annotate the snapshot, two snapshots two events", async () => {
		const result = await pipeline(workflowParams(WORKFLOWS.detectAndCount), [dockItem(), dockItem()]);
		expect(result.status).toBe('success');
		const ids = result.json('Record').map((json) => json.eventId);
		expect(new Set(ids).size).toBe(2);
		for (const id of ids) {
			expect((stored(id).image?.objectDetections as IDataObject[]).map((d) => d.class)).toEqual(['person', 'forklift']);
		}
	});
});

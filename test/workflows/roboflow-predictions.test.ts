/**
 * Create Vision Event → Predictions (JSON): Roboflow inference and Workflow outputs of each model
 * type become the first image's annotations; the exact request bodies are checked.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { apiCalls, createParams, NODE, runRoboflow, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const UC = SEED.useCases.lineAQuality;
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const detection = { x: 320.5, y: 240, width: 100, height: 50, confidence: 0.91, class: 'scratch', class_id: 0, detection_id: 'd1' };
const box = { class: 'scratch', x: 320.5, y: 240, width: 100, height: 50, confidence: 0.91 };

async function create(predictions: unknown, additional: IDataObject = {}, binary = false) {
	const result = await runRoboflow(
		sandbox,
		createParams(UC, {
			eventType: 'quality_check',
			result: 'fail',
			additionalFields: { predictionsJson: typeof predictions === 'string' ? predictions : JSON.stringify(predictions), ...additional },
		}),
		binary ? { binary: true, items: [{ imageBase64: PNG_BASE64, fileName: 'part.png' }] } : {},
	);
	const sent = apiCalls(sandbox, '/vision-events')[0]?.body as IDataObject | undefined;
	return { result, images: sent?.images as IDataObject[] | undefined };
}

describe('Create Vision Event → Predictions (JSON)', () => {
	it('object detection (inference output with image size) → objectDetections', async () => {
		const { result, images } = await create({ image: { width: 640, height: 480 }, predictions: [detection] });
		expect(result.status).toBe('success');
		expect(images).toEqual([{ objectDetections: [box] }]);
		expect(sandbox.state.visionEvents.get(result.json(NODE)[0].eventId as string)?.images).toEqual(images);
	});

	it('instance segmentation with points → instanceSegmentations ({x,y} → [x,y]); under 3 points a detection', async () => {
		const points = [{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6 }];
		const { images } = await create({ predictions: [{ ...detection, points }, { ...detection, class: 'dent', points: points.slice(0, 2) }] });
		expect(images).toEqual([
			{
				objectDetections: [{ ...box, class: 'dent' }],
				instanceSegmentations: [{ ...box, points: [[1, 2], [3, 4], [5, 6]] }],
			},
		]);
	});

	it('keypoints → keypoints with id from class_id', async () => {
		const keypoints = [
			{ x: 10, y: 11, confidence: 0.8, class_id: 0, class: 'nose' },
			{ x: 12, y: 13, confidence: 0.7, class_id: 5, class: 'eye' },
		];
		const { images } = await create({ predictions: [{ ...detection, class: 'person', keypoints }] });
		expect(images).toEqual([
			{ keypoints: [{ ...box, class: 'person', keypoints: [{ id: 0, x: 10, y: 11 }, { id: 5, x: 12, y: 13 }] }] },
		]);
	});

	it('single-label classification → classifications', async () => {
		const { images } = await create({
			top: 'ok',
			confidence: 0.8,
			predictions: [{ class: 'ok', class_id: 0, confidence: 0.8 }, { class: 'defect', class_id: 1, confidence: 0.2 }],
		});
		expect(images).toEqual([{ classifications: [{ class: 'ok', confidence: 0.8 }, { class: 'defect', confidence: 0.2 }] }]);
	});

	it('multi-label classification → the predicted classes', async () => {
		const { images } = await create({
			predictions: { rust: { confidence: 0.9, class_id: 0 }, dent: { confidence: 0.6, class_id: 1 }, ok: { confidence: 0.1, class_id: 2 } },
			predicted_classes: ['rust', 'dent'],
		});
		expect(images).toEqual([{ classifications: [{ class: 'rust', confidence: 0.9 }, { class: 'dent', confidence: 0.6 }] }]);
	});

	it('a Workflow output (outputs[0].<name>.predictions) annotates the first of Images (JSON)', async () => {
		const workflowOutput = { outputs: [{ model_predictions: { image: { width: 640, height: 480 }, predictions: [detection] } }] };
		const { images } = await create(workflowOutput, {
			imagesJson: JSON.stringify([{ sourceId: 'src-given', label: 'line' }, { sourceId: 'src-2' }]),
		});
		expect(images).toEqual([{ sourceId: 'src-given', label: 'line', objectDetections: [box] }, { sourceId: 'src-2' }]);
	});

	it('with Image Binary Field: uploads, then annotates the uploaded image', async () => {
		const { result, images } = await create([detection], { imageBinaryProperty: 'data' }, true);
		expect(result.status).toBe('success');
		expect(images).toEqual([{ sourceId: expect.stringMatching(/^src-/), objectDetections: [box] }]);
		expect(apiCalls(sandbox, '/vision-events/upload')).toHaveLength(1);
	});

	it('caps each list at 1 000 with a warning on the output item', async () => {
		const many = Array.from({ length: 1005 }, (_, k) => ({ ...detection, x: k }));
		const { result, images } = await create({ predictions: many });
		expect(images?.[0].objectDetections).toHaveLength(1000);
		expect(result.json(NODE)[0].warnings).toEqual([
			{ type: 'predictions.truncated', message: 'objectDetections: 1005 predictions, only the first 1000 were kept (the API\'s limit per list)' },
		]);
	});

	it.each<[string, unknown, string]>([
		['no predictions', { image: {} }, 'Predictions (JSON) holds no "predictions" list [item 0]'],
		['a bad confidence', { predictions: [detection, { ...detection, confidence: 7 }] }, 'Predictions (JSON) prediction 1 needs a confidence between 0 and 1 [item 0]'],
		['a missing width', { predictions: [{ ...detection, width: undefined, x: 1 }] }, 'Predictions (JSON) prediction 0 needs a number "width" [item 0]'],
		['a bad point', { predictions: [{ ...detection, points: [{ x: 1 }, { x: 2, y: 2 }, { x: 3, y: 3 }] }] }, 'Predictions (JSON) prediction 0 has a point that is not {x, y} or [x, y] [item 0]'],
		['not JSON', '{predictions', 'Predictions (JSON) is not valid JSON [item 0]'],
	])('strict: %s names the prediction and item, nothing is sent', async (_name, predictions, message) => {
		const { result } = await create(predictions);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(apiCalls(sandbox, '/vision-events')).toHaveLength(0);
	});
});

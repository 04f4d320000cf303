/**
 * What the sandbox's inference server "sees": a fixed scene per model, laid out as fractions of
 * the image, so answers are deterministic and scale with the image sent. Answer shapes follow
 * `roboflow/inference` 3bb973b: inference/core/entities/responses/inference.py (model route, with
 * `response_model_exclude_none`) and core_steps/common/serializers.py `serialise_sv_detections`
 * (workflow outputs).
 */
import { randomUUID } from 'crypto';

export type TaskType = 'object-detection' | 'instance-segmentation' | 'keypoint-detection' | 'classification' | 'multi-label-classification';

/** Model ids (`project/version`) the sandbox serves, by task type. */
export const MODELS = {
	objectDetection: 'dock-objects/3',
	instanceSegmentation: 'dock-segments/2',
	keypoints: 'dock-pose/1',
	classification: 'part-quality/1',
	multiLabel: 'part-defects/1',
} as const;

const TASKS: Record<string, TaskType> = {
	[MODELS.objectDetection]: 'object-detection',
	[MODELS.instanceSegmentation]: 'instance-segmentation',
	[MODELS.keypoints]: 'keypoint-detection',
	[MODELS.classification]: 'classification',
	[MODELS.multiLabel]: 'multi-label-classification',
};

export const taskOf = (modelId: string): TaskType | undefined => TASKS[modelId];

export interface Size {
	width: number;
	height: number;
}

/** [class, class_id, cx, cy, w, h, confidence]; positions and sizes as fractions of the image. */
type Thing = [string, number, number, number, number, number, number];
const DOCK: Thing[] = [
	['person', 0, 0.3, 0.55, 0.12, 0.4, 0.91],
	['forklift', 1, 0.65, 0.6, 0.3, 0.35, 0.78],
	['pallet', 2, 0.85, 0.85, 0.15, 0.1, 0.33],
];
const KEYPOINTS: Array<[string, number, number, number]> = [
	['nose', 0.3, 0.38, 0.95],
	['left_shoulder', 0.27, 0.45, 0.88],
	['right_shoulder', 0.33, 0.45, 0.86],
];
const round = (value: number) => Math.round(value * 10) / 10;

function box(thing: Thing, size: Size): Record<string, unknown> {
	const [name, classId, cx, cy, w, h, confidence] = thing;
	return {
		x: round(cx * size.width),
		y: round(cy * size.height),
		width: round(w * size.width),
		height: round(h * size.height),
		confidence,
		class: name,
		class_id: classId,
		detection_id: randomUUID(),
	};
}

/** A hexagon inside the box, in pixels, as `{x, y}` points (InstanceSegmentationPrediction.points). */
function polygon(thing: Thing, size: Size): Array<{ x: number; y: number }> {
	const [, , cx, cy, w, h] = thing;
	return [0, 1, 2, 3, 4, 5].map((k) => ({
		x: round((cx + (w / 2) * Math.cos((k * Math.PI) / 3)) * size.width),
		y: round((cy + (h / 2) * Math.sin((k * Math.PI) / 3)) * size.height),
	}));
}

/** The model route's answer for `modelId` (a served one) on an image of `size`. */
export function modelAnswer(modelId: string, size: Size, confidence: number): Record<string, unknown> {
	const common = { inference_id: randomUUID(), time: 0.0421, image: { width: size.width, height: size.height } };
	const seen = DOCK.filter((thing) => thing[6] >= confidence);
	switch (taskOf(modelId)) {
		case 'instance-segmentation':
			return { ...common, predictions: seen.slice(0, 2).map((t) => ({ ...box(t, size), points: polygon(t, size), mask_format: 'polygon' })) };
		case 'keypoint-detection': {
			const person = seen.filter((t) => t[0] === 'person');
			const keypoints = KEYPOINTS.map(([name, x, y, c], id) => ({ x: round(x * size.width), y: round(y * size.height), confidence: c, class_id: id, class: name }));
			return { ...common, predictions: person.map((t) => ({ ...box(t, size), keypoints })) };
		}
		case 'classification':
			// Every class, most confident first; `top` and `confidence` name the first.
			return {
				...common,
				predictions: [
					{ class: 'pass', class_id: 0, confidence: 0.83 },
					{ class: 'fail', class_id: 1, confidence: 0.17 },
				],
				top: 'pass',
				confidence: 0.83,
			};
		case 'multi-label-classification': {
			const predictions = { scratch: { confidence: 0.71, class_id: 0 }, dent: { confidence: 0.12, class_id: 1 } };
			const predicted = Object.entries(predictions).filter(([, p]) => p.confidence >= confidence).map(([name]) => name);
			return { ...common, predictions, predicted_classes: predicted };
		}
		default:
			return { ...common, predictions: seen.map((t) => box(t, size)) };
	}
}

/**
 * The object detection model's predictions as a workflow output holds them (`serialise_sv_detections`):
 * `parent_id` set, and the image size taken from the detections, so `null` when there are none.
 */
export function serializedDetections(size: Size, confidence: number): Record<string, unknown> {
	const predictions = DOCK.filter((thing) => thing[6] >= confidence).map((thing) => ({ ...box(thing, size), parent_id: 'image' }));
	const image = predictions.length > 0 ? { width: size.width, height: size.height } : { width: null, height: null };
	return { image, predictions };
}

/** Width and height from a PNG, JPEG, GIF or BMP header; undefined for anything else. */
export function imageSize(data: Buffer): Size | undefined {
	if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47) return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
	if (data.length >= 10 && data.toString('ascii', 0, 4) === 'GIF8') return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
	if (data.length >= 26 && data.toString('ascii', 0, 2) === 'BM') return { width: data.readInt32LE(18), height: Math.abs(data.readInt32LE(22)) };
	if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
	// JPEG: walk the segments to the first frame header (SOF0–SOF15 but DHT, JPG, DAC).
	for (let pos = 2; pos + 9 < data.length; ) {
		if (data[pos] !== 0xff) return undefined;
		const marker = data[pos + 1];
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
			return { width: data.readUInt16BE(pos + 7), height: data.readUInt16BE(pos + 5) };
		}
		pos += 2 + data.readUInt16BE(pos + 2);
	}
	return undefined;
}

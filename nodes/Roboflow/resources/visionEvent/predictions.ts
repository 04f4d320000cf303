/**
 * A Roboflow inference or Workflow output → the annotation lists of a vision event image, as
 * Roboflow's own Vision Events workflow block builds them (reference: roboflow-api.md §4):
 * boxes → objectDetections, boxes with a polygon → instanceSegmentations (fewer than 3 points:
 * a plain detection, as the block does), boxes with keypoints → keypoints, class + confidence →
 * classifications (single-label lists, and multi-label `{class: {confidence}}` maps).
 */
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../../common/guards';
import { LIMITS } from '../../schema';

export type Annotations = Partial<
	Record<'objectDetections' | 'instanceSegmentations' | 'keypoints' | 'classifications', IDataObject[]>
>;

/** A prediction that cannot be converted; `index` is its position in the predictions list. */
class PredictionError extends Error {
	constructor(
		readonly index: number | undefined,
		problem: string,
	) {
		super(index === undefined ? problem : `prediction ${index} ${problem}`);
	}
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const looksLikePrediction = (v: unknown) => isRecord(v) && typeof v.class === 'string';
// Workflow outputs nest the model output under user-chosen names; a few levels are enough.
const MAX_DEPTH = 5;

/** The predictions list (or multi-label map) inside an inference or Workflow output. */
function findPredictions(value: unknown, depth = 0): IDataObject[] | IDataObject | undefined {
	if (depth > MAX_DEPTH) return undefined;
	if (Array.isArray(value)) {
		if (value.length === 0 || value.every(looksLikePrediction)) return value as IDataObject[];
		// A Workflow answers one output object per input image: the first image is annotated.
		return findPredictions(value[0], depth + 1);
	}
	if (!isRecord(value)) return undefined;
	if ('predictions' in value) {
		const inner = value.predictions;
		if (Array.isArray(inner)) return findPredictions(inner, depth + 1);
		if (isRecord(inner) && Object.values(inner).every((v) => isRecord(v) && 'confidence' in v) && !('predictions' in inner)) {
			const chosen = Array.isArray(value.predicted_classes) ? (value.predicted_classes as string[]) : Object.keys(inner);
			return Object.fromEntries(chosen.filter((c) => c in inner).map((c) => [c, inner[c]])) as IDataObject;
		}
		return findPredictions(inner, depth + 1);
	}
	for (const inner of Object.values(value)) {
		const found = typeof inner === 'object' && inner !== null ? findPredictions(inner, depth + 1) : undefined;
		if (found !== undefined) return found;
	}
	return undefined;
}

function confidenceOf(p: IDataObject, k: number): number {
	if (!isNumber(p.confidence) || p.confidence < 0 || p.confidence > 1) {
		throw new PredictionError(k, 'needs a confidence between 0 and 1');
	}
	return p.confidence;
}

function box(p: IDataObject, k: number): IDataObject {
	for (const name of ['x', 'y', 'width', 'height']) {
		if (!isNumber(p[name])) throw new PredictionError(k, `needs a number "${name}"`);
	}
	return { class: p.class as string, x: p.x as number, y: p.y as number, width: p.width as number, height: p.height as number, confidence: confidenceOf(p, k) };
}

function point(v: unknown, k: number): [number, number] {
	const pair = Array.isArray(v) ? v : isRecord(v) ? [v.x, v.y] : [];
	if (pair.length < 2 || !isNumber(pair[0]) || !isNumber(pair[1])) throw new PredictionError(k, 'has a point that is not {x, y} or [x, y]');
	return [pair[0], pair[1]];
}

function keypoint(v: unknown, j: number, k: number): IDataObject {
	if (!isRecord(v) || !isNumber(v.x) || !isNumber(v.y)) throw new PredictionError(k, `has keypoint ${j} without numbers x and y`);
	return { id: isNumber(v.class_id) ? v.class_id : isNumber(v.id) ? v.id : j, x: v.x, y: v.y };
}

export type Converted = { annotations: Annotations; warnings: string[] } | { problem: string };

/**
 * The annotations for a parsed inference or Workflow output, and a warning per list cut at the
 * API's 1 000-entry limit; or the problem, naming the prediction that cannot be converted.
 */
export function predictionsToAnnotations(raw: unknown): Converted {
	try {
		return convert(raw);
	} catch (error) {
		// convert() throws only PredictionError for input it cannot use.
		return { problem: error instanceof Error ? error.message : String(error) };
	}
}

function convert(raw: unknown): { annotations: Annotations; warnings: string[] } {
	const found = findPredictions(raw);
	if (found === undefined) throw new PredictionError(undefined, 'holds no "predictions" list');
	const lists: Required<Annotations> = { objectDetections: [], instanceSegmentations: [], keypoints: [], classifications: [] };
	if (!Array.isArray(found)) {
		for (const [name, entry] of Object.entries(found)) {
			lists.classifications.push({ class: name, confidence: confidenceOf(entry as IDataObject, lists.classifications.length) });
		}
	} else {
		found.forEach((p, k) => {
			if (!looksLikePrediction(p)) throw new PredictionError(k, 'is not an object with a "class"');
			if (!('x' in p) && !('width' in p)) {
				lists.classifications.push({ class: p.class, confidence: confidenceOf(p, k) });
			} else if (Array.isArray(p.points) && p.points.length >= LIMITS.segmentationPointsMin) {
				lists.instanceSegmentations.push({ ...box(p, k), points: p.points.map((v) => point(v, k)) });
			} else if (Array.isArray(p.keypoints) && p.keypoints.length > 0) {
				lists.keypoints.push({ ...box(p, k), keypoints: p.keypoints.map((v, j) => keypoint(v, j, k)) });
			} else {
				lists.objectDetections.push(box(p, k));
			}
		});
	}
	const annotations: Annotations = {};
	const warnings: string[] = [];
	for (const [name, list] of Object.entries(lists) as Array<[keyof Annotations, IDataObject[]]>) {
		if (list.length === 0) continue;
		if (list.length > LIMITS.annotations) {
			warnings.push(`${name}: ${list.length} predictions, only the first ${LIMITS.annotations} were kept (the API's limit per list)`);
		}
		annotations[name] = list.slice(0, LIMITS.annotations);
	}
	return { annotations, warnings };
}

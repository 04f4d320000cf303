/** Lenient validation: each documented limit once passing and once failing (type + path of the warning). */
import { randomUUID } from 'crypto';

import { SEED, startSandbox, type Sandbox } from '../../sandbox';
import { isoFromNow } from '../helpers/time';
import { roboflow } from './helpers';

let sb: Sandbox;
let api: ReturnType<typeof roboflow>;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	api = roboflow(sb.roboflowUrl);
});
afterAll(() => sb.close());

function event(overrides: Record<string, unknown>): Record<string, unknown> {
	return {
		eventId: randomUUID(),
		eventType: 'quality_check',
		useCaseId: SEED.useCases.siteSafety,
		timestamp: isoFromNow(-1000),
		eventData: { result: 'pass' },
		...overrides,
	};
}

async function create(body: Record<string, unknown>) {
	const res = await api('POST', '/vision-events', body);
	expect(res.status).toBe(201);
	return { res, stored: sb.state.visionEvents.get(body.eventId as string)! };
}

const s = (n: number) => 'x'.repeat(n);
const ed = (eventType: string, eventData: unknown) => ({ eventType, eventData });
const box = { class: 'defect', x: 100, y: 200, width: 50, height: 30, confidence: 0.95 };
const img = (extra: Record<string, unknown>) => ({ images: [{ label: 'inspection-photo', sourceId: 'src-1', ...extra }] });
const uuid = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';

// [name, passing overrides, failing overrides, warning type, warning path]
type Case = [string, Record<string, unknown>, Record<string, unknown>, string, string];

const eventDataCases: Case[] = [
	['quality_check.result enum', ed('quality_check', { result: 'fail' }), ed('quality_check', { result: 'maybe' }), 'any.only', 'eventData.result'],
	['quality_check.result type', ed('quality_check', { result: 'pass' }), ed('quality_check', { result: 1 }), 'string.base', 'eventData.result'],
	['externalId ≤1000', ed('quality_check', { externalId: s(1000) }), ed('quality_check', { externalId: s(1001) }), 'string.max', 'eventData.externalId'],
	['inventory location ≤1000', ed('inventory_count', { location: s(1000) }), ed('inventory_count', { location: s(1001) }), 'string.max', 'eventData.location'],
	['inventory itemType ≤1000', ed('inventory_count', { itemType: s(1000) }), ed('inventory_count', { itemType: s(1001) }), 'string.max', 'eventData.itemType'],
	['itemCount ≥0', ed('inventory_count', { itemCount: 0 }), ed('inventory_count', { itemCount: -1 }), 'number.min', 'eventData.itemCount'],
	['itemCount integer', ed('inventory_count', { itemCount: 42 }), ed('inventory_count', { itemCount: 1.5 }), 'number.integer', 'eventData.itemCount'],
	['itemCount number', ed('inventory_count', { itemCount: 3 }), ed('inventory_count', { itemCount: '3' }), 'number.base', 'eventData.itemCount'],
	['alertType pattern', ed('safety_alert', { alertType: 'no_hardhat-2' }), ed('safety_alert', { alertType: 'no hardhat' }), 'string.pattern.base', 'eventData.alertType'],
	['alertType ≤256', ed('safety_alert', { alertType: s(256) }), ed('safety_alert', { alertType: s(257) }), 'string.max', 'eventData.alertType'],
	['severity enum', ed('safety_alert', { severity: 'high' }), ed('safety_alert', { severity: 'critical' }), 'any.only', 'eventData.severity'],
	['description ≤10000', ed('safety_alert', { description: s(10000) }), ed('safety_alert', { description: s(10001) }), 'string.max', 'eventData.description'],
	['custom value ≤10000', ed('custom', { value: s(10000) }), ed('custom', { value: s(10001) }), 'string.max', 'eventData.value'],
	['feedback relatedEventId required', ed('operator_feedback', { relatedEventId: uuid, feedback: 'correct' }), ed('operator_feedback', { feedback: 'correct' }), 'any.required', 'eventData.relatedEventId'],
	['feedback relatedEventId uuid', ed('operator_feedback', { relatedEventId: uuid, feedback: 'inconclusive' }), ed('operator_feedback', { relatedEventId: 'evt-1', feedback: 'correct' }), 'string.guid', 'eventData.relatedEventId'],
	['feedback enum', ed('operator_feedback', { relatedEventId: uuid, feedback: 'incorrect' }), ed('operator_feedback', { relatedEventId: uuid, feedback: 'meh' }), 'any.only', 'eventData.feedback'],
	['feedback required', ed('operator_feedback', { relatedEventId: uuid, feedback: 'correct' }), ed('operator_feedback', { relatedEventId: uuid }), 'any.required', 'eventData.feedback'],
	['unknown eventData key', ed('custom', { value: 'v' }), ed('custom', { value: 'v', confidence: 0.9 }), 'object.unknown', 'eventData.confidence'],
	['prototype-named eventData key', ed('custom', { value: 'v' }), ed('custom', { constructor: 'x' }), 'object.unknown', 'eventData.constructor'],
	['eventData key of another type', ed('custom', { externalId: 'e' }), ed('custom', { result: 'pass' }), 'object.unknown', 'eventData.result'],
	['eventData object', ed('custom', {}), ed('custom', 'text'), 'object.base', 'eventData'],
	['eventData required', ed('custom', {}), ed('custom', undefined), 'any.required', 'eventData'],
];

describe('eventData warnings (stored as {} when warned)', () => {
	it.each(eventDataCases)('%s', async (_name, pass, fail, type, path) => {
		const good = await create(event(pass));
		expect(good.res.body.warnings).toBeUndefined();
		expect(good.stored.eventData).toEqual(pass.eventData);

		const bad = await create(event(fail));
		expect(bad.res.body.created).toBe(true);
		expect(bad.res.body.warnings).toContainEqual(expect.objectContaining({ type, path }));
		expect(bad.stored.eventData).toEqual({});
	});

	it('matches the seed example warning exactly', async () => {
		const { res } = await create(event(ed('operator_feedback', { feedback: 'incorrect' })));
		expect(res.body.warnings).toEqual([{ type: 'any.required', path: 'eventData.relatedEventId', value: null, valueType: 'object' }]);
	});
});

const points = [[100, 200], [120, 210], [110, 230]];
const keypoint = { ...box, class: 'joint', keypoints: [{ id: 0, x: 105, y: 205, occluded: false }] };
const topLevelCases: Case[] = [
	['deviceId ≤256', { deviceId: s(256) }, { deviceId: s(257) }, 'string.max', 'deviceId'],
	['deviceId string', { deviceId: 'cam-1' }, { deviceId: 12 }, 'string.base', 'deviceId'],
	['streamId ≤256', { streamId: s(256) }, { streamId: s(257) }, 'string.max', 'streamId'],
	['workflowId ≤256', { workflowId: s(256) }, { workflowId: s(257) }, 'string.max', 'workflowId'],
	['workflowVersion ≤64', { workflowVersion: s(64) }, { workflowVersion: s(65) }, 'string.max', 'workflowVersion'],
	['displayImagePosition ≤999', { displayImagePosition: 999 }, { displayImagePosition: 1000 }, 'number.max', 'displayImagePosition'],
	['displayImagePosition ≥0', { displayImagePosition: 0 }, { displayImagePosition: -1 }, 'number.min', 'displayImagePosition'],
	['displayImagePosition integer', { displayImagePosition: 2 }, { displayImagePosition: 1.5 }, 'number.integer', 'displayImagePosition'],
	['displayImagePosition number', { displayImagePosition: 1 }, { displayImagePosition: '1' }, 'number.base', 'displayImagePosition'],
	['images ≤1000', { images: Array.from({ length: 1000 }, () => ({ sourceId: 's' })) }, { images: Array.from({ length: 1001 }, () => ({ sourceId: 's' })) }, 'array.max', 'images'],
	['images array', img({}), { images: { sourceId: 's' } }, 'array.base', 'images'],
	['image label string', img({ label: 'ok' }), img({ label: 3 }), 'string.base', 'images.0.label'],
	['image inputSourceId string', img({ inputSourceId: 'src-0' }), img({ inputSourceId: false }), 'string.base', 'images.0.inputSourceId'],
	['unknown image key', img({}), img({ base64Image: 'AAAA' }), 'object.unknown', 'images.0.base64Image'],
	['objectDetections ≤1000', img({ objectDetections: Array(1000).fill(box) }), img({ objectDetections: Array(1001).fill(box) }), 'array.max', 'images.0.objectDetections'],
	['detection confidence ≤1', img({ objectDetections: [box, { ...box, confidence: 1 }] }), img({ objectDetections: [box, { ...box, confidence: 1.2 }] }), 'number.max', 'images.0.objectDetections.1.confidence'],
	['detection confidence ≥0', img({ objectDetections: [{ ...box, confidence: 0 }] }), img({ objectDetections: [{ ...box, confidence: -0.1 }] }), 'number.min', 'images.0.objectDetections.0.confidence'],
	['detection class required', img({ objectDetections: [box] }), img({ objectDetections: [{ ...box, class: undefined }] }), 'any.required', 'images.0.objectDetections.0.class'],
	['classifications ≤1000', img({ classifications: Array(1000).fill({ class: 'ok', confidence: 0.8 }) }), img({ classifications: Array(1001).fill({ class: 'ok', confidence: 0.8 }) }), 'array.max', 'images.0.classifications'],
	['classification keys', img({ classifications: [{ class: 'ok', confidence: 0.8 }] }), img({ classifications: [{ class: 'ok', confidence: 0.8, x: 1 }] }), 'object.unknown', 'images.0.classifications.0.x'],
	['instanceSegmentations ≤1000', img({ instanceSegmentations: Array(1000).fill({ ...box, points }) }), img({ instanceSegmentations: Array(1001).fill({ ...box, points }) }), 'array.max', 'images.0.instanceSegmentations'],
	['segmentation ≥3 points', img({ instanceSegmentations: [{ ...box, points }] }), img({ instanceSegmentations: [{ ...box, points: points.slice(0, 2) }] }), 'array.min', 'images.0.instanceSegmentations.0.points'],
	['segmentation point is a pair', img({ instanceSegmentations: [{ ...box, points }] }), img({ instanceSegmentations: [{ ...box, points: [[1], ...points] }] }), 'array.length', 'images.0.instanceSegmentations.0.points.0'],
	['keypoints ≤1000', img({ keypoints: Array(1000).fill(keypoint) }), img({ keypoints: Array(1001).fill(keypoint) }), 'array.max', 'images.0.keypoints'],
	['≥1 keypoint', img({ keypoints: [keypoint] }), img({ keypoints: [{ ...keypoint, keypoints: [] }] }), 'array.min', 'images.0.keypoints.0.keypoints'],
	['keypoint id required', img({ keypoints: [{ ...keypoint, keypoints: [{ id: 1, x: 1, y: 2 }] }] }), img({ keypoints: [{ ...keypoint, keypoints: [{ x: 1, y: 2 }] }] }), 'any.required', 'images.0.keypoints.0.keypoints.0.id'],
	['keypoint occluded boolean', img({ keypoints: [keypoint] }), img({ keypoints: [{ ...keypoint, keypoints: [{ id: 0, x: 1, y: 2, occluded: 'no' }] }] }), 'boolean.base', 'images.0.keypoints.0.keypoints.0.occluded'],
	['customMetadata ≤100 keys', { customMetadata: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])) }, { customMetadata: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])) }, 'object.max', 'customMetadata'],
	['customMetadata object', { customMetadata: { a: 1 } }, { customMetadata: ['a'] }, 'object.base', 'customMetadata'],
	['unknown top-level field', {}, { severity: 'high' }, 'object.unknown', 'severity'],
];

describe('top-level warnings (invalid optional field dropped)', () => {
	it.each(topLevelCases)('%s', async (_name, pass, fail, type, path) => {
		const field = path.split('.')[0];
		const good = await create(event(pass));
		expect(good.res.body.warnings).toBeUndefined();
		if (field in pass) expect(good.stored).toHaveProperty(field);

		const bad = await create(event(fail));
		expect(bad.res.body.warnings).toContainEqual(expect.objectContaining({ type, path }));
		expect(bad.stored).not.toHaveProperty(field);
		expect(bad.stored.eventData).toEqual({ result: 'pass' });
	});
});

describe('customMetadata entries (invalid keys and values dropped, the rest kept)', () => {
	const metaCases: Array<[string, string, unknown, string, unknown]> = [
		['key pattern', 'bad key!', 'v', 'object.unknown', 'bad key'],
		['key ≤100 chars', s(101), 'v', 'object.unknown', s(100)],
		['string ≤1000', 'note', s(1001), 'string.max', s(1000)],
		['≤6 decimals', 'temperature', 1.1234567, 'number.precision', 1.123456],
		['no nested object', 'nested', { a: 1 }, 'alternatives.types', true],
		['no array', 'list', [1, 2], 'alternatives.types', false],
		['no null', 'nothing', null, 'alternatives.types', 0],
	];
	it.each(metaCases)('%s', async (_name, key, badValue, type, goodValue) => {
		const goodKey = _name.startsWith('key') ? (goodValue as string) : key;
		const good = await create(event({ customMetadata: { [goodKey]: _name.startsWith('key') ? 'v' : goodValue } }));
		expect(good.res.body.warnings).toBeUndefined();
		expect(Object.keys(good.stored.customMetadata ?? {})).toEqual([goodKey]);

		const bad = await create(event({ customMetadata: { keep_me: 'yes', [key]: badValue } }));
		expect(bad.res.body.warnings).toEqual([
			{ type, path: `customMetadata.${key}`, value: badValue, valueType: typeof badValue },
		]);
		expect(bad.stored.customMetadata).toEqual({ keep_me: 'yes' });
	});
});

it('reports several problems at once and still stores the event', async () => {
	const body = event({
		eventType: 'safety_alert',
		eventData: { severity: 'extreme', alertType: 'ok' },
		deviceId: s(300),
		displayImagePosition: 5,
		customMetadata: { good: true, 'bad/key': 1 },
		extraField: 1,
	});
	const res = await api('POST', '/vision-events', body);
	expect(res.status).toBe(201);
	expect(res.body.warnings.map((w: { path: string }) => w.path).sort()).toEqual(
		['customMetadata.bad/key', 'deviceId', 'eventData.severity', 'extraField'].sort(),
	);
	expect(sb.state.visionEvents.get(body.eventId as string)).toMatchObject({
		eventData: {},
		displayImagePosition: 5,
		customMetadata: { good: true },
	});
});

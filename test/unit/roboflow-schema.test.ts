/** schema.ts rule by rule: each constraint of the Create Vision Event seed, at and past its limit. */
import {
	createEventValidator,
	decimalPlaces,
	LIMITS,
	parseIsoTimestamp,
	validateImageMetadata,
} from '../../nodes/Roboflow/schema';
import { DAY } from '../helpers/time';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const validate = createEventValidator(NOW);
const ID = '3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b';

type Body = Record<string, unknown>;
const event = (extra: Body = {}, eventType = 'quality_check', eventData: unknown = {}): Body => ({
	eventId: ID,
	eventType,
	useCaseId: 'a1b3c8e1',
	timestamp: '2026-06-15T11:00:00Z',
	eventData,
	...extra,
});
const data = (eventType: string, eventData: Body) => event({}, eventType, eventData);
const image = (img: Body) => event({ images: [img] });
const box = { class: 'defect', x: 1, y: 2, width: 3, height: 4, confidence: 0.5 };
const n = (count: number, value: unknown) => Array.from({ length: count }, () => value);
const s = (length: number, char = 'a') => char.repeat(length);

/** [rule, valid body, invalid body, expected path, expected message fragment] */
const RULES: Array<[string, Body, Body, string, string]> = [
	['eventId required', event(), { ...event(), eventId: undefined }, 'eventId', 'is required'],
	['eventId any non-empty string', event({ eventId: 'evt-001' }), event({ eventId: '' }), 'eventId', 'is required'],
	['eventId string', event(), event({ eventId: 1 }), 'eventId', 'must be a string'],
	['eventType enum', event({}, 'operator_feedback', { relatedEventId: ID, feedback: 'correct' }), event({ eventType: 'x' }), 'eventType', 'must be one of quality_check, inventory_count, safety_alert, custom, operator_feedback'],
	['eventType required', event(), { ...event(), eventType: undefined }, 'eventType', 'is required'],
	['useCaseId required', event(), event({ useCaseId: '' }), 'useCaseId', 'is required'],
	['useCaseId ≤256', event({ useCaseId: s(256) }), event({ useCaseId: s(257) }), 'useCaseId', 'at most 256 characters'],
	['timestamp required', event(), { ...event(), timestamp: undefined }, 'timestamp', 'is required'],
	['timestamp ISO 8601', event({ timestamp: '2026-06-15' }), event({ timestamp: '15/06/2026' }), 'timestamp', 'must be an ISO 8601 date-time'],
	['timestamp ≥ one year ago', event({ timestamp: new Date(NOW - 365 * DAY + 1000).toISOString() }), event({ timestamp: new Date(NOW - 365 * DAY - 1000).toISOString() }), 'timestamp', 'between one year ago and tomorrow'],
	['timestamp ≤ tomorrow', event({ timestamp: new Date(NOW + DAY - 1000).toISOString() }), event({ timestamp: new Date(NOW + DAY + 1000).toISOString() }), 'timestamp', 'between one year ago and tomorrow'],
	['timestamp with offset', event({ timestamp: '2026-06-15T13:30:00+02:00' }), event({ timestamp: '2026-06-17T01:00:00+02:00' }), 'timestamp', 'between one year ago and tomorrow'],
	['eventData required', event(), { ...event(), eventData: undefined }, 'eventData', 'is required'],
	['eventData object', event(), event({ eventData: [] }), 'eventData', 'must be an object'],
	['deviceId ≤256', event({ deviceId: s(256) }), event({ deviceId: s(257) }), 'deviceId', 'at most 256'],
	['streamId ≤256', event({ streamId: s(256) }), event({ streamId: s(257) }), 'streamId', 'at most 256'],
	['workflowId ≤256', event({ workflowId: s(256) }), event({ workflowId: s(257) }), 'workflowId', 'at most 256'],
	['workflowVersion ≤64', event({ workflowVersion: s(64) }), event({ workflowVersion: s(65) }), 'workflowVersion', 'at most 64'],
	['comment allowed (string)', event({ comment: 'looks wrong' }), event({ comment: 5 }), 'comment', 'must be a string'],
	['unknown top-level field', event(), event({ camera: 'x' }), 'camera', 'is not a field the API accepts here'],
	['images ≤1000', event({ images: n(1000, {}) }), event({ images: n(1001, {}) }), 'images', 'at most 1000 images'],
	['images array', event({ images: [] }), event({ images: {} }), 'images', 'must be an array of image objects'],
	['image fields', image({ label: 'l', sourceId: 's', inputSourceId: 'i' }), image({ file: 'x.jpg' }), 'images.0.file', 'is not a field'],
	['objectDetections ≤1000', image({ objectDetections: n(1000, box) }), image({ objectDetections: n(1001, box) }), 'images.0.objectDetections', 'at most 1000 entries'],
	['classifications ≤1000', image({ classifications: n(1000, { class: 'c', confidence: 1 }) }), image({ classifications: n(1001, { class: 'c', confidence: 1 }) }), 'images.0.classifications', 'at most 1000 entries'],
	['instanceSegmentations ≤1000', image({ instanceSegmentations: n(1000, { ...box, points: [[0, 0], [1, 1], [2, 2]] }) }), image({ instanceSegmentations: n(1001, { ...box, points: [[0, 0], [1, 1], [2, 2]] }) }), 'images.0.instanceSegmentations', 'at most 1000 entries'],
	['keypoints ≤1000', image({ keypoints: n(1000, { ...box, keypoints: [{ id: 0, x: 1, y: 1 }] }) }), image({ keypoints: n(1001, { ...box, keypoints: [{ id: 0, x: 1, y: 1 }] }) }), 'images.0.keypoints', 'at most 1000 entries'],
	['detection class required', image({ objectDetections: [box] }), image({ objectDetections: [{ ...box, class: undefined }] }), 'images.0.objectDetections.0.class', 'is required'],
	['detection box numbers', image({ objectDetections: [box] }), image({ objectDetections: [{ ...box, width: 'wide' }] }), 'images.0.objectDetections.0.width', 'must be a number'],
	['confidence ≤1', image({ objectDetections: [{ ...box, confidence: 1 }] }), image({ objectDetections: [{ ...box, confidence: 1.5 }] }), 'images.0.objectDetections.0.confidence', 'between 0 and 1'],
	['confidence ≥0', image({ classifications: [{ class: 'c', confidence: 0 }] }), image({ classifications: [{ class: 'c', confidence: -1 }] }), 'images.0.classifications.0.confidence', 'between 0 and 1'],
	['detection fields only', image({ objectDetections: [box] }), image({ objectDetections: [{ ...box, color: 'red' }] }), 'images.0.objectDetections.0.color', 'is not a field'],
	['segmentation points ≥3', image({ instanceSegmentations: [{ ...box, points: [[0, 0], [1, 1], [2, 2]] }] }), image({ instanceSegmentations: [{ ...box, points: [[0, 0], [1, 1]] }] }), 'images.0.instanceSegmentations.0.points', 'at least 3 points'],
	['segmentation points are pairs', image({ instanceSegmentations: [{ ...box, points: [[0, 0], [1, 1], [2, 2]] }] }), image({ instanceSegmentations: [{ ...box, points: [[0, 0], [1], [2, 2]] }] }), 'images.0.instanceSegmentations.0.points.1', ''],
	['keypoints ≥1', image({ keypoints: [{ ...box, keypoints: [{ id: 0, x: 1, y: 1, occluded: true }] }] }), image({ keypoints: [{ ...box, keypoints: [] }] }), 'images.0.keypoints.0.keypoints', 'at least 1 keypoint'],
	['keypoint id required', image({ keypoints: [{ ...box, keypoints: [{ id: 0, x: 1, y: 1 }] }] }), image({ keypoints: [{ ...box, keypoints: [{ x: 1, y: 1 }] }] }), 'images.0.keypoints.0.keypoints.0.id', 'is required'],
	['keypoint occluded boolean', image({ keypoints: [{ ...box, keypoints: [{ id: 0, x: 1, y: 1, occluded: false }] }] }), image({ keypoints: [{ ...box, keypoints: [{ id: 0, x: 1, y: 1, occluded: 1 }] }] }), 'images.0.keypoints.0.keypoints.0.occluded', 'must be true or false'],
	['displayImagePosition ≤999', event({ displayImagePosition: 999 }), event({ displayImagePosition: 1000 }), 'displayImagePosition', 'between 0 and 999'],
	['displayImagePosition ≥0', event({ displayImagePosition: 0 }), event({ displayImagePosition: -1 }), 'displayImagePosition', 'between 0 and 999'],
	['displayImagePosition whole', event({ displayImagePosition: 3 }), event({ displayImagePosition: 0.5 }), 'displayImagePosition', 'whole number'],
	['customMetadata object', event({ customMetadata: {} }), event({ customMetadata: 'x' }), 'customMetadata', 'must be an object'],
	['customMetadata ≤100 keys', event({ customMetadata: Object.fromEntries(n(100, 0).map((_, i) => [`k${i}`, i])) }), event({ customMetadata: Object.fromEntries(n(101, 0).map((_, i) => [`k${i}`, i])) }), 'customMetadata', 'at most 100 are allowed'],
	['customMetadata key pattern', event({ customMetadata: { 'a Z_0-9': 1 } }), event({ customMetadata: { 'a/b': 1 } }), 'customMetadata.a/b', 'key may only contain'],
	['customMetadata key ≤100', event({ customMetadata: { [s(100)]: 1 } }), event({ customMetadata: { [s(101)]: 1 } }), `customMetadata.${s(101)}`, 'key must be at most 100 characters'],
	['customMetadata string ≤1000', event({ customMetadata: { k: s(1000) } }), event({ customMetadata: { k: s(1001) } }), 'customMetadata.k', 'at most 1000 characters'],
	['customMetadata ≤6 decimals', event({ customMetadata: { k: 0.000001 } }), event({ customMetadata: { k: 0.0000001 } }), 'customMetadata.k', 'at most 6 decimal places'],
	['customMetadata boolean', event({ customMetadata: { k: false } }), event({ customMetadata: { k: { nested: true } } }), 'customMetadata.k', 'must be a string, a number or a boolean'],
	['quality result enum', data('quality_check', { result: 'fail' }), data('quality_check', { result: 'FAIL' }), 'eventData.result', 'must be one of pass, fail'],
	['externalId ≤1000', data('custom', { externalId: s(1000) }), data('custom', { externalId: s(1001) }), 'eventData.externalId', 'at most 1000'],
	['quality_check fields only', data('quality_check', { result: 'pass', externalId: 'x' }), data('quality_check', { value: 'x' }), 'eventData.value', 'is not a field'],
	['location ≤1000', data('inventory_count', { location: s(1000) }), data('inventory_count', { location: s(1001) }), 'eventData.location', 'at most 1000'],
	['itemType ≤1000', data('inventory_count', { itemType: s(1000) }), data('inventory_count', { itemType: s(1001) }), 'eventData.itemType', 'at most 1000'],
	['itemCount integer', data('inventory_count', { itemCount: 7 }), data('inventory_count', { itemCount: 7.5 }), 'eventData.itemCount', 'whole number'],
	['itemCount ≥0', data('inventory_count', { itemCount: 0 }), data('inventory_count', { itemCount: -1 }), 'eventData.itemCount', '0 or more'],
	['alertType ≤256', data('safety_alert', { alertType: s(256) }), data('safety_alert', { alertType: s(257) }), 'eventData.alertType', 'at most 256'],
	['alertType pattern', data('safety_alert', { alertType: 'no_hard-hat2' }), data('safety_alert', { alertType: 'no hardhat!' }), 'eventData.alertType', 'letters, digits, underscores and dashes'],
	['severity enum', data('safety_alert', { severity: 'high' }), data('safety_alert', { severity: 'critical' }), 'eventData.severity', 'must be one of low, medium, high'],
	['description ≤10000', data('safety_alert', { description: s(10000) }), data('safety_alert', { description: s(10001) }), 'eventData.description', 'at most 10000'],
	['custom value ≤10000', data('custom', { value: s(10000) }), data('custom', { value: s(10001) }), 'eventData.value', 'at most 10000'],
	['relatedEventId required', data('operator_feedback', { relatedEventId: ID, feedback: 'correct' }), data('operator_feedback', { feedback: 'correct' }), 'eventData.relatedEventId', 'is required'],
	['relatedEventId UUID', data('operator_feedback', { relatedEventId: ID, feedback: 'correct' }), data('operator_feedback', { relatedEventId: 'evt', feedback: 'correct' }), 'eventData.relatedEventId', 'must be a UUID'],
	['feedback required', data('operator_feedback', { relatedEventId: ID, feedback: 'incorrect' }), data('operator_feedback', { relatedEventId: ID }), 'eventData.feedback', 'is required'],
	['feedback enum', data('operator_feedback', { relatedEventId: ID, feedback: 'inconclusive' }), data('operator_feedback', { relatedEventId: ID, feedback: 'maybe' }), 'eventData.feedback', 'must be one of correct, incorrect, inconclusive'],
	['operator_feedback has no externalId', data('operator_feedback', { relatedEventId: ID, feedback: 'correct' }), data('operator_feedback', { relatedEventId: ID, feedback: 'correct', externalId: 'x' }), 'eventData.externalId', 'is not a field'],
];

describe('schema: every seed rule', () => {
	it.each(RULES)('%s', (_rule, valid, invalid, path, message) => {
		expect(validate(valid)).toEqual([]);
		const issues = validate(invalid);
		expect(issues).toEqual(expect.arrayContaining([{ path, message: expect.stringContaining(message) }]));
	});
});

describe('schema: reporting', () => {
	it('reports all problems, eventData ones even when a sibling field has the wrong type', () => {
		const issues = validate({ ...data('safety_alert', { severity: 'x', extra: 1 }), deviceId: 5 });
		expect(issues.map((i) => i.path).sort()).toEqual(['deviceId', 'eventData.extra', 'eventData.severity']);
	});

	it('a body that is not an object is one issue', () => {
		expect(validate([])).toEqual([{ path: '(body)', message: 'must be a JSON object' }]);
	});

	it('the window is anchored at the validator\'s now', () => {
		const later = createEventValidator(NOW + 400 * DAY);
		expect(later(event())[0]).toEqual({ path: 'timestamp', message: 'must be between one year ago and tomorrow' });
	});

	it('LIMITS carries the numbers of the seed', () => {
		expect(LIMITS).toMatchObject({ useCaseId: 256, workflowVersion: 64, images: 1000, metadataKeys: 100, description: 10000 });
	});
});

describe('schema helpers', () => {
	it.each([
		[1, 0],
		[72.5, 1],
		[0.123456, 6],
		[0.0000001, 7],
		[1e-7, 7],
		[1.5e-5, 6],
		[123456789, 0],
	])('decimalPlaces(%p) = %p', (value, places) => expect(decimalPlaces(value)).toBe(places));

	it.each([
		['2026-06-15T12:00:00Z', NOW],
		['2026-06-15T14:00:00+02:00', NOW],
		['2026-06-15T12:00:00', NOW],
		['2026-06-15 12:00:00.000Z', NOW],
		['2026-06-15', Date.parse('2026-06-15T00:00:00Z')],
		['2026-06-15T12:00', NOW],
		['June 15 2026', null],
		['2026-13-45T00:00:00Z', null],
		['', null],
	])('parseIsoTimestamp(%p)', (text, ms) => expect(parseIsoTimestamp(text)).toBe(ms));

	it('image upload metadata follows the custom metadata rules', () => {
		expect(validateImageMetadata({ line: 'A1', n: 2, ok: true })).toEqual([]);
		expect(validateImageMetadata({ 'a.b': 1 })).toEqual([
			{ path: 'metadata.a.b', message: 'key may only contain letters, digits, underscores, hyphens and spaces' },
		]);
		expect(validateImageMetadata([1])[0].path).toBe('metadata');
	});
});

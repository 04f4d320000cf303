/**
 * Every limit of the Create Vision Event seed, each with a passing and a failing body:
 * - strict (default): the failing body is an error naming the field path and the item, and no
 *   request is sent; the passing body is stored without warnings;
 * - server: the failing body is sent as is, and the sandbox's answer comes back (a warning in
 *   the output for optional fields, the API's 400 message for the four required ones).
 * The bodies run as items in "Item JSON" mode, all cases of a kind in one workflow run.
 */
import { randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { DAY, HOUR, isoFromNow } from '../helpers/time';
import type { RunResult } from '../helpers/workflow';
import { apiCalls, createParams, itemModeParams, NODE, runRoboflow, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const USE_CASE = SEED.useCases.lineAQuality;
const LONG_USE_CASE = 'u'.repeat(256);

type Body = IDataObject;
type ServerOutcome = { type: string; path?: string } | { error: string } | 'accepted';
interface Case {
	rule: string;
	path: string;
	fail: Body;
	pass?: Body;
	server: ServerOutcome;
}

const ev = (eventType: string, eventData: unknown, extra: Body = {}): Body => ({
	eventId: randomUUID(),
	eventType,
	useCaseId: USE_CASE,
	timestamp: isoFromNow(-HOUR),
	eventData: eventData as Body,
	...extra,
});
const qc = (extra: Body = {}) => ev('quality_check', { result: 'pass' }, extra);
const withImage = (image: Body) => qc({ images: [image] });
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const box = { class: 'defect', x: 100, y: 200, width: 50, height: 30, confidence: 0.95 };
const segmentation = { ...box, points: [[100, 200], [120, 210], [110, 230]] };
const keypoint = { ...box, keypoints: [{ id: 0, x: 105, y: 205, occluded: false }, { id: 1, x: 115, y: 215 }] };
const metadata = (entries: Body) => qc({ customMetadata: entries });
const keys = (n: number) => Object.fromEntries(times(n, (i) => [`key_${i}`, i]));
const RANGE_ERROR = 'timestamp must be between one year ago and tomorrow';
const noEventData = qc();
delete noEventData.eventData;

const CASES: Case[] = [
	// Required top-level fields: strictly validated by the API too (400).
	// Any non-empty string, as Roboflow's own SDK examples use "evt-001" (the docs advise a UUID).
	{ rule: 'eventId is a string', path: 'eventId', fail: qc({ eventId: 12345 }), pass: qc({ eventId: 'evt-001' }), server: { error: 'eventId must be a non-empty string' } },
	{ rule: 'eventType is one of the five types', path: 'eventType', fail: ev('defect_check', {}), pass: ev('custom', {}), server: { error: 'eventType must be one of quality_check, inventory_count, safety_alert, custom, operator_feedback' } },
	{ rule: 'useCaseId has at most 256 characters', path: 'useCaseId', fail: qc({ useCaseId: 'u'.repeat(257) }), pass: qc({ useCaseId: LONG_USE_CASE }), server: { error: 'useCaseId must be at most 256 characters' } },
	{ rule: 'timestamp is ISO 8601', path: 'timestamp', fail: qc({ timestamp: 'last tuesday' }), pass: qc({ timestamp: isoFromNow(-DAY).replace('Z', '+00:00') }), server: { error: 'timestamp must be a valid ISO 8601 date' } },
	{ rule: 'timestamp is at most one year ago', path: 'timestamp', fail: qc({ timestamp: isoFromNow(-366 * DAY) }), pass: qc({ timestamp: isoFromNow(-364 * DAY) }), server: { error: RANGE_ERROR } },
	{ rule: 'timestamp is at most tomorrow', path: 'timestamp', fail: qc({ timestamp: isoFromNow(25 * HOUR) }), pass: qc({ timestamp: isoFromNow(23 * HOUR) }), server: { error: RANGE_ERROR } },
	// eventData: required and an object.
	{ rule: 'eventData is required', path: 'eventData', fail: noEventData, server: { type: 'any.required' } },
	{ rule: 'eventData is an object', path: 'eventData', fail: qc({ eventData: 'pass' }), server: { type: 'object.base' } },
	// Optional context fields.
	{ rule: 'deviceId has at most 256 characters', path: 'deviceId', fail: qc({ deviceId: 'd'.repeat(257) }), pass: qc({ deviceId: 'd'.repeat(256) }), server: { type: 'string.max' } },
	{ rule: 'streamId has at most 256 characters', path: 'streamId', fail: qc({ streamId: 's'.repeat(257) }), pass: qc({ streamId: 's'.repeat(256) }), server: { type: 'string.max' } },
	{ rule: 'workflowId has at most 256 characters', path: 'workflowId', fail: qc({ workflowId: 'w'.repeat(257) }), pass: qc({ workflowId: 'w'.repeat(256) }), server: { type: 'string.max' } },
	{ rule: 'workflowVersion has at most 64 characters', path: 'workflowVersion', fail: qc({ workflowVersion: 'v'.repeat(65) }), pass: qc({ workflowVersion: 'v'.repeat(64) }), server: { type: 'string.max' } },
	{ rule: 'deviceId is a string', path: 'deviceId', fail: qc({ deviceId: 7 }), server: { type: 'string.base' } },
	{ rule: 'no unknown top-level fields', path: 'cameraName', fail: qc({ cameraName: 'dock' }), server: { type: 'object.unknown' } },
	// Images.
	{ rule: 'images has at most 1000 entries', path: 'images', fail: qc({ images: times(1001, () => ({ sourceId: 's' })) }), pass: qc({ images: times(1000, () => ({ sourceId: 's' })) }), server: { type: 'array.max' } },
	{ rule: 'images is an array', path: 'images', fail: qc({ images: { sourceId: 's' } }), server: { type: 'array.base' } },
	{ rule: 'image objects have only documented fields', path: 'images.0.url', fail: withImage({ sourceId: 's', url: 'https://x' }), pass: withImage({ label: 'l', sourceId: 's', inputSourceId: 'i' }), server: { type: 'object.unknown' } },
	{ rule: 'objectDetections has at most 1000 entries', path: 'images.0.objectDetections', fail: withImage({ objectDetections: times(1001, () => box) }), pass: withImage({ objectDetections: times(1000, () => box) }), server: { type: 'array.max' } },
	{ rule: 'classifications has at most 1000 entries', path: 'images.0.classifications', fail: withImage({ classifications: times(1001, () => ({ class: 'c', confidence: 0.5 })) }), pass: withImage({ classifications: times(1000, () => ({ class: 'c', confidence: 0.5 })) }), server: { type: 'array.max' } },
	{ rule: 'instanceSegmentations has at most 1000 entries', path: 'images.0.instanceSegmentations', fail: withImage({ instanceSegmentations: times(1001, () => segmentation) }), pass: withImage({ instanceSegmentations: times(1000, () => segmentation) }), server: { type: 'array.max' } },
	{ rule: 'keypoints has at most 1000 entries', path: 'images.0.keypoints', fail: withImage({ keypoints: times(1001, () => keypoint) }), pass: withImage({ keypoints: times(1000, () => keypoint) }), server: { type: 'array.max' } },
	{ rule: 'a detection has class, x, y, width, height and confidence', path: 'images.0.objectDetections.0.confidence', fail: withImage({ objectDetections: [{ ...box, confidence: undefined }] }), server: { type: 'any.required' } },
	{ rule: 'detection coordinates are numbers', path: 'images.0.objectDetections.0.x', fail: withImage({ objectDetections: [{ ...box, x: '100' }] }), server: { type: 'number.base' } },
	{ rule: 'confidence is at most 1', path: 'images.0.classifications.0.confidence', fail: withImage({ classifications: [{ class: 'c', confidence: 1.01 }] }), pass: withImage({ classifications: [{ class: 'c', confidence: 1 }, { class: 'd', confidence: 0 }] }), server: { type: 'number.max' } },
	{ rule: 'confidence is at least 0', path: 'images.0.objectDetections.0.confidence', fail: withImage({ objectDetections: [{ ...box, confidence: -0.1 }] }), server: { type: 'number.min' } },
	{ rule: 'a segmentation has at least 3 points', path: 'images.0.instanceSegmentations.0.points', fail: withImage({ instanceSegmentations: [{ ...box, points: [[1, 2], [3, 4]] }] }), pass: withImage({ instanceSegmentations: [segmentation] }), server: { type: 'array.min' } },
	{ rule: 'segmentation points are [x, y] pairs', path: 'images.0.instanceSegmentations.0.points.1', fail: withImage({ instanceSegmentations: [{ ...box, points: [[1, 2], [3, 4, 5], [6, 7]] }] }), server: { type: 'array.length' } },
	{ rule: 'a keypoint detection has at least 1 keypoint', path: 'images.0.keypoints.0.keypoints', fail: withImage({ keypoints: [{ ...box, keypoints: [] }] }), pass: withImage({ keypoints: [keypoint] }), server: { type: 'array.min' } },
	{ rule: 'keypoint occluded is a boolean', path: 'images.0.keypoints.0.keypoints.0.occluded', fail: withImage({ keypoints: [{ ...box, keypoints: [{ id: 0, x: 1, y: 2, occluded: 'yes' }] }] }), server: { type: 'boolean.base' } },
	{ rule: 'displayImagePosition is at most 999', path: 'displayImagePosition', fail: qc({ displayImagePosition: 1000 }), pass: qc({ displayImagePosition: 999 }), server: { type: 'number.max' } },
	{ rule: 'displayImagePosition is at least 0', path: 'displayImagePosition', fail: qc({ displayImagePosition: -1 }), pass: qc({ displayImagePosition: 0 }), server: { type: 'number.min' } },
	{ rule: 'displayImagePosition is a whole number', path: 'displayImagePosition', fail: qc({ displayImagePosition: 1.5 }), server: { type: 'number.integer' } },
	// Custom metadata.
	{ rule: 'customMetadata has at most 100 keys', path: 'customMetadata', fail: metadata(keys(101)), pass: metadata(keys(100)), server: { type: 'object.max' } },
	{ rule: 'customMetadata keys match [a-zA-Z0-9_ -]+', path: 'customMetadata.line.a', fail: metadata({ 'line.a': 'x' }), pass: metadata({ 'Line A_1-b': 'x' }), server: { type: 'object.unknown' } },
	{ rule: 'customMetadata keys have at most 100 characters', path: `customMetadata.${'k'.repeat(101)}`, fail: metadata({ ['k'.repeat(101)]: 1 }), pass: metadata({ ['k'.repeat(100)]: 1 }), server: { type: 'object.unknown' } },
	{ rule: 'customMetadata strings have at most 1000 characters', path: 'customMetadata.note', fail: metadata({ note: 'n'.repeat(1001) }), pass: metadata({ note: 'n'.repeat(1000) }), server: { type: 'string.max' } },
	{ rule: 'customMetadata numbers have at most 6 decimals', path: 'customMetadata.temperature', fail: metadata({ temperature: 72.1234567 }), pass: metadata({ temperature: 72.123456 }), server: { type: 'number.precision' } },
	{ rule: 'customMetadata values are strings, numbers or booleans', path: 'customMetadata.flags', fail: metadata({ flags: ['a'] }), pass: metadata({ ok: true, n: 3, s: 'x' }), server: { type: 'alternatives.types' } },
	{ rule: 'customMetadata values are not null', path: 'customMetadata.shift', fail: metadata({ shift: null }), server: { type: 'alternatives.types' } },
	{ rule: 'customMetadata is an object', path: 'customMetadata', fail: qc({ customMetadata: [1, 2] }), server: { type: 'object.base' } },
	// eventData per type.
	{ rule: 'quality_check result is pass or fail', path: 'eventData.result', fail: ev('quality_check', { result: 'ok' }), pass: ev('quality_check', { result: 'fail' }), server: { type: 'any.only' } },
	{ rule: 'externalId has at most 1000 characters', path: 'eventData.externalId', fail: ev('quality_check', { externalId: 'e'.repeat(1001) }), pass: ev('quality_check', { externalId: 'e'.repeat(1000) }), server: { type: 'string.max' } },
	{ rule: 'quality_check has no other eventData fields', path: 'eventData.confidence', fail: ev('quality_check', { result: 'pass', confidence: 0.9 }), server: { type: 'object.unknown' } },
	{ rule: 'inventory location has at most 1000 characters', path: 'eventData.location', fail: ev('inventory_count', { location: 'l'.repeat(1001) }), pass: ev('inventory_count', { location: 'l'.repeat(1000), externalId: 'e'.repeat(1000) }), server: { type: 'string.max' } },
	{ rule: 'inventory itemType has at most 1000 characters', path: 'eventData.itemType', fail: ev('inventory_count', { itemType: 't'.repeat(1001) }), pass: ev('inventory_count', { itemType: 't'.repeat(1000) }), server: { type: 'string.max' } },
	{ rule: 'inventory itemCount is a whole number', path: 'eventData.itemCount', fail: ev('inventory_count', { itemCount: 2.5 }), pass: ev('inventory_count', { itemCount: 42 }), server: { type: 'number.integer' } },
	{ rule: 'inventory itemCount is 0 or more', path: 'eventData.itemCount', fail: ev('inventory_count', { itemCount: -1 }), pass: ev('inventory_count', { itemCount: 0 }), server: { type: 'number.min' } },
	{ rule: 'inventory itemCount is a number', path: 'eventData.itemCount', fail: ev('inventory_count', { itemCount: '42' }), server: { type: 'number.base' } },
	{ rule: 'safety alertType has at most 256 characters', path: 'eventData.alertType', fail: ev('safety_alert', { alertType: 'a'.repeat(257) }), pass: ev('safety_alert', { alertType: 'a'.repeat(256) }), server: { type: 'string.max' } },
	{ rule: 'safety alertType is letters, digits, _ and -', path: 'eventData.alertType', fail: ev('safety_alert', { alertType: 'no hardhat' }), pass: ev('safety_alert', { alertType: 'No_hard-hat2' }), server: { type: 'string.pattern.base' } },
	{ rule: 'safety severity is low, medium or high', path: 'eventData.severity', fail: ev('safety_alert', { severity: 'critical' }), pass: ev('safety_alert', { severity: 'medium' }), server: { type: 'any.only' } },
	{ rule: 'safety description has at most 10000 characters', path: 'eventData.description', fail: ev('safety_alert', { description: 'd'.repeat(10001) }), pass: ev('safety_alert', { description: 'd'.repeat(10000), externalId: 'x' }), server: { type: 'string.max' } },
	{ rule: 'custom value has at most 10000 characters', path: 'eventData.value', fail: ev('custom', { value: 'v'.repeat(10001) }), pass: ev('custom', { value: 'v'.repeat(10000), externalId: 'x' }), server: { type: 'string.max' } },
	{ rule: 'feedback relatedEventId is required', path: 'eventData.relatedEventId', fail: ev('operator_feedback', { feedback: 'correct' }), pass: ev('operator_feedback', { relatedEventId: randomUUID(), feedback: 'correct' }), server: { type: 'any.required' } },
	{ rule: 'feedback relatedEventId is a UUID', path: 'eventData.relatedEventId', fail: ev('operator_feedback', { relatedEventId: 'evt-1', feedback: 'correct' }), server: { type: 'string.guid' } },
	{ rule: 'feedback is required', path: 'eventData.feedback', fail: ev('operator_feedback', { relatedEventId: randomUUID() }), server: { type: 'any.required' } },
	{ rule: 'feedback is correct, incorrect or inconclusive', path: 'eventData.feedback', fail: ev('operator_feedback', { relatedEventId: randomUUID(), feedback: 'wrong' }), pass: ev('operator_feedback', { relatedEventId: randomUUID(), feedback: 'inconclusive' }), server: { type: 'any.only' } },
	{ rule: 'operator_feedback takes no externalId', path: 'eventData.externalId', fail: ev('operator_feedback', { relatedEventId: randomUUID(), feedback: 'correct', externalId: 'x' }), server: { type: 'object.unknown' } },
];

const PASSING = CASES.filter((c) => c.pass);

describe('Roboflow validation: every seed limit', () => {
	let strictFail: RunResult;
	let strictFailRequests = 0;
	let strictPass: RunResult;
	let serverFail: RunResult;

	beforeAll(async () => {
		const s = sandbox;
		s.reset();
		const at = new Date().toISOString();
		s.state.useCases.set(LONG_USE_CASE, { id: LONG_USE_CASE, name: 'Long id', status: 'active', workspaceId: SEED.workspace, createdAt: at, updatedAt: at });
		strictFail = await runRoboflow(s, itemModeParams(), { items: CASES.map((c) => c.fail), continueOnFail: true });
		strictFailRequests = apiCalls(s).length;
		strictPass = await runRoboflow(s, itemModeParams(), { items: PASSING.map((c) => c.pass as Body) });
		serverFail = await runRoboflow(s, itemModeParams({ validation: 'server', concurrency: 10 }), {
			items: CASES.map((c) => c.fail),
			continueOnFail: true,
		});
	}, 60000);

	it('strict sends no request for any failing body', () => {
		expect(strictFail.status).toBe('success');
		expect(strictFail.json(NODE)).toHaveLength(CASES.length);
		expect(strictFailRequests).toBe(0);
	});

	it.each(CASES.map((c, i) => [c.rule, c, i] as const))('strict rejects: %s', (_rule, c, i) => {
		const out = strictFail.json(NODE)[i];
		expect(out.error).toEqual(expect.stringMatching(new RegExp(`^Invalid vision event in item ${i}: `)));
		expect((out.error as string).startsWith(`Invalid vision event in item ${i}: ${c.path} `)).toBe(true);
		expect(strictFail.items(NODE)[i].pairedItem).toEqual({ item: i });
	});

	it.each(PASSING.map((c, i) => [c.rule, i] as const))('strict accepts and the API stores without warnings: %s', (_rule, i) => {
		expect(strictPass.status).toBe('success');
		expect(strictPass.json(NODE)[i]).toEqual({ eventId: PASSING[i].pass?.eventId, created: true });
	});

	it.each(CASES.map((c, i) => [c.rule, c, i] as const))('server sends as is: %s', (_rule, c, i) => {
		const out = serverFail.json(NODE)[i];
		if (c.server === 'accepted') {
			expect(out).toEqual({ eventId: c.fail.eventId, created: true });
		} else if ('error' in c.server) {
			expect(out.error).toBe(c.server.error);
			expect(out.statusCode).toBe(400);
		} else {
			expect(out.created).toBe(true);
			expect(out.warnings).toEqual(
				expect.arrayContaining([expect.objectContaining({ type: c.server.type, path: c.server.path ?? c.path })]),
			);
		}
	});
});

describe('Roboflow validation: fields mode and stopping', () => {
	it('names mapped fields as the panel shows them, and the item, before any request', async () => {
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, {
				eventType: 'safety_alert',
				severity: '={{ $json.severity }}',
				additionalFields: { customMetadata: { entries: [{ key: 'temp', type: 'number', value: '={{ $json.temp }}' }] } },
			}),
			{ items: [{ severity: 'low', temp: '21.5' }, { severity: 'critical', temp: 'warm' }], continueOnFail: true },
		);
		const [good, bad] = result.json(NODE);
		expect(good.created).toBe(true);
		expect(bad.error).toBe('Invalid vision event in item 1: Additional Fields → Custom Metadata → temp is not a number (and 1 more)');
		expect(bad.description).toContain('• Severity must be one of low, medium, high');
		expect(bad.description).toContain('Nothing was sent for this item.');
		expect(apiCalls(sandbox, '/vision-events')).toHaveLength(1);
	});

	it('names top-level and nested mapped fields by the panel too; Item JSON keeps the body path', async () => {
		const images = { imagesJson: '[{"sourceId": 5}]' };
		const mapped = await runRoboflow(sandbox, createParams(USE_CASE, { eventType: 'custom', timestamp: '2001-01-01T00:00:00Z', additionalFields: images }));
		expect(mapped.error?.message).toBe('Invalid vision event in item 0: Timestamp must be between one year ago and tomorrow (and 1 more)');
		expect(mapped.error?.description).toContain('• Additional Fields → Images (JSON) → 0.sourceId must be a string');
		const item = await runRoboflow(sandbox, itemModeParams(), { items: [ev('custom', {}, { images: [{ sourceId: 5 }] })] });
		expect(item.error?.message).toBe('Invalid vision event in item 0: images.0.sourceId must be a string');
		expect(apiCalls(sandbox)).toHaveLength(0);
	});

	it('without "continue on fail" one invalid item stops the node and nothing is sent', async () => {
		const result = await runRoboflow(sandbox, itemModeParams(), {
			items: [qc(), qc(), ev('safety_alert', { severity: 'critical' })],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Invalid vision event in item 2: eventData.severity must be one of low, medium, high');
		expect(apiCalls(sandbox)).toHaveLength(0);
	});

	it('an explicit Event ID that is not a UUID is sent as it is (Roboflow takes any non-empty string)', async () => {
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, { eventType: 'custom', additionalFields: { eventId: 'evt-001' } }),
		);
		expect(result.json(NODE)).toEqual([{ eventId: 'evt-001', created: true }]);
		expect((apiCalls(sandbox, '/vision-events')[0].body as IDataObject).eventId).toBe('evt-001');
	});

	it('Related Event ID must still be a UUID (the create docs say "the event ID (UUID)")', async () => {
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, { eventType: 'operator_feedback', relatedEventId: 'evt-001', feedback: 'correct' }),
		);
		expect(result.error?.message).toBe('Invalid vision event in item 0: Related Event ID must be a UUID');
		expect(apiCalls(sandbox)).toHaveLength(0);
	});

	it('Images (JSON) that is not JSON is an error in any validation mode', async () => {
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, { eventType: 'custom', options: { validation: 'server' }, additionalFields: { imagesJson: '[{' } }),
		);
		expect(result.error?.message).toBe('Images (JSON) is not valid JSON [item 0]');
	});

	it('checks the batch size and concurrency options', async () => {
		const result = await runRoboflow(sandbox, itemModeParams({ batchSize: 101 }), { items: [qc()] });
		expect(result.error?.message).toBe('Options → Batch Size must be a whole number from 1 to 100');
		const concurrency = await runRoboflow(sandbox, itemModeParams({ concurrency: 0 }), { items: [qc()] });
		expect(concurrency.error?.message).toBe('Options → Concurrency must be a whole number from 1 to 100');
		expect(apiCalls(sandbox)).toHaveLength(0);
	});
});

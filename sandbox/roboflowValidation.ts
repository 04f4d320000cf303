/**
 * Validation of `POST /vision-events` bodies as the Create Vision Event docs describe it ("eager ingestion"):
 * the four required fields are strict (400), everything else becomes a Joi-style warning and the
 * offending optional field is dropped from the stored event.
 */
import { Checker, type Rule, type Warning } from './checker';
import type { VisionEvent } from './types';
import { isObject, parseIsoDate } from './util';

export type { Warning };

export interface Deprecation {
	field: string;
	replacement: string;
}

export const EVENT_TYPES = ['quality_check', 'inventory_count', 'safety_alert', 'custom', 'operator_feedback'];

export interface RequiredFields {
	eventId: string;
	eventType: string;
	useCaseId: string;
	timestamp: string;
	deprecations: Deprecation[];
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** A strict failure: the 400 message and the top-level field it is about (none for a non-object body). */
export interface RequiredError {
	error: string;
	field?: string;
}

const fail = (field: string, error: string): RequiredError => ({ error, field });

/** The strict part: returns the 400 message, or the four values. */
export function checkRequired(body: unknown, now = Date.now()): RequiredError | RequiredFields {
	if (!isObject(body)) return { error: 'Request body must be a JSON object' };
	const deprecations: Deprecation[] = [];
	const { eventId, eventType, timestamp } = body;
	let useCaseId = body.useCaseId;
	// Sandbox assumption: the docs only say deprecated names produce `deprecations`; `solutionId`
	// (the use cases' internal name, seen in error texts) is the alias modelled here.
	if (body.solutionId !== undefined) {
		deprecations.push({ field: 'solutionId', replacement: 'useCaseId' });
		if (useCaseId === undefined) useCaseId = body.solutionId;
	}

	if (eventId === undefined || eventId === null) return fail('eventId', 'eventId is required');
	if (typeof eventId !== 'string' || eventId.length === 0) return fail('eventId', 'eventId must be a non-empty string');
	if (eventType === undefined || eventType === null) return fail('eventType', 'eventType is required');
	if (typeof eventType !== 'string' || !EVENT_TYPES.includes(eventType)) {
		return fail('eventType', `eventType must be one of ${EVENT_TYPES.join(', ')}`);
	}
	if (useCaseId === undefined || useCaseId === null || useCaseId === '') return fail('useCaseId', 'useCaseId is required');
	if (typeof useCaseId !== 'string') return fail('useCaseId', 'useCaseId must be a string');
	if (useCaseId.length > 256) return fail('useCaseId', 'useCaseId must be at most 256 characters');
	if (timestamp === undefined || timestamp === null || timestamp === '') return fail('timestamp', 'timestamp is required');
	const ts = parseIsoDate(timestamp);
	if (ts === null) return fail('timestamp', 'timestamp must be a valid ISO 8601 date');
	// "Between one year ago and tomorrow": read as [now - 365 days, now + 24 h].
	if (ts < now - YEAR_MS || ts > now + DAY_MS) {
		return fail('timestamp', 'timestamp must be between one year ago and tomorrow');
	}
	return { eventId, eventType, useCaseId, timestamp: timestamp as string, deprecations };
}

const str = (o: Parameters<Checker['str']>[2] = {}, required = false): Rule => ({
	required,
	check: (c, v, p) => c.str(v, p, o),
});
const num = (o: Parameters<Checker['num']>[2] = {}, required = false): Rule => ({
	required,
	check: (c, v, p) => c.num(v, p, o),
});
const EXTERNAL_ID = str({ max: 1000 });

/** eventData fields per eventType (seed: "Event Data Schemas"). */
const EVENT_DATA: Record<string, Record<string, Rule>> = {
	quality_check: { result: str({ only: ['pass', 'fail'] }), externalId: EXTERNAL_ID },
	inventory_count: {
		location: str({ max: 1000 }),
		itemCount: num({ integer: true, min: 0 }),
		itemType: str({ max: 1000 }),
		externalId: EXTERNAL_ID,
	},
	safety_alert: {
		alertType: str({ max: 256, pattern: /^[a-zA-Z0-9_-]+$/ }),
		severity: str({ only: ['low', 'medium', 'high'] }),
		description: str({ max: 10000 }),
		externalId: EXTERNAL_ID,
	},
	custom: { value: str({ max: 10000 }), externalId: EXTERNAL_ID },
	operator_feedback: {
		relatedEventId: str({ uuid: true }, true),
		feedback: str({ only: ['correct', 'incorrect', 'inconclusive'] }, true),
	},
};

// Sandbox assumption: every field the docs list for an annotation is required.
const CONFIDENCE = num({ min: 0, max: 1 }, true);
const BOX: Record<string, Rule> = {
	class: str({}, true),
	x: num({}, true),
	y: num({}, true),
	width: num({}, true),
	height: num({}, true),
	confidence: CONFIDENCE,
};
const POINT = (c: Checker, v: unknown, p: string): boolean => {
	if (!Array.isArray(v)) return c.warn('array.base', p, v);
	if (v.length !== 2) return c.warn('array.length', p, v);
	return c.num(v[0], `${p}.0`) && c.num(v[1], `${p}.1`);
};
const KEYPOINT: Record<string, Rule> = {
	id: num({}, true),
	x: num({}, true),
	y: num({}, true),
	occluded: { check: (c, v, p) => typeof v === 'boolean' || c.warn('boolean.base', p, v) },
};
const list = (rules: Record<string, Rule>): Rule => ({
	check: (c, v, p) => c.array(v, p, { max: 1000 }, (cc, el, ep) => cc.object(el, ep, rules)),
});
const IMAGE: Record<string, Rule> = {
	label: str(),
	sourceId: str(),
	inputSourceId: str(),
	objectDetections: list(BOX),
	classifications: list({ class: str({}, true), confidence: CONFIDENCE }),
	instanceSegmentations: list({
		...BOX,
		points: { required: true, check: (c, v, p) => c.array(v, p, { min: 3 }, POINT) },
	}),
	keypoints: list({
		...BOX,
		keypoints: {
			required: true,
			check: (c, v, p) => c.array(v, p, { min: 1 }, (cc, el, ep) => cc.object(el, ep, KEYPOINT)),
		},
	}),
};

const METADATA_KEY = /^[a-zA-Z0-9_ -]{1,100}$/;

function decimals(n: number): number {
	if (Number.isInteger(n)) return 0;
	const m = /^-?\d*(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(String(n));
	if (!m) return 0;
	return Math.max(0, (m[1]?.length ?? 0) - (m[2] ? Number(m[2]) : 0));
}

/**
 * customMetadata rules (≤100 keys, key pattern ≤100 chars, string ≤1000, ≤6 decimals, booleans).
 * Returns the valid entries, or null when the whole object is unusable.
 */
export function checkMetadata(
	warnings: Warning[],
	value: unknown,
	path: string,
): Record<string, string | number | boolean> | null {
	const checker = new Checker();
	const result = metadataEntries(checker, value, path);
	warnings.push(...checker.warnings);
	return result;
}

function metadataEntries(checker: Checker, value: unknown, path: string): Record<string, string | number | boolean> | null {
	if (!isObject(value)) {
		checker.warn('object.base', path, value);
		return null;
	}
	const keys = Object.keys(value);
	if (keys.length > 100) {
		checker.warn('object.max', path, value);
		return null;
	}
	const kept: Record<string, string | number | boolean> = {};
	for (const key of keys) {
		const v = value[key];
		const p = `${path}.${key}`;
		// Joi reports keys that match no pattern of an object.pattern() schema as object.unknown.
		if (!METADATA_KEY.test(key)) checker.warn('object.unknown', p, v);
		else if (typeof v === 'boolean') kept[key] = v;
		else if (typeof v === 'string') {
			if (checker.str(v, p, { max: 1000 })) kept[key] = v;
		} else if (typeof v === 'number') {
			if (!Number.isFinite(v)) checker.warn('number.base', p, v);
			else if (decimals(v) > 6) checker.warn('number.precision', p, v);
			else kept[key] = v;
		} else checker.warn('alternatives.types', p, v);
	}
	return kept;
}

const TOP_LEVEL = new Set([
	'eventId', 'eventType', 'useCaseId', 'solutionId', 'timestamp', 'eventData', 'deviceId', 'streamId',
	'workflowId', 'workflowVersion', 'images', 'displayImagePosition', 'customMetadata', 'comment',
]);

/** Builds the event to store from a body whose required fields passed `checkRequired`. */
export function buildEvent(
	body: Record<string, unknown>,
	req: RequiredFields,
	createdAt: string,
): { event: VisionEvent; warnings: Warning[] } {
	const c = new Checker();
	for (const key of Object.keys(body)) {
		if (!TOP_LEVEL.has(key)) c.warn('object.unknown', key, body[key]);
	}
	const event: VisionEvent = {
		eventId: req.eventId,
		eventType: req.eventType,
		useCaseId: req.useCaseId,
		timestamp: req.timestamp,
		eventData: {},
		createdAt,
	};
	// Seed: "When warnings are present, the invalid eventData is stored as an empty object {}".
	if (body.eventData === undefined) c.warn('any.required', 'eventData', undefined);
	else if (c.object(body.eventData, 'eventData', EVENT_DATA[req.eventType])) {
		event.eventData = { ...(body.eventData as Record<string, unknown>) };
	}
	const strings: Array<[keyof VisionEvent, number]> = [
		['deviceId', 256], ['streamId', 256], ['workflowId', 256], ['workflowVersion', 64], ['comment', 10000],
	];
	for (const [key, max] of strings) {
		const v = body[key];
		if (v !== undefined && c.str(v, key, { max })) (event as unknown as Record<string, unknown>)[key] = v;
	}
	if (body.images !== undefined) {
		const before = c.warnings.length;
		c.array(body.images, 'images', { max: 1000 }, (cc, el, p) => cc.object(el, p, IMAGE));
		// Like eventData: images with any problem are not stored.
		if (c.warnings.length === before) event.images = body.images as unknown[];
	}
	const pos = body.displayImagePosition;
	if (pos !== undefined && c.num(pos, 'displayImagePosition', { integer: true, min: 0, max: 999 })) {
		event.displayImagePosition = pos as number;
	}
	if (body.customMetadata !== undefined) {
		const kept = checkMetadata(c.warnings, body.customMetadata, 'customMetadata');
		if (kept && Object.keys(kept).length > 0) event.customMetadata = kept;
	}
	return { event, warnings: c.warnings };
}

/**
 * Every constraint the Create Vision Event API docs (docs.roboflow.com/developer/rest-api/vision-events/create-a-vision-event)
 * states, as zod 3.25 schemas. The API stores an event as soon as the four required fields pass and
 * reports other problems only as warnings, dropping the bad data ("eager ingestion"). Strict
 * validation checks all of it before sending, so nothing is silently lost.
 *
 * Written to zod 3's API (`import { z } from 'zod'`): that is the zod n8n provides at run time.
 */
import { z } from 'zod';

import { isRecord } from '../common/guards';
import { parseIsoTimestamp } from '../common/time';

// Shared with the VideoDB node; re-exported so Roboflow code and its tests keep one import.
export { parseIsoTimestamp };

export const EVENT_TYPES = [
	'quality_check',
	'inventory_count',
	'safety_alert',
	'custom',
	'operator_feedback',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const QUALITY_RESULTS = ['pass', 'fail'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const FEEDBACK_VALUES = ['correct', 'incorrect', 'inconclusive'] as const;

/** The numbers of the API docs, named once. */
export const LIMITS = {
	useCaseId: 256,
	deviceId: 256,
	streamId: 256,
	workflowId: 256,
	workflowVersion: 64,
	images: 1000,
	displayImagePositionMax: 999,
	externalId: 1000,
	location: 1000,
	itemType: 1000,
	alertType: 256,
	description: 10000,
	value: 10000,
	annotations: 1000,
	segmentationPointsMin: 3,
	keypointsMin: 1,
	metadataKeys: 100,
	metadataKeyLength: 100,
	metadataString: 1000,
	metadataDecimals: 6,
	/** "Between one year ago and tomorrow", read as [now − 365 days, now + 24 h]. */
	pastMs: 365 * 24 * 3600 * 1000,
	futureMs: 24 * 3600 * 1000,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALERT_TYPE = /^[a-zA-Z0-9_-]+$/;
const METADATA_KEY = /^[a-zA-Z0-9_ -]+$/;
// ISO 8601 date, optionally with a time and a zone (`T` or, as RFC 3339 allows, a space).

/** One problem, with the dotted path of the offending field in the API body. */
export interface EventIssue {
	path: string;
	message: string;
}

function text(max?: number) {
	const base = z.string({ invalid_type_error: 'must be a string', required_error: 'is required' });
	return max === undefined ? base : base.max(max, `must be at most ${max} characters`);
}

function oneOf<T extends readonly [string, ...string[]]>(values: T) {
	return z.enum(values as unknown as [string, ...string[]], {
		errorMap: () => ({ message: `must be one of ${values.join(', ')}` }),
	});
}

const finite = () =>
	z.number({ invalid_type_error: 'must be a number', required_error: 'is required' }).finite('must be a finite number');

const uuid = text().regex(UUID, 'must be a UUID');

// Any non-empty string: the create docs type it "(string)" and advise a UUID (v4), and Roboflow's
// own SDK examples use ids like "evt-001". The ids this node makes up are UUIDs all the same.
const eventId = text().min(1, 'is required');

function timestamp(now: number) {
	return text().superRefine((value, ctx) => {
		const ms = parseIsoTimestamp(value);
		if (ms === null) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an ISO 8601 date-time, e.g. 2024-01-15T10:30:00Z' });
		} else if (ms < now - LIMITS.pastMs || ms > now + LIMITS.futureMs) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be between one year ago and tomorrow' });
		}
	});
}

const externalId = text(LIMITS.externalId).optional();

/** `eventData` per `eventType` (seed: "Event Data Schemas"); unknown fields are not accepted. */
export const EVENT_DATA_SCHEMAS: Record<EventType, z.ZodTypeAny> = {
	quality_check: z.object({ result: oneOf(QUALITY_RESULTS).optional(), externalId }).strict(),
	inventory_count: z
		.object({
			location: text(LIMITS.location).optional(),
			itemCount: z
				.number({ invalid_type_error: 'must be a number' })
				.int('must be a whole number')
				.min(0, 'must be 0 or more')
				.optional(),
			itemType: text(LIMITS.itemType).optional(),
			externalId,
		})
		.strict(),
	safety_alert: z
		.object({
			alertType: text(LIMITS.alertType)
				.regex(ALERT_TYPE, 'may only contain letters, digits, underscores and dashes')
				.optional(),
			severity: oneOf(SEVERITIES).optional(),
			description: text(LIMITS.description).optional(),
			externalId,
		})
		.strict(),
	custom: z.object({ value: text(LIMITS.value).optional(), externalId }).strict(),
	operator_feedback: z
		.object({
			relatedEventId: uuid,
			feedback: z.enum(FEEDBACK_VALUES, {
				errorMap: (issue) => ({
					message: issue.code === 'invalid_type' && issue.received === 'undefined'
						? 'is required'
						: `must be one of ${FEEDBACK_VALUES.join(', ')}`,
				}),
			}),
		})
		.strict(),
};

const confidence = z
	.number({ invalid_type_error: 'must be a number', required_error: 'is required' })
	.min(0, 'must be between 0 and 1')
	.max(1, 'must be between 0 and 1');

const box = {
	class: text(),
	x: finite(),
	y: finite(),
	width: finite(),
	height: finite(),
	confidence,
};

const annotations = <T extends z.ZodTypeAny>(item: T) =>
	z.array(item).max(LIMITS.annotations, `must have at most ${LIMITS.annotations} entries`).optional();

/** One entry of `images` (seed: "Image Objects"). */
export const IMAGE_SCHEMA = z
	.object({
		label: text().optional(),
		sourceId: text().optional(),
		inputSourceId: text().optional(),
		objectDetections: annotations(z.object(box).strict()),
		classifications: annotations(z.object({ class: text(), confidence }).strict()),
		instanceSegmentations: annotations(
			z
				.object({
					...box,
					points: z
						.array(z.tuple([finite(), finite()], { invalid_type_error: 'must be an [x, y] pair' }), {
							invalid_type_error: 'must be an array of [x, y] pairs',
							required_error: 'is required',
						})
						.min(LIMITS.segmentationPointsMin, `must have at least ${LIMITS.segmentationPointsMin} points`),
				})
				.strict(),
		),
		keypoints: annotations(
			z
				.object({
					...box,
					keypoints: z
						.array(
							z
								.object({
									id: finite(),
									x: finite(),
									y: finite(),
									occluded: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
								})
								.strict(),
							{ invalid_type_error: 'must be an array', required_error: 'is required' },
						)
						.min(LIMITS.keypointsMin, `must have at least ${LIMITS.keypointsMin} keypoint`),
				})
				.strict(),
		),
	})
	.strict();

/** Decimal places of a number as JavaScript prints it (handles 1e-7 and the like). */
export function decimalPlaces(value: number): number {
	if (Number.isInteger(value)) return 0;
	const match = /^-?\d*(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(String(value));
	if (!match) return 0;
	return Math.max(0, (match[1]?.length ?? 0) - (match[2] ? Number(match[2]) : 0));
}

/** `customMetadata` (seed: "Custom Metadata"); also the rules of an uploaded image's `metadata`. */
export const CUSTOM_METADATA_SCHEMA = z
	.record(z.string(), z.unknown(), { invalid_type_error: 'must be an object of key/value pairs' })
	.superRefine((metadata, ctx) => {
		const keys = Object.keys(metadata);
		if (keys.length > LIMITS.metadataKeys) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `has ${keys.length} keys; at most ${LIMITS.metadataKeys} are allowed`,
			});
		}
		for (const key of keys) {
			const issue = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message });
			if (key.length > LIMITS.metadataKeyLength) {
				issue(`key must be at most ${LIMITS.metadataKeyLength} characters`);
				continue;
			}
			if (!METADATA_KEY.test(key)) {
				issue('key may only contain letters, digits, underscores, hyphens and spaces');
				continue;
			}
			const value = metadata[key];
			if (typeof value === 'boolean') continue;
			if (typeof value === 'string') {
				if (value.length > LIMITS.metadataString) issue(`must be at most ${LIMITS.metadataString} characters`);
			} else if (typeof value === 'number') {
				if (!Number.isFinite(value)) issue('must be a finite number');
				else if (decimalPlaces(value) > LIMITS.metadataDecimals) {
					issue(`must have at most ${LIMITS.metadataDecimals} decimal places`);
				}
			} else {
				issue('must be a string, a number or a boolean');
			}
		}
	});

/** The top level of a create body (seed: "Request Body Parameters"); `eventData` is checked per type. */
function topLevelSchema(now: number) {
	return z
		.object({
			eventId,
			eventType: oneOf(EVENT_TYPES),
			useCaseId: text(LIMITS.useCaseId).min(1, 'is required'),
			timestamp: timestamp(now),
			eventData: z.record(z.string(), z.unknown(), {
				invalid_type_error: 'must be an object',
				required_error: 'is required',
			}),
			deviceId: text(LIMITS.deviceId).optional(),
			streamId: text(LIMITS.streamId).optional(),
			workflowId: text(LIMITS.workflowId).optional(),
			workflowVersion: text(LIMITS.workflowVersion).optional(),
			images: z
				.array(IMAGE_SCHEMA, { invalid_type_error: 'must be an array of image objects' })
				.max(LIMITS.images, `must have at most ${LIMITS.images} images`)
				.optional(),
			displayImagePosition: z
				.number({ invalid_type_error: 'must be a number' })
				.int('must be a whole number')
				.min(0, `must be between 0 and ${LIMITS.displayImagePositionMax}`)
				.max(LIMITS.displayImagePositionMax, `must be between 0 and ${LIMITS.displayImagePositionMax}`)
				.optional(),
			customMetadata: CUSTOM_METADATA_SCHEMA.optional(),
			// Not on the create page, but Roboflow documents it for operator feedback events.
			comment: text().optional(),
		})
		.strict();
}

function joinPath(parts: Array<string | number>): string {
	return parts.map(String).join('.');
}

/** zod issues as `{path, message}`, one per unknown key, prefixed with `prefix`. */
export function toEventIssues(issues: z.ZodIssue[], prefix: Array<string | number> = []): EventIssue[] {
	const result: EventIssue[] = [];
	for (const issue of issues) {
		const path = [...prefix, ...issue.path];
		if (issue.code === z.ZodIssueCode.unrecognized_keys) {
			for (const key of issue.keys) {
				result.push({ path: joinPath([...path, key]), message: 'is not a field the API accepts here' });
			}
		} else if (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined') {
			result.push({ path: joinPath(path), message: 'is required' });
		} else {
			result.push({ path: joinPath(path), message: issue.message });
		}
	}
	return result;
}

function isEventType(value: unknown): value is EventType {
	return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

export type EventValidator = (body: unknown) => EventIssue[];

/**
 * A validator for create bodies whose timestamp window is anchored at `now` (one per execution,
 * so thousands of items share the schema). Returns every problem; empty means valid.
 */
export function createEventValidator(now: number = Date.now()): EventValidator {
	const topLevel = topLevelSchema(now);
	return (body) => {
		if (!isRecord(body)) return [{ path: '(body)', message: 'must be a JSON object' }];
		const issues: EventIssue[] = [];
		const top = topLevel.safeParse(body);
		if (!top.success) issues.push(...toEventIssues(top.error.issues));
		// Checked apart from the top level so a bad sibling field does not hide eventData problems.
		if (isEventType(body.eventType) && isRecord(body.eventData)) {
			const data = EVENT_DATA_SCHEMAS[body.eventType].safeParse(body.eventData);
			if (!data.success) issues.push(...toEventIssues(data.error.issues, ['eventData']));
		}
		return issues;
	};
}

/** Problems of an upload's `metadata` object, paths prefixed with `metadata`. */
export function validateImageMetadata(metadata: unknown): EventIssue[] {
	const result = CUSTOM_METADATA_SCHEMA.safeParse(metadata);
	return result.success ? [] : toEventIssues(result.error.issues, ['metadata']);
}

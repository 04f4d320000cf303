/** `POST /vision-events/query`: filters, newest-first order and an opaque offset cursor. */
import { EVENT_TYPES } from './roboflowValidation';
import type { ApiResponse, VisionEvent } from './types';
import { isObject, parseIsoDate, roboflowError, type ServiceContext } from './util';

const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];
const CONTEXT_FILTERS = ['deviceId', 'streamId', 'workflowId', 'externalId'] as const;

interface Condition {
	get: (e: VisionEvent) => unknown;
	operator: string;
	value: unknown;
}

/** Missing values match only `neq`, like SQL's "IS DISTINCT FROM" would. */
function matches(actual: unknown, operator: string, expected: unknown): boolean {
	if (actual === undefined || actual === null) return operator === 'neq';
	if (operator === 'eq') return actual === expected;
	if (operator === 'neq') return actual !== expected;
	const comparable =
		(typeof actual === 'number' && typeof expected === 'number') ||
		(typeof actual === 'string' && typeof expected === 'string');
	if (!comparable) return false;
	const a = actual as number | string;
	const b = expected as number | string;
	return operator === 'gt' ? a > b : operator === 'gte' ? a >= b : operator === 'lt' ? a < b : a <= b;
}

/** Filters compare against the declared `type`, so "72.5" with type number compares as 72.5. */
function coerce(value: unknown, type: unknown): unknown {
	if (typeof value !== 'string') return value;
	if (type === 'number' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
	if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
	return value;
}

export function encodeCursor(offset: number): string {
	return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (isObject(parsed) && Number.isInteger(parsed.o) && (parsed.o as number) >= 0) return parsed.o as number;
	} catch {
		// fall through: not our cursor
	}
	return null;
}

export function queryEvents(ctx: ServiceContext, body: unknown): ApiResponse {
	const bad = (message: string) => roboflowError(400, message);
	if (!isObject(body)) return bad('Request body must be a JSON object');
	const { useCaseId } = body;
	if (typeof useCaseId !== 'string' || useCaseId === '') return bad('useCaseId is required');
	if (!ctx.state.useCases.has(useCaseId)) return roboflowError(404, 'Solution not found');

	const window: Record<string, number | undefined> = {};
	for (const name of ['startTime', 'endTime']) {
		if (body[name] === undefined || body[name] === null) continue;
		const ms = parseIsoDate(body[name]);
		if (ms === null) return bad(`${name} must be a valid ISO 8601 date`);
		window[name] = ms;
	}

	let types: string[] | undefined;
	if (body.eventType !== undefined) {
		if (typeof body.eventType !== 'string' || !EVENT_TYPES.includes(body.eventType)) {
			return bad(`eventType must be one of ${EVENT_TYPES.join(', ')}`);
		}
		types = [body.eventType];
	}
	if (body.eventTypes !== undefined) {
		const list = body.eventTypes;
		if (!Array.isArray(list)) return bad('eventTypes must be an array');
		if (list.length > 20) return bad('eventTypes must contain at most 20 items');
		if (list.some((t) => typeof t !== 'string' || !EVENT_TYPES.includes(t))) {
			return bad(`eventTypes items must be one of ${EVENT_TYPES.join(', ')}`);
		}
		// An empty list means no type filter rather than "match nothing".
		if (list.length > 0) types = [...(types ?? []), ...(list as string[])];
	}

	const conditions: Condition[] = [];
	for (const name of CONTEXT_FILTERS) {
		const f = body[name];
		if (f === undefined) continue;
		if (!isObject(f) || (f.operator !== 'eq' && f.operator !== 'neq') || typeof f.value !== 'string') {
			return bad(`${name} must be an object {operator: "eq" | "neq", value: string}`);
		}
		const get =
			name === 'externalId'
				? (e: VisionEvent) => e.eventData.externalId
				: (e: VisionEvent) => e[name];
		conditions.push({ get, operator: f.operator, value: f.value });
	}
	const filterLists: Array<[string, string]> = [
		['customMetadataFilters', 'field'],
		['eventFieldFilters', 'column'],
	];
	for (const [name, keyName] of filterLists) {
		const list = body[name];
		if (list === undefined) continue;
		if (!Array.isArray(list)) return bad(`${name} must be an array`);
		for (const [i, f] of list.entries()) {
			if (!isObject(f) || typeof f[keyName] !== 'string' || !OPERATORS.includes(f.operator as string)) {
				return bad(`${name}[${i}] must have ${keyName} and operator (${OPERATORS.join(', ')})`);
			}
			const key = f[keyName] as string;
			conditions.push({
				get: name === 'customMetadataFilters' ? (e) => e.customMetadata?.[key] : (e) => e.eventData[key],
				operator: f.operator as string,
				value: coerce(f.value, f.type),
			});
		}
	}

	let limit = 50;
	if (body.limit !== undefined) {
		if (typeof body.limit !== 'number' || !Number.isInteger(body.limit) || body.limit < 1) {
			return bad('limit must be a positive integer');
		}
		if (body.limit > 100) return bad('limit must be at most 100');
		limit = body.limit;
	}
	let offset = 0;
	if (body.cursor !== undefined && body.cursor !== null) {
		const decoded = typeof body.cursor === 'string' ? decodeCursor(body.cursor) : null;
		if (decoded === null) return bad('Invalid cursor');
		offset = decoded;
	}

	const hits: Array<{ ts: number; e: VisionEvent }> = [];
	for (const e of ctx.state.visionEvents.values()) {
		if (e.useCaseId !== useCaseId) continue;
		if (types && !types.includes(e.eventType)) continue;
		const ts = Date.parse(e.timestamp);
		if (window.startTime !== undefined && ts < window.startTime) continue;
		if (window.endTime !== undefined && ts > window.endTime) continue;
		if (!conditions.every((c) => matches(c.get(e), c.operator, c.value))) continue;
		hits.push({ ts, e });
	}
	// Newest first; ties broken by id so pages are stable.
	hits.sort((a, b) => b.ts - a.ts || (a.e.eventId < b.e.eventId ? -1 : a.e.eventId > b.e.eventId ? 1 : 0));
	const page = hits.slice(offset, offset + limit).map((h) => h.e);
	const hasMore = offset + limit < hits.length;
	return {
		status: 200,
		body: { events: page, nextCursor: hasMore ? encodeCursor(offset + limit) : null, hasMore, lookbackDays: 14 },
	};
}

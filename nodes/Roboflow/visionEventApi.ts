import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import type { Page } from '../common/paginate';
import { collectPages } from '../common/paginate';
import { roboflowRequest } from './transport';

/**
 * The vision-event calls of Roboflow Vision Events, shared by the Roboflow node and the Vision
 * Event Trigger. Each reads its answer here, so the operations get what the answer means rather
 * than its fields.
 */

/** `POST /vision-events` answers `{eventId, created, warnings?, deprecations?}`. */
export interface CreateResponse {
	eventId?: string;
	created?: boolean;
	warnings?: IDataObject[];
	deprecations?: IDataObject[];
}

/**
 * Whether a 2xx answer to `POST /vision-events` confirms event `eventId`. The documented answer is
 * `{eventId, created}` (seed "Example Response"); roboflow-python's own tests mock it as `{eventId}`
 * alone. So confirmed means: the body is an object that names no other event, and either its
 * `created` is a boolean or, with no `created` at all, its `eventId` is the id that was sent.
 * `created: false` still confirms (an upsert that overwrote the event stored under this id); it is
 * passed on as is. Anything else (`{}`, a non-boolean `created`, another event's id, a proxy's
 * page) confirms nothing, whatever the status: the event may or may not be stored.
 */
export function confirmsCreate(response: unknown, eventId: string): response is CreateResponse {
	if (typeof response !== 'object' || response === null || Array.isArray(response)) return false;
	const answer = response as CreateResponse;
	if (answer.eventId !== undefined && answer.eventId !== eventId) return false;
	if (answer.created === undefined) return answer.eventId === eventId;
	return typeof answer.created === 'boolean';
}

/** What a 2xx create answer says of one event: stored (with Roboflow's notes), or why it confirms nothing. */
export type CreateAnswer =
	| { confirmed: true; created: boolean; warnings?: IDataObject[]; deprecations?: IDataObject[] }
	| { confirmed: false; why: string };

/** `POST /vision-events`: stores the event under `event.eventId`, or overwrites the one stored there. */
export async function createEvent(ctx: RequestContext, event: IDataObject, itemIndex?: number): Promise<CreateAnswer> {
	const response = await roboflowRequest<unknown>(
		ctx,
		// Safe to retry on gateway errors and lost answers: the event id was fixed before the first
		// attempt, and the API overwrites an event sent again under its id.
		{ method: 'POST', path: '/vision-events', body: event, idempotency: 'idempotent' },
		itemIndex,
	);
	if (!confirmsCreate(response, event.eventId as string)) {
		const shown = JSON.stringify(response ?? null).slice(0, 200);
		return { confirmed: false, why: `Roboflow answered POST /vision-events with ${shown} instead of {eventId, created}.` };
	}
	// An answer that names the event without `created` reports it stored, as a batch answer does.
	const created = response.created ?? true;
	return { confirmed: true, created, warnings: response.warnings, deprecations: response.deprecations };
}

/** `POST /vision-events/batch` answers `{created, eventIds, warnings?, deprecations?}`. */
interface BatchResponse {
	created?: number;
	eventIds?: string[];
	warnings?: IDataObject[];
	deprecations?: IDataObject[];
}

const EVENT_PATH = /^events\.(\d+)(?:\.(.*))?$/;

/**
 * Splits a batch answer's `warnings` / `deprecations` by event: an entry whose `path` (or
 * `field`) starts with `events.<k>.` belongs to the k-th event of the request and is given the
 * path it would have had for a single create. An entry naming no event concerns them all.
 */
export function splitByEvent(entries: IDataObject[] | undefined, count: number): IDataObject[][] {
	const result: IDataObject[][] = Array.from({ length: count }, () => []);
	for (const entry of entries ?? []) {
		const key = typeof entry.path === 'string' ? 'path' : typeof entry.field === 'string' ? 'field' : undefined;
		const match = key ? EVENT_PATH.exec(entry[key] as string) : null;
		const position = match ? Number(match[1]) : -1;
		if (match && position < count) {
			result[position].push({ ...entry, [key as string]: match[2] ?? '' });
		} else {
			for (const list of result) list.push(entry);
		}
	}
	return result;
}

/** What a 2xx batch answer says of one event of the request. */
export type BatchedEvent =
	| { stored: true; warnings: IDataObject[]; deprecations: IDataObject[] }
	| { stored: false; why: string };

/**
 * `POST /vision-events/batch` (at most 100 events): one answer per event, in request order. An
 * event counts as stored only when the answer's `eventIds` (documented: `{created, eventIds}`)
 * lists its id; an unlisted event, or every event when `eventIds` is not an array, is not.
 */
export async function createEventBatch(
	ctx: RequestContext,
	events: IDataObject[],
	itemIndex?: number,
): Promise<BatchedEvent[]> {
	const response = await roboflowRequest<unknown>(
		ctx,
		// Safe to retry: every event id was fixed before the first attempt, so a repeat overwrites.
		{ method: 'POST', path: '/vision-events/batch', body: { events }, idempotency: 'idempotent' },
		itemIndex,
	);
	const answer: BatchResponse = typeof response === 'object' && response !== null ? (response as BatchResponse) : {};
	const listed = Array.isArray(answer.eventIds) ? new Set(answer.eventIds) : undefined;
	const why = listed
		? "Roboflow's answer to POST /vision-events/batch did not list its ID in eventIds."
		: 'Roboflow answered POST /vision-events/batch without an eventIds list.';
	const warnings = splitByEvent(answer.warnings, events.length);
	const deprecations = splitByEvent(answer.deprecations, events.length);
	return events.map((event, k): BatchedEvent =>
		listed?.has(event.eventId as string)
			? { stored: true, warnings: warnings[k], deprecations: deprecations[k] }
			: { stored: false, why },
	);
}

/** `POST /vision-events/query` answers a page of events and the cursor of the next one. */
interface QueryResponse {
	events?: IDataObject[];
	nextCursor?: string | null;
	hasMore?: boolean;
}

// The largest page the API serves; the docs' examples use 50 and 100.
const PAGE_SIZE = 100;

/**
 * The cursor of the page after `page`, or null when there is none: `hasMore: false`, or a
 * `nextCursor` that is not a non-empty string (null, "", anything else), as roboflow-python's
 * pager reads it. An empty cursor would be left out of the next request, which would then ask
 * for the first page again. A missing `hasMore` alone does not end the paging: a real cursor is
 * followed (collectPages stops on a cursor seen before).
 */
function nextCursorOf(page: QueryResponse | undefined): string | null {
	if (page?.hasMore === false) return null;
	const cursor: unknown = page?.nextCursor;
	return typeof cursor === 'string' && cursor !== '' ? cursor : null;
}

/** One page of `POST /vision-events/query` (newest first, as the API sends them) and the next cursor. */
export async function queryEventPage(
	ctx: RequestContext,
	body: IDataObject,
	cursor: string | undefined,
	pageSize: number,
	itemIndex?: number,
): Promise<Page<IDataObject, string>> {
	const page = await roboflowRequest<QueryResponse>(
		ctx,
		{
			method: 'POST',
			path: '/vision-events/query',
			body: { ...body, limit: pageSize, ...(cursor ? { cursor } : {}) },
			// A query changes nothing, so repeating it is harmless.
			idempotency: 'idempotent',
		},
		itemIndex,
	);
	return { items: page?.events ?? [], next: nextCursorOf(page) };
}

/**
 * The events matching `body` (newest first), following `nextCursor` until done or `limit` events
 * are collected (undefined = all). The filters are resent with every page.
 */
export async function queryEvents(
	ctx: RequestContext,
	body: IDataObject,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages<IDataObject, string>(
		async (cursor, remaining) =>
			await queryEventPage(ctx, body, cursor, Math.min(PAGE_SIZE, remaining ?? PAGE_SIZE), itemIndex),
		limit,
	);
}

/** The API deletes at most this many ids per request. */
export const DELETE_CHUNK = 1000;

/** `POST /vision-events/delete` answers `{deleted, notFound}`. */
interface DeleteResponse {
	deleted?: number;
	notFound?: string[];
}

/**
 * `POST /vision-events/delete` in requests of ≤1000 ids, their answers summed: how many events
 * were deleted, and the ids the use case did not hold.
 */
export async function deleteEvents(
	ctx: RequestContext,
	useCaseId: string,
	eventIds: string[],
	itemIndex?: number,
): Promise<{ deleted: number; notFound: string[] }> {
	let deleted = 0;
	const notFound: string[] = [];
	for (let start = 0; start < eventIds.length; start += DELETE_CHUNK) {
		const response = await roboflowRequest<DeleteResponse>(
			ctx,
			{
				method: 'POST',
				path: '/vision-events/delete',
				body: { useCaseId, eventIds: eventIds.slice(start, start + DELETE_CHUNK) },
				// Repeating a delete is harmless: ids already gone come back under notFound.
				idempotency: 'idempotent',
			},
			itemIndex,
		);
		deleted += response?.deleted ?? 0;
		notFound.push(...(response?.notFound ?? []));
	}
	return { deleted, notFound };
}

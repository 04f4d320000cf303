import type { IDataObject } from 'n8n-workflow';

import { objectBody, serviceError } from '../common/errors';
import type { RequestContext, ServiceRequest } from '../common/http';
import { sendServiceRequest } from '../common/http';
import { collectPages } from '../common/paginate';

export const VIDEODB_CREDENTIAL = 'videoDbApi';

interface Envelope {
	success?: boolean;
	data?: unknown;
	message?: string;
	error_code?: string;
}

/**
 * Calls the VideoDB API and returns the envelope's `data` (or `{message}` for status-only
 * answers). `success:false` is an error even inside HTTP 200, as both official SDKs treat it.
 */
export async function videoDbRequest<T = IDataObject>(
	ctx: RequestContext,
	request: ServiceRequest,
	itemIndex?: number,
): Promise<T> {
	const response = await sendServiceRequest(ctx, VIDEODB_CREDENTIAL, 'VideoDB', request, itemIndex);
	const body = objectBody(response) as Envelope;
	if (response.statusCode >= 400 || body.success === false) {
		throw serviceError(
			ctx.getNode(),
			'VideoDB',
			response,
			{ message: body.message, code: body.error_code },
			itemIndex,
		);
	}
	if (body.data !== undefined) return body.data as T;
	return (body.message !== undefined ? { message: body.message } : {}) as T;
}

/** An RTStream as `GET /rtstream` lists it. */
export interface VideoDbStream extends IDataObject {
	id: string;
	name: string;
	status: string;
}

/**
 * Lists streams with the API's offset paging (`limit`/`offset`, `next` null on the last page),
 * stopping once `limit` streams are collected (undefined = all).
 */
export async function listStreams(
	ctx: RequestContext,
	filters: { status?: string; name?: string },
	limit?: number,
	itemIndex?: number,
): Promise<VideoDbStream[]> {
	const pageSize = 100;
	return await collectPages<VideoDbStream, number>(
		async (offset = 0, remaining) =>
			await listStreamPage(ctx, filters, offset, Math.min(pageSize, remaining ?? pageSize), itemIndex),
		limit,
	);
}

/** One page of `GET /rtstream`; `next` is the offset of the following page, null after the last. */
export async function listStreamPage(
	ctx: RequestContext,
	filters: { status?: string; name?: string },
	offset: number,
	pageSize: number,
	itemIndex?: number,
): Promise<{ items: VideoDbStream[]; next: number | null }> {
	const data = await videoDbRequest<{ results?: VideoDbStream[]; next?: string | null }>(
		ctx,
		{ method: 'GET', path: '/rtstream', qs: { limit: pageSize, offset, ...filters }, idempotency: 'idempotent' },
		itemIndex,
	);
	const items = data.results ?? [];
	return { items, next: data.next && items.length > 0 ? offset + items.length : null };
}

/** Builds an API path from raw segments, URL-encoding each (ids come from users and expressions). */
export function apiPath(...segments: string[]): string {
	return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

/** A detection event as `GET /rtstream/event` lists it. */
export interface VideoDbEvent extends IDataObject {
	event_id: string;
	event_prompt: string;
	label: string;
}

/** A v1 scene index as `GET /rtstream/{id}/index/scene` lists it. */
export interface VideoDbSceneIndex extends IDataObject {
	rtstream_index_id: string;
	name: string;
	status: string;
	prompt: string;
}

/** An alert as `GET /rtstream/{id}/index/{index}/alert` lists it. */
export interface VideoDbAlert extends IDataObject {
	alert_id: string;
	event_id: string;
	label: string;
	prompt?: string;
	status: string;
	callback_url: string | null;
}

/** All events of the account; the API documents neither paging nor filters for this list. */
export async function listEvents(ctx: RequestContext, itemIndex?: number): Promise<VideoDbEvent[]> {
	const data = await videoDbRequest<{ events?: VideoDbEvent[] }>(
		ctx,
		{ method: 'GET', path: '/rtstream/event', idempotency: 'idempotent' },
		itemIndex,
	);
	return data.events ?? [];
}

/** The scene indexes of one stream (404 "Stream not found" for an unknown stream). */
export async function listSceneIndexes(
	ctx: RequestContext,
	streamId: string,
	itemIndex?: number,
): Promise<VideoDbSceneIndex[]> {
	const data = await videoDbRequest<{ scene_indexes?: VideoDbSceneIndex[] }>(
		ctx,
		{ method: 'GET', path: apiPath('rtstream', streamId, 'index', 'scene'), idempotency: 'idempotent' },
		itemIndex,
	);
	return data.scene_indexes ?? [];
}

/** The alerts on one (stream, scene index), disabled ones included. */
export async function listAlerts(
	ctx: RequestContext,
	streamId: string,
	sceneIndexId: string,
	itemIndex?: number,
): Promise<VideoDbAlert[]> {
	const data = await videoDbRequest<{ alerts?: VideoDbAlert[] }>(
		ctx,
		{
			method: 'GET',
			path: apiPath('rtstream', streamId, 'index', sceneIndexId, 'alert'),
			idempotency: 'idempotent',
		},
		itemIndex,
	);
	return data.alerts ?? [];
}

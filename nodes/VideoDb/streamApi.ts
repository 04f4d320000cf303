import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import { collectPages } from '../common/paginate';
import { apiPath, videoDbRequest } from './transport';

/**
 * The RTStream calls (the list, and the real-time pipeline of reference/videodb-api.md §2.3).
 * Connect is not repeated after a 5xx or a reset: a repeat could connect a second stream (and
 * spend credits).
 */

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

/** The documented body of `POST /rtstream`, snake_case as the API takes it. */
export interface StreamConnection extends IDataObject {
	url: string;
	name?: string;
	collection_id?: string;
	sample_rate?: number;
	media_types?: string[];
	store?: boolean;
	enable_transcript?: boolean;
}

export async function connectStream(ctx: RequestContext, body: StreamConnection, itemIndex?: number): Promise<VideoDbStream> {
	return await videoDbRequest<VideoDbStream>(ctx, { method: 'POST', path: '/rtstream', body, idempotency: 'unsafe' }, itemIndex);
}

export async function getStream(ctx: RequestContext, streamId: string, itemIndex?: number): Promise<VideoDbStream> {
	return await videoDbRequest<VideoDbStream>(
		ctx,
		{ method: 'GET', path: apiPath('rtstream', streamId), idempotency: 'idempotent' },
		itemIndex,
	);
}

/** Sets name and/or sample rate; setting the same values twice is harmless, so it is repeated. */
export async function updateStream(
	ctx: RequestContext,
	streamId: string,
	fields: { name?: string; sample_rate?: number },
	itemIndex?: number,
): Promise<VideoDbStream> {
	return await videoDbRequest<VideoDbStream>(
		ctx,
		{ method: 'PATCH', path: apiPath('rtstream', streamId), body: fields, idempotency: 'idempotent' },
		itemIndex,
	);
}

export type StartStop = 'start' | 'stop';

/** Starts or stops ingesting a stream (a repeat leaves the same state). */
export async function setStreamStatus(
	ctx: RequestContext,
	streamId: string,
	action: StartStop,
	itemIndex?: number,
): Promise<void> {
	await videoDbRequest(
		ctx,
		{ method: 'PATCH', path: apiPath('rtstream', streamId, 'status'), body: { action }, idempotency: 'idempotent' },
		itemIndex,
	);
}

/** An HLS URL of the stream between two unix seconds. */
export async function streamPlayback(
	ctx: RequestContext,
	streamId: string,
	start: number,
	end: number,
	itemIndex?: number,
): Promise<{ stream_url?: string; player_url?: string }> {
	return await videoDbRequest(
		ctx,
		{ method: 'GET', path: apiPath('rtstream', streamId, 'stream'), qs: { start, end }, idempotency: 'idempotent' },
		itemIndex,
	);
}

export interface ExportedVideo extends IDataObject {
	video_id: string;
	name: string;
	stream_url: string;
	player_url: string;
	duration: number;
}

/**
 * Exports the latest completed recording of a stopped stream. Repeated like a GET: both official
 * clients document the call as idempotent ("calling it again returns the same asset").
 */
export async function exportStream(
	ctx: RequestContext,
	streamId: string,
	name: string | undefined,
	itemIndex?: number,
): Promise<ExportedVideo> {
	return await videoDbRequest<ExportedVideo>(
		ctx,
		{
			method: 'POST',
			path: apiPath('rtstream', streamId, 'export'),
			body: name === undefined ? {} : { name },
			idempotency: 'idempotent',
		},
		itemIndex,
	);
}

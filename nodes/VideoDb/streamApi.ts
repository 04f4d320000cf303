import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import type { VideoDbStream } from './api';
import { apiPath, videoDbRequest } from './transport';

/**
 * The RTStream calls of the real-time pipeline (reference/videodb-api.md §2.3), re-exported by
 * api.ts. Connect and export are not repeated after a 5xx or a reset: each repeat could connect a
 * second stream (and spend credits) or export a second video.
 */

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
			idempotency: 'unsafe',
		},
		itemIndex,
	);
}

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
	return await collectPages<VideoDbStream, number>(async (offset = 0, remaining) => {
		const data = await videoDbRequest<{ results?: VideoDbStream[]; next?: string | null }>(
			ctx,
			{
				method: 'GET',
				path: '/rtstream',
				qs: { limit: Math.min(pageSize, remaining ?? pageSize), offset, ...filters },
				idempotency: 'idempotent',
			},
			itemIndex,
		);
		const items = data.results ?? [];
		return { items, next: data.next ? offset + items.length : null };
	}, limit);
}

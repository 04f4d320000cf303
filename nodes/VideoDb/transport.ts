import type { IDataObject } from 'n8n-workflow';

import { videoDbAuthHeaders } from '../../credentials/VideoDbApi.credentials';
import { objectBody, serviceError } from '../common/errors';
import type { RequestContext, Service, ServiceRequest } from '../common/http';
import { sendServiceRequest } from '../common/http';
import type { HttpResponse } from '../common/retry';
import type { Envelope } from './longJob';
import { followJob, jobToFollow } from './longJob';

export const VIDEODB_CREDENTIAL = 'videoDbApi';

const VIDEODB: Service = { name: 'VideoDB', credentialType: VIDEODB_CREDENTIAL, authHeaders: videoDbAuthHeaders };

/** An HTTP error or `success:false` (even inside HTTP 200, as both official clients treat it) becomes the node error. */
function check(ctx: RequestContext, response: HttpResponse, body: Envelope, itemIndex?: number): void {
	if (response.statusCode >= 400 || body.success === false) {
		throw serviceError(ctx.getNode(), 'VideoDB', response, { message: body.message, code: body.error_code }, itemIndex);
	}
}

/**
 * Calls the VideoDB API and returns the envelope's `data` (or `{message}` for status-only
 * answers). A long-job answer is followed to its result, as both official clients do on every
 * call (longJob.ts); one with `request_type: "async"` is returned as it is: the job goes on
 * without the caller.
 */
export async function videoDbRequest<T = IDataObject>(
	ctx: RequestContext,
	request: ServiceRequest,
	itemIndex?: number,
): Promise<T> {
	const response = await sendServiceRequest(ctx, VIDEODB, request, itemIndex);
	let body = objectBody(response) as Envelope;
	check(ctx, response, body, itemIndex);
	if (body.status === 'processing' && body.request_type === 'async') return body as T;
	const outputUrl = jobToFollow(body);
	if (outputUrl !== undefined) {
		const reader = { check: (answer: HttpResponse, envelope: Envelope) => check(ctx, answer, envelope, itemIndex) };
		body = await followJob(ctx, VIDEODB, outputUrl, body, reader, itemIndex);
	}
	if (body.data !== undefined) return body.data as T;
	return (body.message !== undefined ? { message: body.message } : {}) as T;
}

/** Builds an API path from raw segments, URL-encoding each (ids come from users and expressions). */
export function apiPath(...segments: string[]): string {
	return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

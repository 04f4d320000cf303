import type { IDataObject } from 'n8n-workflow';

import { videoDbAuthHeaders } from '../../credentials/VideoDbApi.credentials';
import { objectBody, serviceError } from '../common/errors';
import type { RequestContext, Service, ServiceRequest } from '../common/http';
import { sendServiceRequest } from '../common/http';

export const VIDEODB_CREDENTIAL = 'videoDbApi';

const VIDEODB: Service = { name: 'VideoDB', credentialType: VIDEODB_CREDENTIAL, authHeaders: videoDbAuthHeaders };

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
	const response = await sendServiceRequest(ctx, VIDEODB, request, itemIndex);
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

/** Builds an API path from raw segments, URL-encoding each (ids come from users and expressions). */
export function apiPath(...segments: string[]): string {
	return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

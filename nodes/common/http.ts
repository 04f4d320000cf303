import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { HttpResponse, Idempotency } from './retry';
import { networkErrorCode, withRetry } from './retry';

/** Every n8n context that sends requests: execute, list search, webhook life cycle, webhook. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface ServiceRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with `/`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | Buffer;
	headers?: IDataObject;
	idempotency: Idempotency;
}

// One base URL lookup per context (an execution, a list search, a hook call), not per request.
const baseUrls = new WeakMap<object, Promise<string>>();

async function credentialBaseUrl(ctx: RequestContext, credentialType: string): Promise<string> {
	let pending = baseUrls.get(ctx);
	if (!pending) {
		const getCredentials = ctx.getCredentials as IExecuteFunctions['getCredentials'];
		const credentials = getCredentials.call(ctx, credentialType) as Promise<IDataObject>;
		pending = credentials.then((data) => String(data.baseUrl ?? '').replace(/\/+$/, ''));
		baseUrls.set(ctx, pending);
	}
	return await pending;
}

/** Timeout per attempt; VideoDB's and Roboflow's own clients use 30–60 s. */
const REQUEST_TIMEOUT_MS = 60000;

/**
 * Sends a request through n8n's authenticated helper (proxies, credential handling and
 * redaction stay n8n's) with the package's retry policy. Every HTTP status comes back as a
 * response for the service transport to interpret; a transport failure becomes a
 * `NodeApiError` that carries no request details (the request headers hold the API key).
 */
export async function sendServiceRequest(
	ctx: RequestContext,
	credentialType: string,
	serviceName: string,
	request: ServiceRequest,
	itemIndex?: number,
): Promise<HttpResponse> {
	const baseUrl = await credentialBaseUrl(ctx, credentialType);
	const isBuffer = Buffer.isBuffer(request.body);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		headers: request.headers,
		json: !isBuffer,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	const send = async (): Promise<HttpResponse> => {
		// n8n's helper may change the options object (auth headers); give each attempt its own.
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
			...options,
			headers: { ...options.headers },
		})) as { statusCode: number; headers?: Record<string, unknown>; body: unknown };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
	return await withRetry(send, request.idempotency).catch((error: unknown) => {
		const code = networkErrorCode(error) ?? 'network error';
		const message = `Could not reach ${serviceName} (${code})`;
		const failure = new NodeApiError(
			ctx.getNode(),
			{ code },
			{
				message,
				description: `${request.method} ${request.path} failed before an answer arrived. Check the Base URL of the credential and the network.`,
				itemIndex,
			},
		);
		// NodeApiError swaps in a generic text for connection codes; keep the one that names the service.
		failure.message = message;
		return Promise.reject(failure);
	});
}

import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { HttpResponse, Idempotency } from './retry';
import { networkErrorCode, withRetry } from './retry';

/** Every n8n context that sends requests: execute, list search, webhook life cycle, webhook, poll. */
export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

export interface ServiceRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with `/`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | Buffer;
	headers?: IDataObject;
	idempotency: Idempotency;
}

/**
 * Turns a decrypted credential into the headers that authenticate a request (the same headers the
 * credential type's `authenticate` declares). Given to `sendServiceRequest`, it makes the
 * credential be read once per context instead of once per request.
 */
export type AuthHeaders = (credentials: IDataObject) => IDataObject;

/** What a context needs to send: the base URL and, with `AuthHeaders`, the auth headers. */
interface Connection {
	baseUrl: string;
	headers?: IDataObject;
}

// One credential read per context (an execution, a list search, a hook call) and credential type,
// not per request: n8n's authenticated helper decrypts the credential (a database read and an AES
// decryption) and evaluates its `authenticate` expressions on every call, which cost more than the
// request itself at thousands of items (see BENCHMARKS.md).
const connections = new WeakMap<object, Map<string, Promise<Connection>>>();

/** Only reads the credential; requests are sent by `sendServiceRequest` through n8n's helpers. */
async function readConnection(ctx: RequestContext, credentialType: string, auth?: AuthHeaders): Promise<Connection> {
	const getCredentials = ctx.getCredentials as IExecuteFunctions['getCredentials'];
	const data = (await getCredentials.call(ctx, credentialType)) as IDataObject;
	return { baseUrl: String(data.baseUrl ?? '').replace(/\/+$/, ''), headers: auth ? auth(data) : undefined };
}

async function connectionOf(ctx: RequestContext, credentialType: string, auth?: AuthHeaders): Promise<Connection> {
	let byType = connections.get(ctx);
	if (!byType) connections.set(ctx, (byType = new Map()));
	let pending = byType.get(credentialType);
	if (!pending) {
		pending = readConnection(ctx, credentialType, auth);
		// A failed read (e.g. a missing credential) is not cached, so the next call reports it again.
		pending.catch(() => byType.delete(credentialType));
		byType.set(credentialType, pending);
	}
	return await pending;
}

/** Timeout per attempt; VideoDB's and Roboflow's own clients use 30–60 s. */
const REQUEST_TIMEOUT_MS = 60000;

/**
 * Sends a request through n8n's request helpers (proxies and TLS settings stay n8n's) with the
 * package's retry policy: with `auth`, `helpers.httpRequest` with the headers built once per context
 * (where per-request credential resolution costs more than the request); without, n8n's authenticated
 * helper. Every HTTP status comes back as a response for the service transport to interpret; a
 * transport failure becomes a `NodeApiError` that carries no request details (the request headers
 * hold the API key).
 */
export async function sendServiceRequest(
	ctx: RequestContext,
	credentialType: string,
	serviceName: string,
	request: ServiceRequest,
	itemIndex?: number,
	auth?: AuthHeaders,
): Promise<HttpResponse> {
	const connection = await connectionOf(ctx, credentialType, auth);
	const baseUrl = connection.baseUrl;
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
	const authHeaders = connection.headers;
	// n8n's authenticated helper does this itself; the plain one does not.
	if (authHeaders && 'getExecutionCancelSignal' in ctx) options.abortSignal = ctx.getExecutionCancelSignal();
	const send = async (): Promise<HttpResponse> => {
		// n8n's helpers may change the options object (auth headers); give each attempt its own.
		const attempt = { ...options, headers: { ...options.headers, ...authHeaders } };
		const response = (
			authHeaders
				? await ctx.helpers.httpRequest(attempt)
				: await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, attempt)
		) as { statusCode: number; headers?: Record<string, unknown>; body: unknown };
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

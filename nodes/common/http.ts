import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isPlainObject } from './guards';
import type { HttpResponse, Idempotency } from './retry';
import { networkErrorCode, withRetry } from './retry';

/**
 * What the transport uses of an n8n context. Every context that sends requests has it (execute,
 * list search, webhook life cycle, webhook, poll); only execution contexts can be cancelled, so
 * their cancel signal is optional here, as n8n-core itself treats it.
 */
export type RequestContext = Pick<IExecuteFunctions, 'getNode' | 'getCredentials'> & {
	helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest'>;
	getExecutionCancelSignal?: IExecuteFunctions['getExecutionCancelSignal'];
};

/** A service the package talks to. */
export interface Service {
	/** The name errors use, e.g. `Roboflow`. */
	name: string;
	/** The credential type that holds the API key and base URL. */
	credentialType: string;
	/** The credential type's auth headers, the same function its `authenticate` applies. */
	authHeaders: (credentials: ICredentialDataDecryptedObject) => IDataObject;
}

export interface ServiceRequest {
	method: IHttpRequestMethods;
	/**
	 * Path below the credential's base URL, starting with `/`; or an absolute URL the service gave
	 * (e.g. a job's `output_url`), which is sent below the base URL too (see `requestUrl`).
	 */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | Buffer;
	headers?: IDataObject;
	idempotency: Idempotency;
}

/** What a context needs to send: the base URL and the auth headers. */
interface Connection {
	baseUrl: string;
	headers: IDataObject;
}

// One credential read per context (an execution, a list search, a hook call) and credential type,
// not per request: n8n's authenticated helper decrypts the credential (a database read and an AES
// decryption) and applies its `authenticate` on every call, which cost more than the request itself
// at thousands of items (see BENCHMARKS.md). Keyed by the context object, so it goes with it.
const connections = new WeakMap<RequestContext, Map<string, Promise<Connection>>>();

// Reading the credential and sending requests stay in separate functions (lint rule
// no-http-request-with-manual-auth); the headers never reach outputs or errors.
async function readConnection(ctx: RequestContext, service: Service): Promise<Connection> {
	const credentials = await ctx.getCredentials(service.credentialType);
	return { baseUrl: String(credentials.baseUrl ?? '').replace(/\/+$/, ''), headers: service.authHeaders(credentials) };
}

async function connectionOf(ctx: RequestContext, service: Service): Promise<Connection> {
	let byType = connections.get(ctx);
	if (!byType) connections.set(ctx, (byType = new Map()));
	let pending = byType.get(service.credentialType);
	if (!pending) {
		pending = readConnection(ctx, service);
		// A failed read (e.g. a missing credential) is not cached, so the next call reports it again.
		pending.catch(() => byType.delete(service.credentialType));
		byType.set(service.credentialType, pending);
	}
	return await pending;
}

/**
 * Makes the next request through `ctx` read its credential again. For the one context n8n keeps
 * across runs: a poll context lives as long as the activation, and a credential edited meanwhile
 * (a new API key) must count from the next poll on.
 */
export function forgetCredentials(ctx: RequestContext): void {
	connections.delete(ctx);
}

/**
 * The URL a request goes to. An absolute URL from an answer is used as it is only when it lies
 * below the credential's base URL; otherwise its path and query are sent below the base URL. The
 * auth headers thus only ever go where the credential points (the same host, or the proxy the user
 * configured), whatever URL an answer names.
 */
export function requestUrl(baseUrl: string, path: string): string {
	if (!/^https?:\/\//i.test(path)) return `${baseUrl}${path}`;
	if (path.startsWith(`${baseUrl}/`)) return path;
	const url = new URL(path);
	return `${baseUrl}${url.pathname}${url.search}`;
}

/** Timeout per attempt; VideoDB's and Roboflow's own clients use 30–60 s. */
const REQUEST_TIMEOUT_MS = 60000;

/**
 * Sends a request through n8n's request helper (proxies and TLS settings stay n8n's) with the
 * service's auth headers, built once per context, and the package's retry policy. Every HTTP status
 * comes back as a response for the service transport to interpret; a transport failure becomes a
 * `NodeApiError` that carries no request details (the request headers hold the API key).
 */
export async function sendServiceRequest(
	ctx: RequestContext,
	service: Service,
	request: ServiceRequest,
	itemIndex?: number,
): Promise<HttpResponse> {
	const connection = await connectionOf(ctx, service);
	const signal = ctx.getExecutionCancelSignal?.();
	// n8n's helper leaves an empty object body out of the request; the vendors' clients send `{}`
	// (VideoDB export without a name, whose spec requires a body), so it goes out as JSON text.
	const emptyObject = isPlainObject(request.body) && Object.keys(request.body).length === 0;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: requestUrl(connection.baseUrl, request.path),
		qs: request.qs,
		body: emptyObject ? '{}' : request.body,
		json: !Buffer.isBuffer(request.body),
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: REQUEST_TIMEOUT_MS,
		// n8n's authenticated helper would pass an execution's cancel signal itself; the plain one does not.
		abortSignal: signal,
	};
	const send = async (): Promise<HttpResponse> => {
		// n8n's helper may change the options object (trace headers); give each attempt its own.
		const headers = { ...(emptyObject ? { 'content-type': 'application/json' } : {}), ...request.headers, ...connection.headers };
		const attempt = { ...options, headers };
		const response = (await ctx.helpers.httpRequest(attempt)) as {
			statusCode: number;
			headers?: Record<string, unknown>;
			body: unknown;
		};
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
	return await withRetry(send, request.idempotency, undefined, signal).catch((error: unknown) => {
		const code = networkErrorCode(error) ?? 'network error';
		return Promise.reject(
			new NodeApiError(
				ctx.getNode(),
				{ code },
				{
					// NodeApiError replaces a message that names a connection code (ECONNREFUSED, …) with
					// n8n's generic text unless `messageMapping` maps it; the mapped text names the service.
					message: code,
					messageMapping: { [code]: `Could not reach ${service.name} (${code})` },
					description: `${request.method} ${request.path} failed before an answer arrived. Check the Base URL of the credential and the network.`,
					itemIndex,
				},
			),
		);
	});
}

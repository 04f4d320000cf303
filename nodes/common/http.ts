import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
	/** The credential field holding the base URL: `baseUrl` ("Base URL") unless the service has its own host (Roboflow's inference). */
	baseUrlField?: { name: string; displayName: string };
	/** The credential type's auth headers, the same function its `authenticate` applies. */
	authHeaders: (credentials: ICredentialDataDecryptedObject) => IDataObject;
	/**
	 * Where the key goes when a service takes it outside the headers (Roboflow's hosted inference:
	 * `api_key` in the query of a model run, in the JSON body of a workflow run). These values are
	 * taken back out of every answer, and no error names a request's query.
	 */
	authQuery?: (credentials: ICredentialDataDecryptedObject) => IDataObject;
	authBody?: (credentials: ICredentialDataDecryptedObject) => IDataObject;
}

export interface ServiceRequest {
	method: IHttpRequestMethods;
	/**
	 * Path below the credential's base URL, starting with `/`; or an absolute URL the service gave
	 * (e.g. a job's `output_url`), which is sent below the base URL too (see `requestUrl`).
	 */
	path: string;
	qs?: IDataObject;
	/** JSON (an object or array), raw bytes, or text sent as it is (e.g. a base64 image). */
	body?: IDataObject | IDataObject[] | Buffer | string;
	headers?: IDataObject;
	idempotency: Idempotency;
}

/** What a context needs to send: the base URL and where the key goes. */
interface Connection {
	baseUrl: string;
	headers: IDataObject;
	qs: IDataObject;
	body: IDataObject;
	/** The key as it travels outside the headers, to be taken out of answers. */
	secrets: string[];
}

// One credential read per context (an execution, a list search, a hook call) and credential type,
// not per request: n8n's authenticated helper decrypts the credential (a database read and an AES
// decryption) and applies its `authenticate` on every call, which cost more than the request itself
// at thousands of items (see BENCHMARKS.md). Keyed by the context object, so it goes with it.
const credentialsByContext = new WeakMap<RequestContext, Map<string, Promise<ICredentialDataDecryptedObject>>>();

async function credentialsOf(ctx: RequestContext, type: string): Promise<ICredentialDataDecryptedObject> {
	let byType = credentialsByContext.get(ctx);
	if (!byType) credentialsByContext.set(ctx, (byType = new Map()));
	let pending = byType.get(type);
	if (!pending) {
		pending = ctx.getCredentials(type);
		// A failed read (e.g. a missing credential) is not cached, so the next call reports it again.
		pending.catch(() => byType.delete(type));
		byType.set(type, pending);
	}
	return await pending;
}

const baseUrlField = (service: Service) => service.baseUrlField ?? { name: 'baseUrl', displayName: 'Base URL' };

// Reading the credential and sending requests stay in separate functions (lint rule
// no-http-request-with-manual-auth); the key never reaches outputs or errors.
async function connectionOf(ctx: RequestContext, service: Service): Promise<Connection> {
	const credentials = await credentialsOf(ctx, service.credentialType);
	const field = baseUrlField(service);
	const baseUrl = String(credentials[field.name] ?? '').trim().replace(/\/+$/, '');
	if (baseUrl === '') {
		throw new NodeOperationError(ctx.getNode(), `The ${service.name} credential has no ${field.displayName}`, {
			description: "Set it in the credential; its default is the service's own address.",
		});
	}
	const qs = service.authQuery?.(credentials) ?? {};
	const body = service.authBody?.(credentials) ?? {};
	const secrets = [...Object.values(qs), ...Object.values(body)]
		.map(String)
		.filter((value) => value !== '')
		.flatMap((value) => [value, encodeURIComponent(value)]);
	return { baseUrl, headers: service.authHeaders(credentials), qs, body, secrets: [...new Set(secrets)] };
}

/**
 * Makes the next request through `ctx` read its credential again. For the one context n8n keeps
 * across runs: a poll context lives as long as the activation, and a credential edited meanwhile
 * (a new API key) must count from the next poll on.
 */
export function forgetCredentials(ctx: RequestContext): void {
	credentialsByContext.delete(ctx);
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

/** `value` with every occurrence of each secret replaced, at any depth; the same value when none occurs. */
export function withoutSecrets(value: unknown, secrets: string[]): unknown {
	if (secrets.length === 0) return value;
	if (typeof value === 'string') {
		return secrets.some((secret) => value.includes(secret))
			? secrets.reduce((text, secret) => text.split(secret).join('[hidden]'), value)
			: value;
	}
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry, secrets));
	if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, entry]) => [withoutSecrets(key, secrets) as string, withoutSecrets(entry, secrets)]),
	);
}

/** Timeout per attempt; VideoDB's and Roboflow's own clients use 30–60 s. */
const REQUEST_TIMEOUT_MS = 60000;

/**
 * Sends a request through n8n's request helper (proxies and TLS settings stay n8n's) with the
 * service's auth (headers, or the query or JSON body fields a service takes the key in), built once
 * per context, and the package's retry policy. Every HTTP status comes back as a response for the
 * service transport to interpret, with the key taken out; a transport failure becomes a
 * `NodeApiError` that names the method and path only (n8n's own error carries the URL with its
 * query, and the request headers and body hold the API key).
 */
export async function sendServiceRequest(
	ctx: RequestContext,
	service: Service,
	request: ServiceRequest,
	itemIndex?: number,
): Promise<HttpResponse> {
	const connection = await connectionOf(ctx, service);
	const signal = ctx.getExecutionCancelSignal?.();
	const body = isPlainObject(request.body) ? { ...request.body, ...connection.body } : request.body;
	// n8n's helper leaves an empty object body out of the request; the vendors' clients send `{}`
	// (VideoDB export without a name, whose spec requires a body), so it goes out as JSON text.
	const emptyObject = isPlainObject(body) && Object.keys(body).length === 0;
	const qs = { ...request.qs, ...connection.qs };
	const options: IHttpRequestOptions = {
		method: request.method,
		url: requestUrl(connection.baseUrl, request.path),
		qs: Object.keys(qs).length > 0 ? qs : undefined,
		body: emptyObject ? '{}' : body,
		json: !Buffer.isBuffer(body),
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
		// A service may echo what it was sent (FastAPI's 422 repeats the body): the key comes back out.
		const answer = withoutSecrets(response.body, connection.secrets);
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: answer };
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
					description: `${request.method} ${request.path} failed before an answer arrived. Check the ${baseUrlField(service).displayName} of the credential and the network.`,
					itemIndex,
				},
			),
		);
	});
}

/** HTTP access to one n8n: raw requests, webhooks, the internal REST API (owner cookie) and the public API. */
import { sleep } from '../until';

export const OWNER = {
	email: 'owner@e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-Passw0rd!',
};

export interface HttpResult<T = unknown> {
	status: number;
	headers: Headers;
	text: string;
	/** Parsed JSON body, or undefined when the body is not JSON. */
	json: T;
}

export interface RequestOptions {
	/** JSON body (sent with content-type application/json). */
	body?: unknown;
	/** Body sent as is (set the content-type in headers yourself); wins over `body`. */
	rawBody?: string;
	/** 'cookie' (owner session, default for request()), 'apiKey' (public API) or 'none'. */
	auth?: 'cookie' | 'apiKey' | 'none';
	/** Extra headers; they win over the defaults. */
	headers?: Record<string, string>;
	timeoutMs?: number;
}

export class N8nHttpError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
		this.name = 'N8nHttpError';
	}
}

export abstract class N8nClient {
	private cookie = '';
	private apiKey = '';
	private version: Promise<string> | undefined;

	constructor(
		/** e.g. http://127.0.0.1:40123 (no trailing slash). */
		readonly baseUrl: string,
	) {}

	/** The last `lines` lines of n8n's log, for failure messages. */
	abstract logTail(lines?: number): string;

	// ---------------------------------------------------------------- HTTP

	/** Any request to n8n; never throws for an HTTP status. auth: 'cookie' (default), 'apiKey' or 'none'. */
	async request<T = unknown>(
		method: string,
		path: string,
		opts: RequestOptions = {},
	): Promise<HttpResult<T>> {
		const headers: Record<string, string> = { accept: 'application/json' };
		const auth = opts.auth ?? 'cookie';
		if (auth === 'cookie' && this.cookie) headers.cookie = this.cookie;
		if (auth === 'apiKey') headers['x-n8n-api-key'] = await this.ensureApiKey();
		let body: string | undefined;
		if (opts.rawBody !== undefined) {
			body = opts.rawBody;
		} else if (opts.body !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(opts.body);
		}
		Object.assign(headers, opts.headers ?? {});
		const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
		const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 60000) });
		const text = await res.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, text, json: json as T };
	}

	/**
	 * Calls a webhook on this n8n directly (not through webhookBaseUrl, which may be a public tunnel URL):
	 * `<baseUrl>/webhook/<path>`, or `/webhook-test/<path>` with `test: true`. `path` is what follows
	 * `webhook/` in the registered URL (e.g. `<webhookId>/alert?token=…`). Never throws for a status.
	 */
	async webhook<T = unknown>(path: string, opts: RequestOptions & { method?: string; test?: boolean } = {}): Promise<HttpResult<T>> {
		const url = `${this.baseUrl}/${opts.test ? 'webhook-test' : 'webhook'}/${path.replace(/^\//, '')}`;
		return await this.request<T>(opts.method ?? 'POST', url, { auth: 'none', ...opts });
	}

	protected async expectOk<T>(method: string, path: string, r: HttpResult): Promise<T> {
		if (r.status < 200 || r.status >= 300) {
			throw new N8nHttpError(
				`${method} ${path} -> HTTP ${r.status}: ${r.text.slice(0, 2000)}\n--- n8n log tail ---\n${this.logTail(30)}`,
				r.status,
				r.text,
			);
		}
		const json = r.json as { data?: unknown } | undefined;
		return (json && typeof json === 'object' && !Array.isArray(json) && 'data' in json ? json.data : json) as T;
	}

	/** Internal REST API (`/rest<path>`) as the owner (cookie); throws on non-2xx; returns `body.data`. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const full = `/rest${path.startsWith('/') ? path : `/${path}`}`;
		return await this.expectOk<T>(method, full, await this.request(method, full, { body }));
	}

	/** Public API (`/api/v1<path>`) with an API key created for the owner on first use; throws on non-2xx; returns the body. */
	async publicApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const full = `/api/v1${path.startsWith('/') ? path : `/${path}`}`;
		const r = await this.request(method, full, { body, auth: 'apiKey' });
		if (r.status < 200 || r.status >= 300) {
			throw new N8nHttpError(`${method} ${full} -> HTTP ${r.status}: ${r.text.slice(0, 2000)}`, r.status, r.text);
		}
		return r.json as T;
	}

	/** The owner's API key for the public API (created on first use): what an "n8n API" credential holds. */
	async ensureApiKey(): Promise<string> {
		if (this.apiKey) return this.apiKey;
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
			label: `e2e-${Date.now()}`,
			scopes,
			expiresAt: null,
		});
		this.apiKey = created.rawApiKey;
		return this.apiKey;
	}

	/**
	 * n8n's version as the running instance reports it (`versionCli` of `GET /rest/settings`, which n8n
	 * only shows a signed-in user); asked once.
	 */
	async n8nVersion(): Promise<string> {
		this.version ??= this.rest<{ versionCli: string }>('GET', '/settings').then((s) => s.versionCli);
		return await this.version;
	}

	/** n8n 1.x: activation ends inside the activate request, no publication status, manual runs send the workflow. */
	async isN8nV1(): Promise<boolean> {
		return (await this.n8nVersion()).startsWith('1.');
	}

	/**
	 * Waits (bounded) until n8n serves its REST API: n8n 1.x answers /healthz/readiness a few seconds
	 * before it mounts /rest (until then every /rest path is Express's HTML 404).
	 */
	private async waitForRest(timeoutMs = 60000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const r = await this.request('GET', '/rest/settings', { auth: 'none' });
			if (r.status === 200 && r.json !== undefined) return;
			if (Date.now() > deadline) {
				throw new Error(`n8n did not serve /rest within ${timeoutMs} ms (last: HTTP ${r.status})\n--- n8n log tail ---\n${this.logTail(30)}`);
			}
			await sleep(200);
		}
	}

	/** Creates the owner (first start) and keeps its auth cookie. */
	async setupOwner(): Promise<void> {
		await this.waitForRest();
		const r = await this.request('POST', '/rest/owner/setup', { body: OWNER, auth: 'none' });
		if (r.status < 200 || r.status >= 300) {
			await this.login();
			return;
		}
		this.takeCookie(r);
	}

	async login(): Promise<void> {
		const r = await this.request('POST', '/rest/login', {
			body: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
			auth: 'none',
		});
		await this.expectOk('POST', '/rest/login', r);
		this.takeCookie(r);
	}

	private takeCookie(r: HttpResult): void {
		const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]);
		const auth = cookies.find((c) => c.startsWith('n8n-auth='));
		if (!auth) throw new Error(`n8n sent no n8n-auth cookie (got: ${cookies.join(', ') || 'none'})`);
		this.cookie = auth;
	}

}

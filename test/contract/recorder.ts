/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling outside the published package: a local HTTP proxy (node:http) */
/**
 * A recording proxy on 127.0.0.1 in front of a service (the sandbox, or with keys the real
 * service): the node's credential points at it, so the contract suites see every exchange as it
 * crossed the wire, whatever answers behind it. Requests and answers are kept without headers and
 * with an `api_key` query parameter or body field masked (the API key never lands in the record),
 * bodies parsed as the sandbox parses them. Like any
 * reverse proxy, it rewrites the upstream's own URL in answers (a long job's `output_url`) to its own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

import type { LoggedRequest } from '../../sandbox';
import type { Service } from '../../sandbox/types';
import { flatHeaders, parseRequest, readBody, safeJson, summarizeMultipart } from '../../sandbox/http';

export interface Recorder {
	url: string;
	/** What crossed the proxy since the last `clear()`, oldest first. */
	exchanges: LoggedRequest[];
	clear(): void;
	close(): Promise<void>;
}

/** A request's query or JSON body with its `api_key` (Roboflow's inference takes the key there) replaced by a placeholder. */
function withoutKey<T>(value: T): T {
	const record = value as Record<string, unknown>;
	if (typeof value !== 'object' || value === null || Array.isArray(value) || record.api_key === undefined) return value;
	return { ...record, api_key: '(key)' } as T;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

export async function startRecorder(service: Service, upstream: string): Promise<Recorder> {
	const exchanges: LoggedRequest[] = [];
	let seq = 0;
	let ownUrl = '';
	const server: Server = createServer((req, res) => {
		void (async () => {
			const raw = (await readBody(req)) ?? Buffer.alloc(0);
			const url = new URL(req.url ?? '/', 'http://recorder');
			const headers = flatHeaders(req.headers, HOP_BY_HOP);
			const query = withoutKey(Object.fromEntries(url.searchParams));
			const parsed = parseRequest(req.method ?? 'GET', url.pathname, query, headers, raw);
			const entry: LoggedRequest = {
				seq: ++seq,
				time: new Date().toISOString(),
				service,
				method: req.method ?? 'GET',
				path: url.pathname,
				query,
				headers: headers['content-type'] ? { 'content-type': headers['content-type'] } : {},
				body: parsed.multipart ? summarizeMultipart(parsed.multipart) : withoutKey(parsed.body),
				status: 0,
			};
			exchanges.push(entry);
			try {
				const answer = await request(`${upstream}${url.pathname}${url.search}`, {
					method: entry.method as 'GET',
					headers,
					body: raw.length > 0 ? raw : undefined,
				});
				let bytes = Buffer.from(await answer.body.arrayBuffer());
				if (/json/i.test(String(answer.headers['content-type'] ?? ''))) bytes = Buffer.from(bytes.toString('utf8').split(upstream).join(ownUrl));
				entry.status = answer.statusCode;
				entry.answer = bytes.length > 0 ? safeJson(bytes.toString('utf8')) : undefined;
				const out = flatHeaders(answer.headers, HOP_BY_HOP);
				res.writeHead(answer.statusCode, out).end(bytes);
			} catch (error) {
				entry.status = 502;
				res.writeHead(502, { 'content-type': 'text/plain' }).end(`Recorder: ${error instanceof Error ? error.message : String(error)}`);
			}
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	ownUrl = `http://127.0.0.1:${port}`;
	return {
		url: ownUrl,
		exchanges,
		clear: () => void (exchanges.length = 0),
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

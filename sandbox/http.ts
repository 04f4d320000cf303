/** Request body reading and parsing, and response writing, for the sandbox server. */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- the sandbox is a dev tool outside the published package and works on node:http messages directly
import type { IncomingMessage, ServerResponse } from 'node:http';

import { multipartBoundary, parseMultipart } from './multipart';
import type { ApiRequest, ApiResponse, LoggedRequest, Multipart } from './types';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The whole body, or null when it exceeds MAX_BODY_BYTES. */
export function readBody(req: IncomingMessage): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Node's headers (a value may be a list, or missing) as one string each, lists joined by `, `. */
export function flatHeaders(raw: Record<string, string | string[] | undefined>, skip: ReadonlySet<string> = new Set()): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(raw)) {
		if (value !== undefined && !skip.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

export function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

export function parseRequest(
	method: string,
	path: string,
	query: Record<string, string>,
	headers: Record<string, string>,
	raw: Buffer,
): ApiRequest {
	const req: ApiRequest = { method, path, query, headers, body: undefined, badJson: false };
	if (raw.length === 0) return req;
	req.rawBody = raw;
	const contentType = headers['content-type'] ?? '';
	const boundary = multipartBoundary(contentType);
	if (boundary) {
		const form = parseMultipart(raw, boundary);
		if (form) {
			req.multipart = form;
			return req;
		}
	}
	const text = raw.toString('utf8');
	req.body = text;
	const first = text.trimStart()[0];
	if (/json/i.test(contentType) || (contentType === '' && (first === '{' || first === '['))) {
		try {
			req.body = JSON.parse(text);
		} catch {
			req.badJson = true;
		}
	}
	return req;
}

export function summarizeMultipart(form: Multipart) {
	return {
		fields: form.fields,
		files: form.files.map((f) => ({ field: f.field, filename: f.filename, contentType: f.contentType, size: f.data.length })),
	};
}

export function send(res: ServerResponse, response: ApiResponse, entry?: LoggedRequest): void {
	if (entry) entry.status = response.status;
	const payload = response.raw ?? Buffer.from(response.body === undefined ? '' : JSON.stringify(response.body));
	const headers: Record<string, string | number> = {
		'content-type': response.raw ? 'application/octet-stream' : 'application/json; charset=utf-8',
		...(response.headers ?? {}),
		'content-length': payload.length,
	};
	if (res.writableEnded || res.destroyed) return;
	res.writeHead(response.status, headers);
	res.end(payload);
}

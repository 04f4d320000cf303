/** Small HTTP helpers for the sandbox contract tests (real requests over 127.0.0.1). */
import { randomUUID } from 'crypto';
import { request } from 'undici';

import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { flatHeaders } from '../../sandbox/http';
import { isoFromNow } from '../helpers/time';

/** Response bodies are probed loosely in tests; `expect` does the checking. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose on purpose, see the comment above
export type Loose = any;

export interface CallResult<T = Loose> {
	status: number;
	headers: Record<string, string>;
	body: T;
}

export interface CallOptions {
	method?: string;
	headers?: Record<string, string>;
	json?: unknown;
	body?: string | Buffer;
}

export async function call<T = Loose>(url: string, opts: CallOptions = {}): Promise<CallResult<T>> {
	const headers: Record<string, string> = { ...(opts.headers ?? {}) };
	let body = opts.body;
	if (opts.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(opts.json);
	}
	const res = await request(url, { method: (opts.method ?? (body === undefined ? 'GET' : 'POST')) as 'GET', headers, body });
	const text = await res.body.text();
	let parsed: unknown = text;
	try {
		parsed = text === '' ? undefined : JSON.parse(text);
	} catch {
		// keep text
	}
	return { status: res.statusCode, headers: flatHeaders(res.headers), body: parsed as T };
}

/** A VideoDB client bound to a base URL (the sandbox's videodbUrl). */
export function videodb(baseUrl: string, key: string = SANDBOX_KEYS.videodb) {
	return <T = Loose>(method: string, path: string, json?: unknown) =>
		call<T>(`${baseUrl}${path}`, { method, json, headers: key ? { 'x-access-token': key } : {} });
}

/** A Roboflow client bound to a base URL (the sandbox's roboflowUrl). */
export function roboflow(baseUrl: string, key: string = SANDBOX_KEYS.roboflow) {
	return <T = Loose>(method: string, path: string, json?: unknown) =>
		call<T>(`${baseUrl}${path}`, { method, json, headers: key ? { authorization: `Bearer ${key}` } : {} });
}

/** A valid inventory_count event in the Warehouse inventory use case, with `overrides` applied. */
export const inventoryEvent = (overrides: Record<string, unknown> = {}) => ({
	eventId: randomUUID(),
	eventType: 'inventory_count',
	useCaseId: SEED.useCases.warehouseInventory,
	timestamp: isoFromNow(-60_000),
	eventData: { location: 'warehouse-a', itemCount: 42, itemType: 'pallets' },
	...overrides,
});

/** Fault injection: which request a fault hits and what answer it produces. */
import { longJobProblem } from './longJobs';
import type { ActiveFault, ApiResponse, Fault, Service } from './types';
import { isObject, normalizePath } from './util';

const CODES: Record<number, [string, string]> = {
	400: ['Bad request', 'VALIDATION_ERROR'],
	401: ['Invalid API key', 'UNAUTHORIZED'],
	403: ['Forbidden', 'FORBIDDEN'],
	404: ['Not found', 'NOT_FOUND'],
	408: ['Request timeout', 'TIMEOUT'],
	409: ['Conflict', 'CONFLICT'],
	429: ['Too many requests', 'RATE_LIMITED'],
	500: ['Internal server error', 'INTERNAL_ERROR'],
	502: ['Bad gateway', 'BAD_GATEWAY'],
	503: ['Service unavailable', 'SERVICE_UNAVAILABLE'],
	504: ['Gateway timeout', 'GATEWAY_TIMEOUT'],
};

/** Returns the 400 message for a malformed Fault, or null. */
export function faultProblem(f: unknown): string | null {
	if (!isObject(f)) return 'fault must be a JSON object';
	if (typeof f.path !== 'string' || !f.path.startsWith('/')) return 'path must be a string starting with /';
	if (f.method !== undefined && typeof f.method !== 'string') return 'method must be a string';
	if (f.times !== undefined && (!Number.isInteger(f.times) || (f.times as number) < 1)) return 'times must be a positive integer';
	if (f.skip !== undefined && (!Number.isInteger(f.skip) || (f.skip as number) < 0)) return 'skip must be an integer >= 0';
	if (f.status !== undefined && (!Number.isInteger(f.status) || (f.status as number) < 100 || (f.status as number) > 599)) {
		return 'status must be an HTTP status code';
	}
	if (f.latencyMs !== undefined && (typeof f.latencyMs !== 'number' || f.latencyMs < 0)) return 'latencyMs must be >= 0';
	if (f.when !== undefined && f.when !== 'before' && f.when !== 'after') return 'when must be before or after';
	if (f.headers !== undefined && !isObject(f.headers)) return 'headers must be an object';
	if (f.unconfirmed !== undefined) {
		if (f.unconfirmed !== 'empty' && f.unconfirmed !== 'dropId') return 'unconfirmed must be empty or dropId';
		if (f.status !== undefined || f.body !== undefined || f.successFalse || f.drop || f.retryAfter !== undefined) {
			return 'unconfirmed keeps the real answer: it cannot be combined with status, body, successFalse, retryAfter or drop';
		}
	}
	if (f.patch !== undefined) {
		if (!isObject(f.patch)) return 'patch must be an object of answer fields';
		if (f.status !== undefined || f.body !== undefined || f.successFalse || f.drop || f.retryAfter !== undefined || f.unconfirmed) {
			return 'patch keeps the real answer: it cannot be combined with status, body, successFalse, retryAfter, drop or unconfirmed';
		}
	}
	if (f.longJob !== undefined) {
		const problem = longJobProblem(f.longJob);
		if (problem) return problem;
		if (f.status !== undefined || f.body !== undefined || f.successFalse || f.drop || f.retryAfter !== undefined || f.unconfirmed || f.patch) {
			return 'longJob keeps the real answer: it cannot be combined with status, body, successFalse, retryAfter, drop, unconfirmed or patch';
		}
	}
	return null;
}

export class FaultList {
	private faults: ActiveFault[] = [];

	add(f: Fault): void {
		this.faults.push({ ...f, remaining: f.times ?? 1, toSkip: f.skip ?? 0 });
	}

	list(): ActiveFault[] {
		return this.faults.map((f) => ({ ...f }));
	}

	clear(): void {
		this.faults = [];
	}

	/** Consumes one use of the first matching fault (insertion order). */
	take(method: string, fullPath: string): ActiveFault | undefined {
		if (this.faults.length === 0) return undefined;
		const path = normalizePath(fullPath);
		const index = this.faults.findIndex(
			(f) =>
				(!f.method || f.method.toUpperCase() === method) &&
				(f.path.endsWith('*') ? fullPath.startsWith(f.path.slice(0, -1)) : normalizePath(f.path) === path),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (fault.toSkip > 0) {
			fault.toSkip--;
			return undefined;
		}
		fault.remaining--;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}
}

/**
 * The answer a fault imposes, or null when it only adds latency/headers and the request is
 * served normally. Status defaults: 200 with successFalse, 429 with retryAfter, otherwise 500.
 */
export function faultResponse(f: Fault, service: Service): ApiResponse | null {
	const headers: Record<string, string> = { ...(f.headers ?? {}) };
	if (f.retryAfter !== undefined) headers['retry-after'] = String(f.retryAfter);
	const replaces = f.successFalse || f.status !== undefined || f.body !== undefined || f.retryAfter !== undefined;
	if (!replaces) return null;

	if (f.successFalse) {
		return {
			status: f.status ?? 200,
			headers,
			body: f.body ?? { success: false, message: 'Sandbox fault: the request failed', error_code: 'SANDBOX_FAULT' },
		};
	}
	const status = f.status ?? (f.retryAfter !== undefined ? 429 : 500);
	if (f.body !== undefined) return { status, headers, body: f.body };
	const [message, code] = CODES[status] ?? [`HTTP ${status}`, 'SANDBOX_FAULT'];
	const body =
		service === 'videodb'
			? { success: false, message, error_code: code }
			: service === 'roboflow'
				? { error: message }
				: { message };
	return { status, headers, body };
}

/**
 * A served 2xx answer without its confirmation (see `Fault.unconfirmed`); any other answer as is.
 * Models a success status whose body does not confirm what was stored.
 */
export function unconfirmedResponse(response: ApiResponse, mode: 'empty' | 'dropId'): ApiResponse {
	if (response.status < 200 || response.status > 299 || !isObject(response.body)) return response;
	if (mode === 'empty') return { ...response, body: {} };
	const { created, eventIds } = response.body;
	if (!Array.isArray(eventIds)) {
		// A single create's answer loses both `created` and `eventId` (an answer naming the event
		// sent confirms it on its own), an upload's `sourceId` and `url`.
		const rest = { ...response.body };
		for (const key of ['created', 'eventId', 'sourceId', 'url']) delete rest[key];
		return { ...response, body: rest };
	}
	// A batch answer loses its last id.
	const count = typeof created === 'number' ? created - 1 : created;
	return { ...response, body: { ...response.body, created: count, eventIds: eventIds.slice(0, -1) } };
}

/** A served 2xx JSON object answer with `fields` set (see `Fault.patch`); any other answer as is. */
export function patchedResponse(response: ApiResponse, fields: Record<string, unknown>): ApiResponse {
	if (response.status < 200 || response.status > 299 || !isObject(response.body)) return response;
	return { ...response, body: { ...response.body, ...fields } };
}

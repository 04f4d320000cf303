/** VideoDB's answer shapes: the `{success, data}` envelope, status-only success, and errors. */
import type { ApiResponse } from './types';

export function ok(data: unknown, status = 200): ApiResponse {
	return { status, body: { success: true, data } };
}

/** What status-only calls (start/stop, prompt and alert status updates) answer. */
export function done(): ApiResponse {
	return { status: 200, body: { success: true, message: 'Operation successful' } };
}

export function videoDbError(status: number, message: string, errorCode: string): ApiResponse {
	return { status, body: { success: false, message, error_code: errorCode } };
}

export const invalid = (message: string) => videoDbError(400, message, 'VALIDATION_ERROR');
export const notFound = (message: string) => videoDbError(404, message, 'NOT_FOUND');
export const methodNotAllowed = () => videoDbError(405, 'Method not allowed', 'METHOD_NOT_ALLOWED');

/** The first field of `body` not in `allowed`, answered as 400 (the documented fields only). */
export function unexpectedField(body: Record<string, unknown>, allowed: readonly string[]): ApiResponse | undefined {
	const extra = Object.keys(body).find((key) => !allowed.includes(key));
	return extra === undefined ? undefined : invalid(`Unexpected field: ${extra}`);
}

export function isPositiveInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** `{action: "start" | "stop"}`, the body of both status endpoints; a 400 answer when malformed. */
export function startStopAction(body: unknown): 'start' | 'stop' | ApiResponse {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('Request body must be a JSON object');
	const { action } = body as Record<string, unknown>;
	if (action === undefined || action === null) return invalid('action is required');
	if (action !== 'start' && action !== 'stop') return invalid('action must be one of start, stop');
	return action;
}

/** Small helpers shared by both fake services. */
import { randomBytes } from 'crypto';

import type { ApiResponse, SandboxState } from './types';

/** What a service handler needs from its sandbox instance (no module-level state anywhere). */
export interface ServiceContext {
	state: SandboxState;
	keys: { videodb: string; videodbSecond: string; roboflow: string; roboflowReadOnly: string };
	/** e.g. http://127.0.0.1:4010/videodb */
	videodbUrl: string;
	/** e.g. http://127.0.0.1:4010/roboflow */
	roboflowUrl: string;
}

export function hexId(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim().length > 0;
}

/** Path segments without empty parts, so `/a/b/` and `/a/b` route alike. */
export function segments(path: string): string[] {
	return path.split('/').filter((s) => s.length > 0);
}

/** Strips a trailing slash (but keeps `/`). */
export function normalizePath(path: string): string {
	return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path;
}

/** Strict-enough ISO 8601 check: date, optional time, optional zone; must also parse. */
const ISO_8601 =
	/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export function parseIsoDate(value: unknown): number | null {
	if (typeof value !== 'string' || !ISO_8601.test(value)) return null;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? null : ms;
}

/** The Joi-style `valueType` of a warning: JS typeof, with a missing value reported like null. */
export function valueType(value: unknown): string {
	return value === undefined ? 'object' : typeof value;
}

/** Roboflow's error shape: `{"error": "<message>"}`. */
export function roboflowError(status: number, message: string): ApiResponse {
	return { status, body: { error: message } };
}

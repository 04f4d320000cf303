/** The de-dup window of the VideoDB Alert Trigger: which deliveries it has already handled. */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { setNewest } from '../common/lru';

/** VideoDB's own advice: keep idempotency keys for 24 hours. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Keys kept per trigger; past this the oldest go first, so memory stays bounded. */
export const DEDUPE_MAX_KEYS = 10_000;
/** Triggers (workflow, node, mode) with a window; the least recently used is dropped past this. */
export const DEDUPE_MAX_SCOPES = 1_000;

/** Keys seen by one trigger with the time they were first seen, oldest first. */
export class SeenKeys {
	private readonly seen = new Map<string, number>();

	constructor(
		private readonly windowMs = DEDUPE_WINDOW_MS,
		private readonly maxKeys = DEDUPE_MAX_KEYS,
	) {}

	get size(): number {
		return this.seen.size;
	}

	/** True when `key` was seen less than a window ago; otherwise records it and returns false. */
	checkAndAdd(key: string, now: number): boolean {
		this.expire(now);
		if (this.seen.has(key)) return true;
		setNewest(this.seen, key, now, this.maxKeys);
		return false;
	}

	private expire(now: number): void {
		// Insertion order is time order, so the expired keys are at the front.
		for (const [key, seenAt] of this.seen) {
			if (now - seenAt < this.windowMs) break;
			this.seen.delete(key);
		}
	}
}

/*
 * Process memory, not static data: static data written in webhook() is lost when the execution
 * starts and races under concurrent calls (toolchain-and-trigger-facts.md §7). Within one n8n
 * process a repeat never starts a second execution; across processes it is best effort.
 */
const windows = new Map<string, SeenKeys>();

/** The window of one trigger (kept most recently used last). */
export function dedupeWindow(scope: string): SeenKeys {
	const window = windows.get(scope) ?? new SeenKeys();
	setNewest(windows, scope, window, DEDUPE_MAX_SCOPES);
	return window;
}

/** Forgets every window (tests). */
export function resetDedupe(): void {
	windows.clear();
}

function isScalar(value: unknown): value is string | number {
	return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * `event_id` + `timestamp` identify one detection, as VideoDB's docs suggest; a payload without
 * them is identified by its content.
 */
export function dedupeKey(body: IDataObject): string {
	if (isScalar(body.event_id) && isScalar(body.timestamp)) {
		return `${String(body.event_id)}|${String(body.timestamp)}`;
	}
	return `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}

import { createHash } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isPlainObject } from '../common/guards';
import type { StoredAlert } from './setup';
import { locatorValue } from './setup';
import { tokenMatches, tokenOfUrl, webhookKey, webhookToken } from './token';

/** VideoDB's own advice: keep idempotency keys for 24 hours. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Keys kept per trigger; past this the oldest go first, so memory stays bounded. */
export const DEDUPE_MAX_KEYS = 10_000;
/** Triggers (workflow, node, mode) with a window; the least recently used is dropped past this. */
export const DEDUPE_MAX_SCOPES = 1_000;

/** The clock the windows use; tests replace `now`. */
export const dedupeClock = { now: (): number => Date.now() };

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
		this.seen.set(key, now);
		for (const oldest of this.seen.keys()) {
			if (this.seen.size <= this.maxKeys) break;
			this.seen.delete(oldest);
		}
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
	let window = windows.get(scope);
	if (window) {
		windows.delete(scope);
	} else {
		window = new SeenKeys();
	}
	windows.set(scope, window);
	for (const oldest of windows.keys()) {
		if (windows.size <= DEDUPE_MAX_SCOPES) break;
		windows.delete(oldest);
	}
	return window;
}

/** Forgets every window and every remembered token (tests). */
export function resetDedupe(): void {
	windows.clear();
	tokens.clear();
}

/**
 * How long a derived token is trusted without reading the credential again. Reading it costs a
 * database query, a decryption and an expression evaluation in n8n on every callback, more than
 * the rest of webhook() (BENCHMARKS.md, P3). A token that does not match is always checked
 * against a fresh read, so a new key works at once. An old key's token stays valid through the
 * token registered at activation (see tokenAccepted), not through this cache.
 */
export const TOKEN_TTL_MS = 60_000;

/** Recently derived tokens per credential and webhook (bounded like the windows). */
const tokens = new Map<string, { token: string; at: number }>();

/**
 * The token of the current key, or the one registered at activation. The alert keeps calling the
 * registered URL after the key changes until the next activation moves it to the new token, so
 * that token must keep working (DESIGN §3). Production static data is read from the database on
 * every request, by every n8n process; a test listening run's is its own (empty in another process).
 */
async function tokenAccepted(ctx: IWebhookFunctions, received: unknown): Promise<boolean> {
	const credentialId = ctx.getNode().credentials?.videoDbApi?.id ?? '';
	const key = `${credentialId}|${webhookKey(ctx)}`;
	const now = dedupeClock.now();
	const known = tokens.get(key);
	if (known && now - known.at < TOKEN_TTL_MS && tokenMatches(received, known.token)) return true;
	const registered = tokenOfUrl((ctx.getWorkflowStaticData('node') as StoredAlert).callbackUrl);
	if (tokenMatches(received, registered)) return true;
	const token = await webhookToken(ctx);
	tokens.delete(key);
	tokens.set(key, { token, at: now });
	for (const oldest of tokens.keys()) {
		if (tokens.size <= DEDUPE_MAX_SCOPES) break;
		tokens.delete(oldest);
	}
	return tokenMatches(received, token);
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

/** Answers without starting an execution. */
function reject(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * The body unchanged plus which alert, stream and scene index it came through, and the key the
 * de-dup window uses, so writes downstream can be idempotent on it across n8n processes.
 */
function outputItem(ctx: IWebhookFunctions, body: IDataObject, key: string): IDataObject {
	const stored = ctx.getWorkflowStaticData('node') as StoredAlert;
	// A test listening run handled by another process has no static data: use the parameters.
	return {
		...body,
		alert_id: stored.alertId ?? null,
		stream_id: stored.streamId ?? (locatorValue(ctx, 'streamId') || null),
		scene_index_id: stored.sceneIndexId ?? (locatorValue(ctx, 'sceneIndexId') || null),
		dedupe_key: key,
	};
}

/**
 * One alert callback: wrong or missing token → 401, a body that is not a JSON object → 400, a
 * repeat of a delivery already handled → 200 `{received, duplicate}`; none of them starts an
 * execution. Otherwise the workflow starts with the payload.
 */
export async function handleCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = this.getNodeParameter('options', {}) as { deduplicate?: boolean; verifyToken?: boolean };

	if (options.verifyToken !== false) {
		const received = (this.getQueryData() as IDataObject).token;
		if (!(await tokenAccepted(this, received))) {
			return reject(this, 401, 'Missing or wrong token in the callback URL');
		}
	}

	const body = this.getBodyData() as unknown;
	if (!isPlainObject(body)) {
		return reject(this, 400, 'The callback body must be a JSON object');
	}

	const key = dedupeKey(body);
	if (options.deduplicate !== false) {
		// Test and production runs keep separate windows: both may receive the same detection.
		const scope = `${this.getWorkflow().id ?? ''}:${this.getNode().id}:${this.getMode()}`;
		if (dedupeWindow(scope).checkAndAdd(key, dedupeClock.now())) {
			return { webhookResponse: { received: true, duplicate: true } };
		}
	}

	return { workflowData: [[{ json: outputItem(this, body, key) }]] };
}

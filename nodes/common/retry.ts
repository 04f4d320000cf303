import { sleep } from 'n8n-workflow';

/** What one HTTP attempt produced: a response (any status) or a thrown transport error. */
export interface HttpResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export interface RetryPolicy {
	/** Total attempts, the first included. */
	attempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A server's Retry-After is honoured up to this many milliseconds. */
	maxRetryAfterMs: number;
}

/** The one retry policy of the package, for both services. */
export const RETRY_POLICY: RetryPolicy = {
	attempts: 4,
	baseDelayMs: 250,
	maxDelayMs: 4000,
	maxRetryAfterMs: 30000,
};

/**
 * `idempotent`: repeating the request cannot do harm (GETs, status changes, Roboflow creates
 * whose eventId is fixed before the first attempt).
 * `unsafe`: a repeat could create a second object, so retry only when the server surely did
 * not process the first attempt (connection refused, 429).
 */
export type Idempotency = 'idempotent' | 'unsafe';

const GATEWAY_STATUSES = new Set([502, 503, 504]);

// Failures after which the request may or may not have reached the server.
const AMBIGUOUS_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'UND_ERR_SOCKET',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

/** The first `code` found on an error or along its `cause` chain (n8n wraps axios errors). */
export function networkErrorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (typeof current === 'object' && current !== null && !seen.has(current)) {
		seen.add(current);
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR_/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text === 'number') return Math.max(0, text * 1000);
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text.trim())) return Math.max(0, Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A response header by its lower-case name, whatever case the server wrote it in. */
export function header(headers: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

/**
 * How long to wait before attempt `attempt + 1`, or undefined when the outcome must not be
 * retried. Pure, so the policy is tested without a clock.
 */
export function retryDelay(
	outcome: { response?: HttpResponse; error?: unknown },
	attempt: number,
	idempotency: Idempotency,
	policy: RetryPolicy = RETRY_POLICY,
	random: () => number = Math.random,
): number | undefined {
	if (attempt >= policy.attempts) return undefined;
	let retryable = false;
	let serverDelay: number | undefined;
	if (outcome.response) {
		const status = outcome.response.statusCode;
		if (status === 429) {
			// Rate limited: the request was refused, so even an unsafe call can be repeated.
			retryable = true;
			serverDelay = parseRetryAfter(header(outcome.response.headers, 'retry-after'));
		} else if (GATEWAY_STATUSES.has(status)) {
			retryable = idempotency === 'idempotent';
			serverDelay = parseRetryAfter(header(outcome.response.headers, 'retry-after'));
		}
	} else {
		const code = networkErrorCode(outcome.error);
		if (code === 'ECONNREFUSED') retryable = true;
		else if (code !== undefined && AMBIGUOUS_NETWORK_CODES.has(code))
			retryable = idempotency === 'idempotent';
	}
	if (!retryable) return undefined;
	if (serverDelay !== undefined) return Math.min(serverDelay, policy.maxRetryAfterMs);
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	// Equal jitter: at least half the backoff, so clients that failed together spread out.
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Waits `ms`, or less when `signal` aborts first (n8n cancelling the execution). Resolves whether
 * the whole time passed. n8n's `sleep` has no signal; its timer is left to run out on its own.
 */
export async function waitUnlessCancelled(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	if (!signal) {
		await sleep(ms);
		return true;
	}
	let onAbort = (): void => {};
	const aborted = new Promise<false>((resolve) => {
		onAbort = () => resolve(false);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([sleep(ms).then(() => true), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/**
 * Runs `send` until it yields a response that is not retryable, or the attempts run out.
 * A final retryable response (e.g. the last 503) is returned for the caller to turn into an
 * error; a final transport error is thrown as it came (n8n has already wrapped it).
 */
export async function withRetry(
	send: () => Promise<HttpResponse>,
	idempotency: Idempotency,
	policy: RetryPolicy = RETRY_POLICY,
	signal?: AbortSignal,
): Promise<HttpResponse> {
	for (let attempt = 1; ; attempt++) {
		const outcome = await send().then(
			(response) => ({ response, error: undefined }),
			(error: unknown) => ({ response: undefined, error }),
		);
		const delay = retryDelay(outcome, attempt, idempotency, policy);
		// A cancelled execution stops retrying: the last outcome stands.
		if (delay === undefined || !(await waitUnlessCancelled(delay, signal))) {
			if (outcome.response) return outcome.response;
			throw outcome.error;
		}
	}
}

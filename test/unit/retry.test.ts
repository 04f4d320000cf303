import type { HttpResponse, RetryPolicy } from '../../nodes/common/retry';
import { networkErrorCode, parseRetryAfter, retryDelay, withRetry } from '../../nodes/common/retry';

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 300, maxRetryAfterMs: 2000 };
const response = (statusCode: number, headers: Record<string, unknown> = {}): HttpResponse => ({
	statusCode,
	headers,
	body: {},
});
const netError = (code: string) => Object.assign(new Error(code), { code });
const wrapped = (code: string) => Object.assign(new Error('wrapped'), { cause: { cause: netError(code) } });
const half = () => 0.5;

describe('retryDelay: which outcomes are retried', () => {
	it.each([
		['429 (idempotent)', { response: response(429) }, 'idempotent', true],
		['429 (unsafe: the server refused it)', { response: response(429) }, 'unsafe', true],
		['502 (idempotent)', { response: response(502) }, 'idempotent', true],
		['503 (idempotent)', { response: response(503) }, 'idempotent', true],
		['504 (idempotent)', { response: response(504) }, 'idempotent', true],
		['503 (unsafe: it may have been processed)', { response: response(503) }, 'unsafe', false],
		['500', { response: response(500) }, 'idempotent', false],
		['400', { response: response(400) }, 'idempotent', false],
		['401', { response: response(401) }, 'idempotent', false],
		['402 (Roboflow: no credits; its checklist says not to retry)', { response: response(402) }, 'idempotent', false],
		['403', { response: response(403) }, 'idempotent', false],
		['423 (Roboflow: usage paused)', { response: response(423) }, 'idempotent', false],
		['200', { response: response(200) }, 'idempotent', false],
		['ECONNREFUSED (unsafe: never reached the server)', { error: netError('ECONNREFUSED') }, 'unsafe', true],
		['ECONNRESET (idempotent)', { error: netError('ECONNRESET') }, 'idempotent', true],
		['ECONNRESET (unsafe)', { error: netError('ECONNRESET') }, 'unsafe', false],
		['ETIMEDOUT wrapped twice (idempotent)', { error: wrapped('ETIMEDOUT') }, 'idempotent', true],
		['an error without a code', { error: new Error('boom') }, 'idempotent', false],
	] as const)('%s', (_name, outcome, idempotency, retried) => {
		expect(retryDelay(outcome, 1, idempotency, policy, half) !== undefined).toBe(retried);
	});

	it('stops after the last attempt', () => {
		expect(retryDelay({ response: response(503) }, 3, 'idempotent', policy, half)).toBeDefined();
		expect(retryDelay({ response: response(503) }, 4, 'idempotent', policy, half)).toBeUndefined();
	});
});

describe('retryDelay: how long it waits', () => {
	it('backs off exponentially with equal jitter, capped', () => {
		const at = (attempt: number, r: number) => retryDelay({ response: response(503) }, attempt, 'idempotent', policy, () => r);
		expect([at(1, 0), at(1, 1)]).toEqual([50, 100]);
		expect([at(2, 0), at(2, 1)]).toEqual([100, 200]);
		expect([at(3, 0), at(3, 1)]).toEqual([150, 300]); // 400 capped at 300
	});

	it('honours Retry-After in seconds, capped', () => {
		expect(retryDelay({ response: response(429, { 'retry-after': '1' }) }, 1, 'unsafe', policy)).toBe(1000);
		expect(retryDelay({ response: response(429, { 'Retry-After': '60' }) }, 1, 'unsafe', policy)).toBe(2000);
	});

	it('parses Retry-After as seconds or an HTTP date', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('2', now)).toBe(2000);
		expect(parseRetryAfter(['0.5'], now)).toBe(500);
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});

	it('finds network codes along the cause chain', () => {
		expect(networkErrorCode(wrapped('ECONNRESET'))).toBe('ECONNRESET');
		expect(networkErrorCode({ code: 'NodeApiError' })).toBeUndefined();
	});
});

describe('withRetry', () => {
	const fast: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 };

	it('returns the first response that is not retried', async () => {
		const answers = [response(503), response(503), response(200)];
		const send = jest.fn(async () => answers.shift()!);
		await expect(withRetry(send, 'idempotent', fast)).resolves.toMatchObject({ statusCode: 200 });
		expect(send).toHaveBeenCalledTimes(3);
	});

	it('returns the last retryable response when the attempts run out', async () => {
		const send = jest.fn(async () => response(503));
		await expect(withRetry(send, 'idempotent', fast)).resolves.toMatchObject({ statusCode: 503 });
		expect(send).toHaveBeenCalledTimes(3);
	});

	it('sends an unsafe request once on 503', async () => {
		const send = jest.fn(async () => response(503));
		await expect(withRetry(send, 'unsafe', fast)).resolves.toMatchObject({ statusCode: 503 });
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('throws the transport error when it is not retried', async () => {
		const send = jest.fn(async () => {
			throw netError('ECONNRESET');
		});
		await expect(withRetry(send, 'unsafe', fast)).rejects.toThrow('ECONNRESET');
		expect(send).toHaveBeenCalledTimes(1);
	});
});

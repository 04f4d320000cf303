/**
 * VideoDB's long-job answers (reference/videodb-api.md, "Async jobs"; spec `AsyncResponse` and
 * `GET /async-response/{response_id}`). A fault with `longJob` lets any VideoDB call be answered
 * this way: the call is processed as usual, then its answer is kept as a job and the caller gets
 * `{success, status: "processing", request_type, data: {id, output_url}}`. Polling `output_url`
 * answers `processing` for `polls` checks, then the job's result.
 */
import type { ApiResponse, LongJob, SandboxState } from './types';
import { hexId, isObject, type ServiceContext } from './util';
import { notFound } from './videodbReply';

export interface Job {
	id: string;
	/** Checks still answered `processing`. */
	remaining: number;
	spec: LongJob;
	/** The answer the call would have had, now the job's result. */
	result: ApiResponse;
	polls: number;
}

function processingHeaders(spec: LongJob): Record<string, string> | undefined {
	return spec.retryAfter === undefined ? undefined : { 'retry-after': String(spec.retryAfter) };
}

/** The answer to the call itself: the real one when it failed, else the job's first answer. */
export function startLongJob(ctx: ServiceContext, served: ApiResponse, spec: LongJob): ApiResponse {
	if (served.status >= 300 || !isObject(served.body) || served.body.success === false) return served;
	const id = `job-${hexId(8)}`;
	ctx.state.jobs.set(id, { id, remaining: spec.polls ?? 1, spec, result: served, polls: 0 });
	return {
		status: 200,
		headers: processingHeaders(spec),
		body: {
			success: true,
			status: 'processing',
			request_type: spec.requestType ?? 'sync',
			data: { id, output_url: `${ctx.videodbUrl}/async-response/${id}` },
		},
	};
}

/**
 * `GET /async-response/{id}`. The finished answer is the spec's `{success, status: "done", data}`,
 * or with `form: "response"` the `{status, response: {success, data}}` both official clients also
 * read; `fail` makes it the job's failure in the same form.
 */
export function pollLongJob(state: SandboxState, id: string): ApiResponse {
	const job = state.jobs.get(id);
	if (!job) return notFound('Response not found');
	job.polls++;
	if (job.remaining > 0) {
		job.remaining--;
		return { status: 200, headers: processingHeaders(job.spec), body: { success: true, status: 'processing', data: { id } } };
	}
	const served = job.result.body as Record<string, unknown>;
	const outcome =
		job.spec.fail === undefined
			? { success: true, ...(served.data === undefined ? { message: served.message } : { data: served.data }) }
			: { success: false, message: job.spec.fail };
	if (job.spec.form === 'response') return { status: 200, body: { success: true, status: 'done', response: outcome } };
	return { status: 200, body: { ...outcome, status: outcome.success ? 'done' : 'failed' } };
}

/** Returns the 400 message for a malformed `longJob`, or null. */
export function longJobProblem(spec: unknown): string | null {
	if (!isObject(spec)) return 'longJob must be an object';
	if (spec.polls !== undefined && (!Number.isInteger(spec.polls) || (spec.polls as number) < 0)) return 'longJob.polls must be an integer >= 0';
	if (spec.requestType !== undefined && spec.requestType !== 'sync' && spec.requestType !== 'async') {
		return 'longJob.requestType must be sync or async';
	}
	if (spec.retryAfter !== undefined && (typeof spec.retryAfter !== 'number' || spec.retryAfter < 0)) {
		return 'longJob.retryAfter must be a number of seconds >= 0';
	}
	if (spec.fail !== undefined && typeof spec.fail !== 'string') return 'longJob.fail must be a message';
	if (spec.form !== undefined && spec.form !== 'data' && spec.form !== 'response') return 'longJob.form must be data or response';
	return null;
}

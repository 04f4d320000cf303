/**
 * VideoDB's long-job answers, followed the way both official clients follow them on every call
 * (videodb-python `_http_client.py` `_parse_response`/`_get_output`; npm `videodb`
 * `httpClient.js` `#makeRequest`/`#getOutput`): an answer `{status: "processing", request_type:
 * "sync", data: {output_url}}` means "poll `output_url` with the same key until it is no longer
 * processing"; its final answer's `response.data` (or `data`) is the result.
 */
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../common/guards';
import type { RequestContext, Service } from '../common/http';
import { sendServiceRequest } from '../common/http';
import type { HttpResponse } from '../common/retry';
import { header, parseRetryAfter, RETRY_POLICY, waitUnlessCancelled } from '../common/retry';

/** Both clients check every 5 s and give up after 500 s. */
export const JOB_POLL_INTERVAL_MS = 5000;
export const JOB_MAX_WAIT_MS = 500_000;
/** 500 s at one check per 5 s; bounds the checks when the service asks for shorter waits. */
export const JOB_MAX_CHECKS = JOB_MAX_WAIT_MS / JOB_POLL_INTERVAL_MS;

/** Statuses both clients keep polling on. */
const RUNNING = new Set(['processing', 'in progress']);

/** An answer (or a job's final answer) of the VideoDB envelope. */
export interface Envelope {
	success?: boolean;
	status?: string;
	request_type?: string;
	data?: unknown;
	response?: unknown;
	message?: string;
	error_code?: string;
}

/**
 * The `output_url` to poll when an answer hands its result over to a job. The transport returns an
 * `request_type: "async"` answer as it is before asking this.
 */
export function jobToFollow(body: Envelope): string | undefined {
	if (body.status !== 'processing') return undefined;
	const outputUrl = isRecord(body.data) ? body.data.output_url : undefined;
	return typeof outputUrl === 'string' && outputUrl !== '' ? outputUrl : undefined;
}

/** How to go on with each poll's answer, decided by the VideoDB transport that owns the envelope. */
export interface JobReader {
	/** Throws the node error of a failed answer (HTTP error, or `success: false`). */
	check(response: HttpResponse, body: Envelope): void;
}

function waitAfter(response: HttpResponse): number {
	const asked = parseRetryAfter(header(response.headers, 'retry-after'));
	return asked === undefined ? JOB_POLL_INTERVAL_MS : Math.min(asked, RETRY_POLICY.maxRetryAfterMs);
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Polls `outputUrl` until the job is done and returns its final envelope (`response` unwrapped),
 * already checked by `reader`. The first check is immediate, the next ones 5 s apart (or what a
 * `Retry-After` asks), for at most 500 s and 100 checks; stops when n8n cancels the execution.
 */
export async function followJob(
	ctx: RequestContext,
	service: Service,
	outputUrl: string,
	first: Envelope,
	reader: JobReader,
	itemIndex?: number,
): Promise<Envelope> {
	const signal = ctx.getExecutionCancelSignal?.();
	const id = isRecord(first.data) ? first.data.id : undefined;
	const job = typeof id === 'string' && id !== '' ? id : outputUrl;
	const started = Date.now();
	let checks = 0;
	let delay = 0;
	while (checks < JOB_MAX_CHECKS && Date.now() - started + delay <= JOB_MAX_WAIT_MS) {
		if (!(await waitUnlessCancelled(delay, signal))) break;
		const response = await sendServiceRequest(ctx, service, { method: 'GET', path: outputUrl, idempotency: 'idempotent' }, itemIndex);
		checks++;
		const body = (isRecord(response.body) ? response.body : {}) as Envelope;
		reader.check(response, body);
		if (!RUNNING.has(String(body.status))) {
			const final = isRecord(body.response) ? (body.response as Envelope) : body;
			reader.check(response, final);
			return final;
		}
		delay = waitAfter(response);
	}
	const waited = seconds(Date.now() - started);
	if (signal?.aborted) {
		throw new NodeOperationError(ctx.getNode(), `The execution was cancelled while VideoDB job ${job} was processing`, { itemIndex });
	}
	throw new NodeOperationError(ctx.getNode(), `VideoDB job ${job} was still processing after ${waited}`, {
		itemIndex,
		description: `Checked ${outputUrl} ${checks} times in ${waited}; VideoDB's own clients give up after ${seconds(JOB_MAX_WAIT_MS)}. The job may still finish on VideoDB's side.`,
	});
}

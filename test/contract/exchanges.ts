/** The sandbox's request log as exchanges for the contract validators, and the check of a whole log. */
import type { LoggedRequest, Sandbox } from '../../sandbox';
import type { Contract, Exchange } from './openapi';
import { inferenceSpec, roboflowSpec } from './roboflow-spec';
import { videoDbSpec } from './videodb-spec';

interface MultipartSummary {
	fields: Record<string, string>;
	files: Array<{ field: string }>;
}

/** One logged request as an exchange; a multipart body becomes its fields plus a placeholder per file. */
export function exchangeOf(entry: LoggedRequest): Exchange {
	const contentType = entry.headers['content-type']?.split(';')[0].trim();
	let body = entry.body;
	if (contentType === 'multipart/form-data' && body && typeof body === 'object') {
		const form = body as MultipartSummary;
		body = { ...form.fields, ...Object.fromEntries(form.files.map((file) => [file.field, '(file)'])) };
	}
	return { ...entry, body, contentType };
}

/**
 * Every problem of the sandbox's logged exchanges with the service's contract; with
 * `requests: false` only the sandbox's answers are checked.
 */
export function contractProblems(sandbox: Pick<Sandbox, 'requests'>, options: { requests?: boolean } = {}): string[] {
	const contracts: Array<['videodb' | 'roboflow' | 'inference', Contract]> = [
		['videodb', videoDbSpec()],
		['roboflow', roboflowSpec()],
		['inference', inferenceSpec()],
	];
	return contracts.flatMap(([service, contract]) =>
		sandbox.requests({ service }).flatMap((entry) => contract.check(exchangeOf(entry), options)),
	);
}

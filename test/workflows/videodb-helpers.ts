/**
 * Shared set-up of the VideoDB workflow suites: a sandbox per suite (reset before every test), a
 * runner for Start → VideoDB (→ more VideoDB nodes) in n8n's WorkflowExecute, and the context n8n
 * builds for the node's list searches (resource locator pickers).
 */
import type { ICredentialDataDecryptedObject, IDataObject, ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import { VideoDb } from '../../nodes/VideoDb/VideoDb.node';
import type { Sandbox } from '../../sandbox';
import { SANDBOX_KEYS } from '../../sandbox';
import type { RunResult } from '../helpers/workflow';
import { listSearchContext, PACKAGE, runWorkflow } from '../helpers/workflow';

export { useSandbox } from '../helpers/sandbox';

export const VIDEODB_TYPE = `${PACKAGE}.videoDb`;
export const NODE = 'VideoDB';
export const UNKNOWN_STREAM = 'rts-019a8f3c-5e21-7b40-9c11-ffffffffffff';

/** A resource locator value as the editor saves it. */
export const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

export interface RunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** The credential's API key; default: the key the sandbox accepts. */
	apiKey?: string;
	/** Further VideoDB nodes after the first, in order: [name, parameters]. */
	then?: Array<[string, INodeParameters]>;
	/** See the workflow harness: receives what cancels the run. */
	started?: (cancel: () => void) => void;
}

/** The `videoDbApi` credential pointing at the sandbox. */
function credentials(sandbox: Pick<Sandbox, 'videodbUrl'>, apiKey: string = SANDBOX_KEYS.videodb): Record<string, ICredentialDataDecryptedObject> {
	return { videoDbApi: { apiKey, baseUrl: sandbox.videodbUrl } };
}

/** Runs Start → VideoDB (parameters) → the `then` nodes, against the sandbox, timezone UTC. */
export async function runVideoDb(sandbox: Pick<Sandbox, 'videodbUrl'>, parameters: INodeParameters, options: RunOptions = {}): Promise<RunResult> {
	const nodes = [[NODE, parameters] as [string, INodeParameters], ...(options.then ?? [])].map(([name, params]) => ({
		name,
		type: VIDEODB_TYPE,
		parameters: params,
		continueOnFail: options.continueOnFail,
	}));
	return await runWorkflow({
		nodes,
		nodeTypes: { [VIDEODB_TYPE]: new VideoDb() },
		credentials: credentials(sandbox, options.apiKey),
		items: options.items,
		settings: { timezone: 'UTC' },
		started: options.started,
	});
}

/** `runVideoDb` bound to the suite's sandbox: `const run = videoDbRunner(sandbox)`. */
export function videoDbRunner(sandbox: Sandbox): (parameters: INodeParameters, options?: RunOptions) => Promise<RunResult> {
	return async (parameters, options) => await runVideoDb(sandbox, parameters, options);
}

/** The context n8n builds for a list search of the VideoDB node on `path` while the node has `parameters`. */
export function searchContext(
	sandbox: Pick<Sandbox, 'videodbUrl'>,
	parameters: INodeParameters,
	path: string,
	apiKey?: string,
): ILoadOptionsFunctions {
	return listSearchContext({ type: VIDEODB_TYPE, nodeType: new VideoDb(), parameters, path, credentials: credentials(sandbox, apiKey) });
}

/** The error of a failed run: NodeApiError with the service's message and HTTP status. */
export function apiError(result: RunResult): { name?: string; message?: string; httpCode?: string; description?: string | null } {
	expect(result.status).toBe('error');
	return result.error as unknown as { name?: string; message?: string; httpCode?: string; description?: string | null };
}

/** ISO date-time of a unix second. */
export const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

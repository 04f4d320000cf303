import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../common/guards';
import type { RequestContext, ServiceRequest } from '../common/http';
import { roboflowInferenceRequest, roboflowRequest } from './transport';

/**
 * Roboflow's hosted inference, as its server (`roboflow/inference` http_api.py) takes it and its
 * Python SDK (`inference_sdk`) calls it: a saved Workflow or a single model on one image. Running
 * either again gives the same answer, so both are retried like reads (the SDK repeats them on 429,
 * 503, 504 and dropped connections too).
 */

/** An image as the inference server takes it: base64 text, or an http(s) URL it fetches itself. */
export type InferenceImage = { type: 'base64'; value: string } | { type: 'url'; value: string };

/** Sends an inference call; an answer that is not a JSON object (an image, text) is an error for the item. */
async function inference(ctx: RequestContext, request: ServiceRequest, keyIn: 'query' | 'body', itemIndex?: number): Promise<IDataObject> {
	const answer = await roboflowInferenceRequest<unknown>(ctx, request, keyIn, itemIndex);
	if (isRecord(answer)) return answer;
	throw new NodeOperationError(ctx.getNode(), `Roboflow answered ${request.method} ${request.path} without a JSON object`, {
		itemIndex,
		description: `The answer began with: ${String(answer).slice(0, 120)}`,
	});
}

// The workspace of the credential's key, per context (one execution): the first item asks, the others wait for that answer.
const workspaces = new WeakMap<RequestContext, Promise<string>>();

/**
 * The workspace the API key belongs to: Roboflow's root (`GET /`, the credential test's call) names
 * it. Asked once per execution; a failed lookup is not kept, so the next item reports it again.
 */
export async function keyWorkspace(ctx: RequestContext, itemIndex?: number): Promise<string> {
	let pending = workspaces.get(ctx);
	if (!pending) {
		pending = roboflowRequest<IDataObject>(ctx, { method: 'GET', path: '/', idempotency: 'idempotent' }, itemIndex).then((root) => {
			const workspace = typeof root?.workspace === 'string' ? root.workspace.trim() : '';
			if (workspace !== '') return workspace;
			throw new NodeOperationError(ctx.getNode(), 'Roboflow did not name the workspace of the API key', {
				itemIndex,
				description: 'Enter the Workspace (the URL name of your Roboflow workspace), or check the API key of the credential.',
			});
		});
		pending.catch(() => workspaces.delete(ctx));
		workspaces.set(ctx, pending);
	}
	return await pending;
}

export interface WorkflowRun {
	workspace: string;
	workflowId: string;
	/** The workflow's inputs by name, the image among them. */
	inputs: IDataObject;
	useCache: boolean;
	workflowVersionId?: string;
}

/**
 * Runs a saved Workflow: `POST /{workspace}/workflows/{workflow_id}` with
 * `{api_key, inputs, use_cache, workflow_version_id?}` (server `PredefinedWorkflowInferenceRequest`;
 * the SDK's `_execute_workflow_request`) → `{outputs: [one object per image], …}` as returned.
 */
export async function runWorkflow(ctx: RequestContext, run: WorkflowRun, itemIndex?: number): Promise<IDataObject> {
	const body: IDataObject = { inputs: run.inputs, use_cache: run.useCache };
	if (run.workflowVersionId) body.workflow_version_id = run.workflowVersionId;
	const path = `/${encodeURIComponent(run.workspace)}/workflows/${encodeURIComponent(run.workflowId)}`;
	return await inference(ctx, { method: 'POST', path, body, idempotency: 'idempotent' }, 'body', itemIndex);
}

/**
 * A fraction (0–1) as the model route reads it: the server divides values of 1 and above by 100
 * (http_api.py `legacy_infer_from_request`), so 1 itself would mean 1 %; it goes out as 100.
 */
function asSent(fraction: number): number {
	return fraction >= 1 ? 100 : fraction;
}

export interface ModelRun {
	/** `project` and `version` of `project/version`. */
	project: string;
	version: string;
	image: InferenceImage;
	/** 0–1. */
	confidence?: number;
	/** 0–1. */
	overlap?: number;
}

/**
 * Runs one model: `POST /{project}/{version}` with `api_key`, `confidence` and `overlap` in the
 * query (server `legacy_infer_from_request`, the hosted route). A base64 image is the raw body as
 * `application/x-www-form-urlencoded` (Roboflow's REST docs and its npm client); a URL goes as the
 * `image` query parameter, without a body. The answer as returned: `predictions`, `image`, `time`,
 * `inference_id`, and `top` / `predicted_classes` for classifiers.
 */
export async function runModel(ctx: RequestContext, run: ModelRun, itemIndex?: number): Promise<IDataObject> {
	const qs: IDataObject = {};
	if (run.confidence !== undefined) qs.confidence = asSent(run.confidence);
	if (run.overlap !== undefined) qs.overlap = asSent(run.overlap);
	const path = `/${encodeURIComponent(run.project)}/${encodeURIComponent(run.version)}`;
	const request: ServiceRequest =
		run.image.type === 'url'
			? { method: 'POST', path, qs: { ...qs, image: run.image.value }, idempotency: 'idempotent' }
			: {
					method: 'POST',
					path,
					qs,
					// Text, not bytes: n8n's helper reads a Buffer sent as this content type as form fields.
					body: run.image.value,
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					idempotency: 'idempotent',
				};
	return await inference(ctx, request, 'query', itemIndex);
}

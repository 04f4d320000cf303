import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { roboflowAuthHeaders } from '../../credentials/RoboflowApi.credentials';
import type { ServiceErrorDetails } from '../common/errors';
import { asText, objectBody, serviceError } from '../common/errors';
import { isRecord } from '../common/guards';
import type { RequestContext, Service, ServiceRequest } from '../common/http';
import { sendServiceRequest } from '../common/http';

export const ROBOFLOW_CREDENTIAL = 'roboflowApi';

const ROBOFLOW: Service = { name: 'Roboflow', credentialType: ROBOFLOW_CREDENTIAL, authHeaders: roboflowAuthHeaders };

/**
 * Calls the Roboflow API and returns the JSON body. Errors are `{error, hint?}` bodies with a
 * 4xx/5xx status; the service's own text becomes the error message.
 */
export async function roboflowRequest<T = IDataObject>(
	ctx: RequestContext,
	request: ServiceRequest,
	itemIndex?: number,
): Promise<T> {
	const response = await sendServiceRequest(ctx, ROBOFLOW, request, itemIndex);
	if (response.statusCode >= 400) {
		const body = objectBody(response);
		throw serviceError(
			ctx.getNode(),
			'Roboflow',
			response,
			{ message: (body.error ?? body.message) as string | undefined, hint: body.hint as string | undefined },
			itemIndex,
		);
	}
	return response.body as T;
}

/**
 * Roboflow's hosted inference (`roboflow/inference` server, its own host: the credential's
 * Inference URL). It takes the key as `api_key`, in the query of a model run and in the JSON body
 * of a workflow run, as Roboflow's SDK sends it by default; not as a Bearer header, which only
 * inference 1.5.0 servers read (whether the hosted ones run it is unconfirmed).
 */
const apiKeyOf = (credentials: ICredentialDataDecryptedObject) => ({ api_key: String(credentials.apiKey ?? '') });
const INFERENCE = { name: 'Roboflow', credentialType: ROBOFLOW_CREDENTIAL, baseUrlField: { name: 'inferenceUrl', displayName: 'Inference URL' }, authHeaders: () => ({}) };
const INFERENCE_KEY_IN: Record<'query' | 'body', Service> = {
	query: { ...INFERENCE, authQuery: apiKeyOf },
	body: { ...INFERENCE, authBody: apiKeyOf },
};

/** The failing block of a workflow error (`blocks_errors`, server errors.py WorkflowBlockError), as one line. */
function failingBlocks(body: Record<string, unknown>): string | undefined {
	const blocks = Array.isArray(body.blocks_errors) ? body.blocks_errors.filter(isRecord) : [];
	const lines = blocks.map((block) => {
		const type = asText(block.block_type) ? ` (${String(block.block_type)})` : '';
		const property = asText(block.property_name) ? `, ${String(block.property_name)}` : '';
		const details = asText(block.property_details) ?? asText(block.block_details);
		return `Failing block: ${asText(block.block_id) ?? 'unknown'}${type}${property}${details ? `: ${details}` : ''}`;
	});
	return lines.length > 0 ? lines.join(' · ') : undefined;
}

/**
 * The service's words from an inference error body: `{message}` (route errors), `{status, message}`
 * (serverless auth), workflow errors with `error_type`, `inner_error_message` and `blocks_errors`,
 * or FastAPI's `{detail}` for a body it cannot parse.
 */
function inferenceErrorDetails(body: Record<string, unknown>): ServiceErrorDetails {
	const detail = Array.isArray(body.detail) ? body.detail.filter(isRecord)[0] : undefined;
	const detailText = asText(body.detail) ?? (detail ? `${String(detail.msg ?? 'invalid')} (${[detail.loc].flat().join('.')})` : undefined);
	const inner = asText(body.inner_error_message) !== 'None' ? asText(body.inner_error_message) : undefined;
	const hint = [failingBlocks(body), inner && !asText(body.message)?.includes(inner) ? inner : undefined].filter(Boolean).join(' · ');
	return { message: asText(body.message) ?? detailText, code: asText(body.error_type), hint: hint || undefined };
}

/**
 * Calls Roboflow's inference server with the key where the route takes it (`keyIn`) and returns
 * the JSON answer. The key is taken out of every answer (nodes/common/http.ts), and errors name the
 * path but never the query.
 */
export async function roboflowInferenceRequest<T = IDataObject>(
	ctx: RequestContext,
	request: ServiceRequest,
	keyIn: 'query' | 'body',
	itemIndex?: number,
): Promise<T> {
	const response = await sendServiceRequest(ctx, INFERENCE_KEY_IN[keyIn], request, itemIndex);
	if (response.statusCode >= 400) {
		throw serviceError(ctx.getNode(), 'Roboflow', response, inferenceErrorDetails(objectBody(response)), itemIndex);
	}
	return response.body as T;
}

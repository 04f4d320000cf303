import type { IDataObject } from 'n8n-workflow';

import { roboflowAuthHeaders } from '../../credentials/RoboflowApi.credentials';
import { objectBody, serviceError } from '../common/errors';
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

import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import { roboflowRequest } from './transport';

/**
 * The use-case calls of Roboflow Vision Events, shared by the Use Case operations and the use
 * case pickers. Listing changes nothing, so it is repeated freely; creating is not (see
 * createUseCase).
 */

/** `GET /vision-events/use-cases`; older servers answer under `solutions`. */
export interface UseCaseList {
	useCases?: UseCase[];
	solutions?: UseCase[];
	lookbackDays?: number;
}

export interface UseCase {
	id: string;
	name: string;
	status?: string;
	[key: string]: unknown;
}

/** The use cases with this status, as the API sends them; the API does not page this list. */
export async function listUseCases(
	ctx: RequestContext,
	status: 'active' | 'inactive',
	itemIndex?: number,
): Promise<UseCase[]> {
	const body = await roboflowRequest<UseCaseList>(
		ctx,
		{ method: 'GET', path: '/vision-events/use-cases', qs: { status }, idempotency: 'idempotent' },
		itemIndex,
	);
	return body?.useCases ?? body?.solutions ?? [];
}

/** `POST /vision-events/use-cases` → `{id, name}`. New use cases are active. */
export async function createUseCase(ctx: RequestContext, name: string, itemIndex?: number): Promise<IDataObject> {
	// Not retried on gateway errors: a repeat after a lost answer would hit "name already exists".
	return await roboflowRequest<IDataObject>(
		ctx,
		{ method: 'POST', path: '/vision-events/use-cases', body: { name }, idempotency: 'unsafe' },
		itemIndex,
	);
}

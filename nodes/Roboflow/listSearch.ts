import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import { roboflowRequest } from './transport';

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

/**
 * Active use cases whose name or id contains the search text. Archived ones are left out: they
 * reject new events. The API does not page this list, so there is no pagination token.
 */
export async function searchUseCases(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const useCases = await listUseCases(this, 'active');
	const results = useCases
		.filter((u) => !needle || u.name.toLowerCase().includes(needle) || u.id.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((u) => ({ name: u.name, value: u.id }));
	return { results };
}

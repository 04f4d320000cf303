import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listUseCases } from './useCaseApi';

/**
 * Active use cases whose name or id contains the search text. Inactive ones (archived ones, for
 * example) are left out, as a use case to send new events to is wanted here. The API does not
 * page this list, so there is no pagination token.
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

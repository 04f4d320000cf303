import type { INodeProperties } from 'n8n-workflow';

/** `returnAll` and `limit`, the names every Get Many operation shares (read per item with `itemLimit`). */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The labels n8n's own nodes give each kind of optional-fields collection. */
const COLLECTIONS = {
	options: { displayName: 'Options', placeholder: 'Add Option' },
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
} as const;

/** A collection of optional fields (`options`, `additionalFields`, `updateFields` or `filters`), empty by default. */
export function collection(name: keyof typeof COLLECTIONS, options: INodeProperties[]): INodeProperties {
	return { ...COLLECTIONS[name], name, type: 'collection', default: {}, options };
}

import type { INodeProperties } from 'n8n-workflow';

export interface LocatorSpec {
	name: string;
	displayName: string;
	description: string;
	/** The list search that fills the `list` mode. */
	searchListMethod: string;
	/** The `list` mode's placeholder; none when left out. */
	listPlaceholder?: string;
	idPlaceholder: string;
	/** What an id typed in `id` mode must match, and the message when it does not. */
	idRegex: string;
	idError: string;
}

/** A required resource locator with a searchable `list` mode and an `id` mode checked by `idRegex`. */
export function locator(spec: LocatorSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				...(spec.listPlaceholder === undefined ? {} : { placeholder: spec.listPlaceholder }),
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				validation: [{ type: 'regex', properties: { regex: spec.idRegex, errorMessage: spec.idError } }],
			},
		],
	};
}

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

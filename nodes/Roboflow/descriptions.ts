import type { INodeProperties } from 'n8n-workflow';

/** The use case an operation works in: picked from the workspace's list, or given by id. */
export const useCaseRlc: INodeProperties = {
	displayName: 'Use Case',
	name: 'useCaseId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The use case the events belong to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchUseCases', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. a1b3c8e1',
			validation: [
				{
					type: 'regex',
					properties: {
						// The API accepts up to 256 characters; ids never contain spaces.
						regex: '^\\S{1,256}$',
						errorMessage: 'Enter a use case ID (no spaces, at most 256 characters)',
					},
				},
			],
		},
	],
};

/** The value type of a custom metadata row (Roboflow keeps strings, numbers and booleans apart). */
export const metadataTypeField: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	default: 'string',
	options: [
		{ name: 'Boolean', value: 'boolean' },
		{ name: 'Number', value: 'number' },
		{ name: 'String', value: 'string' },
	],
};

import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as getAll from './getAll';

export { create, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['useCase'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a use case',
				description: 'Create a use case to group vision events',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many use cases',
				description: 'List the use cases of the workspace',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...getAll.description,
];

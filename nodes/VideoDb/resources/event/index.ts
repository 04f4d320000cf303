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
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an event',
				description: 'Create a detection event, or reuse the one with the same label',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many events',
				description: 'List the detection events of the account',
			},
		],
		default: 'create',
	},
	...create.description,
	...getAll.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stream'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many streams',
				description: 'List the real-time streams of the account',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];

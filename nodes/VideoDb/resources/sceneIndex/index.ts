import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sceneIndex'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many scene indexes',
				description: 'List the scene indexes of a stream',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];

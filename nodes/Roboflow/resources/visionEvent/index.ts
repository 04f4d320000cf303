import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as deleteOp from './delete';
import * as query from './query';

export { create, deleteOp as delete, query };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['visionEvent'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a vision event',
				description: 'Record an observation; re-sending the same event ID overwrites it',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete vision events',
				description: 'Permanently delete events by ID',
			},
			{
				name: 'Query',
				value: 'query',
				action: 'Query vision events',
				description: 'Find events by time, type, context and metadata',
			},
		],
		default: 'create',
	},
	...create.description,
	...query.description,
	...deleteOp.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as disable from './disable';
import * as enable from './enable';
import * as getAll from './getAll';

export { create, disable, enable, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alert'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an alert',
				description: 'Alert on an event detected on a stream scene index',
			},
			{
				name: 'Disable',
				value: 'disable',
				action: 'Disable an alert',
				description: 'Stop an alert from sending notifications (VideoDB cannot delete alerts)',
			},
			{
				name: 'Enable',
				value: 'enable',
				action: 'Enable an alert',
				description: 'Let a disabled alert send notifications again',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many alerts',
				description: 'List the alerts on a stream scene index',
			},
		],
		default: 'create',
	},
	...create.description,
	...disable.description,
	...enable.description,
	...getAll.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as upload from './upload';

export { upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['image'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload an image',
				description: 'Upload an image to attach to vision events by its source ID',
			},
		],
		default: 'upload',
	},
	...upload.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as runModel from './runModel';
import * as runWorkflow from './runWorkflow';

export { runModel, runWorkflow };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inference'] } },
		options: [
			{
				name: 'Run Model',
				value: 'runModel',
				action: 'Run a model on an image',
				description: 'Detect, segment or classify what is in an image with one trained model',
			},
			{
				name: 'Run Workflow',
				value: 'runWorkflow',
				action: 'Run a workflow on an image',
				description: 'Run a saved Roboflow Workflow on an image and get its outputs',
			},
		],
		default: 'runModel',
	},
	...runWorkflow.description,
	...runModel.description,
];

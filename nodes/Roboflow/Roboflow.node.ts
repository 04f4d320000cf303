import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchUseCases } from './listSearch';
import * as image from './resources/image';
import * as inference from './resources/inference';
import * as useCase from './resources/useCase';
import * as visionEvent from './resources/visionEvent';
import { router } from './router';
import { ROBOFLOW_CREDENTIAL } from './transport';

export class Roboflow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Roboflow',
		name: 'roboflow',
		icon: { light: 'file:../../icons/roboflow.svg', dark: 'file:../../icons/roboflow.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Run Roboflow models and Workflows on images; record, query and delete Vision Events, upload their images and manage use cases',
		defaults: { name: 'Roboflow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: ROBOFLOW_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Image', value: 'image' },
					{ name: 'Inference', value: 'inference' },
					{ name: 'Use Case', value: 'useCase' },
					{ name: 'Vision Event', value: 'visionEvent' },
				],
				default: 'visionEvent',
			},
			...visionEvent.description,
			...image.description,
			...useCase.description,
			...inference.description,
		],
	};

	methods = {
		listSearch: { searchUseCases },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

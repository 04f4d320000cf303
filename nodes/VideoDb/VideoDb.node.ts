import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchAlerts, searchEvents, searchSceneIndexes, searchStreams } from './listSearch';
import * as alert from './resources/alert';
import * as event from './resources/event';
import * as sceneIndex from './resources/sceneIndex';
import * as stream from './resources/stream';
import { router } from './router';
import { VIDEODB_CREDENTIAL } from './transport';

export class VideoDb implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VideoDB',
		name: 'videoDb',
		icon: { light: 'file:../../icons/videodb.svg', dark: 'file:../../icons/videodb.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Connect live video streams to VideoDB, describe and search what they show, and alert on events',
		defaults: { name: 'VideoDB' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: VIDEODB_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Alert', value: 'alert' },
					{ name: 'Event', value: 'event' },
					{ name: 'Scene Index', value: 'sceneIndex' },
					{ name: 'Stream', value: 'stream' },
				],
				default: 'event',
			},
			...event.description,
			...alert.description,
			...stream.description,
			...sceneIndex.description,
		],
	};

	methods = {
		listSearch: { searchStreams, searchSceneIndexes, searchEvents, searchAlerts },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

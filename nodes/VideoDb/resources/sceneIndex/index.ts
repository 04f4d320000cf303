import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as get from './get';
import * as getAll from './getAll';
import * as getRecords from './getRecords';
import * as search from './search';
import * as start from './start';
import * as stop from './stop';
import * as updatePrompt from './updatePrompt';

export { create, get, getAll, getRecords, search, start, stop, updatePrompt };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sceneIndex'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a scene index',
				description:
					'Start describing a stream with a prompt: one text description per window of video (or audio segment). Returns the index ID and status "running".',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a scene index',
				description: 'Get one scene index: prompt, status (running or stopped), window settings',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many scene indexes',
				description: 'List the scene indexes of a stream',
			},
			{
				name: 'Get Records',
				value: 'getRecords',
				action: 'Get many scene records',
				description:
					'What the camera saw between two date-times: one item per window with start and end (unix seconds) and its description',
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search a scene index',
				description:
					'Find the moments whose descriptions match a query: one item per match with start and end (unix seconds), text and score (0 to 1)',
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a scene index',
				description: 'Resume describing the stream. Returns the index ID and status "running".',
			},
			{
				name: 'Stop',
				value: 'stop',
				action: 'Stop a scene index',
				description: 'Stop describing the stream (its alerts stop firing). Returns the index ID and status "stopped".',
			},
			{
				name: 'Update Prompt',
				value: 'updatePrompt',
				action: 'Update a scene index prompt',
				description: 'Change what the scene index describes from now on',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...getRecords.description,
	...search.description,
	...start.description,
	...stop.description,
	...updatePrompt.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as exportOp from './export';
import * as get from './get';
import * as getAll from './getAll';
import * as getPlaybackUrl from './getPlaybackUrl';
import * as start from './start';
import * as stop from './stop';
import * as update from './update';

export { create, exportOp as export, get, getAll, getPlaybackUrl, start, stop, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stream'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Connect a stream',
				description:
					'Connect a live camera or feed (RTSP, RTMP, HLS, YouTube) to VideoDB. Returns the stream: ID (rts-…), name, status "connected".',
			},
			{
				name: 'Export',
				value: 'export',
				action: 'Export a stream to a video',
				description:
					'Save the latest completed recording of a stopped stream as a VideoDB video (again: the same video). Returns video ID, name, URLs and duration in seconds.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a stream',
				description: 'Get one stream: name, status (connected or stopped), sample rate, media types, URLs',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many streams',
				description: 'List the real-time streams of the account',
			},
			{
				name: 'Get Playback URL',
				value: 'getPlaybackUrl',
				action: 'Get a playback URL of a stream',
				description: 'Get an HLS URL and a player URL for the part of the stream between two date-times (a clip)',
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a stream',
				description: 'Resume ingesting a stopped stream. Returns the stream ID and status "connected".',
			},
			{
				name: 'Stop',
				value: 'stop',
				action: 'Stop a stream',
				description: 'Stop ingesting a stream (its scene indexes stop describing it). Returns the stream ID and status "stopped".',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a stream',
				description: 'Rename a stream or change its sample rate. Returns the updated stream.',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...exportOp.description,
	...get.description,
	...getAll.description,
	...getPlaybackUrl.description,
	...start.description,
	...stop.description,
	...update.description,
];

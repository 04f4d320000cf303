import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../../common/parameters';
import { streamRlc } from '../../descriptions';
import { streamPlayback } from '../../streamApi';
import { requiredTimeRange } from '../../pipelineParameters';

const properties: INodeProperties[] = [
	streamRlc,
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Beginning of the clip (date-time; sent to VideoDB as unix seconds)',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'End of the clip (date-time, after Start Time; sent to VideoDB as unix seconds)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stream'], operation: ['getPlaybackUrl'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const { start, end } = requiredTimeRange(this, i);
	const urls = await streamPlayback(this, streamId, start, end, i);
	const out: IDataObject = { stream_id: streamId, stream_url: urls.stream_url ?? null };
	if (urls.player_url !== undefined) out.player_url = urls.player_url;
	return out;
}

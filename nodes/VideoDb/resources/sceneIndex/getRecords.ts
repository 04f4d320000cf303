import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../common/descriptions';
import { itemLimit, locatorId } from '../../../common/parameters';
import { sceneIndexRlc, streamRlc } from '../../descriptions';
import { listSceneRecords } from '../../sceneIndexApi';
import { timeRange } from '../../pipelineParameters';

const properties: INodeProperties[] = [
	streamRlc,
	sceneIndexRlc,
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		description: 'Only descriptions of windows ending after this date-time (sent as unix seconds). Empty = from the beginning.',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		description: 'Only descriptions of windows starting before this date-time (sent as unix seconds). Empty = up to now.',
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sceneIndex'], operation: ['getRecords'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const sceneIndexId = locatorId(this, 'sceneIndexId', 'Scene Index', i);
	const range = timeRange(this, i);
	const limit = itemLimit(this, i);
	const records = await listSceneRecords(this, streamId, sceneIndexId, range, limit, i);
	return records.map((record) => ({ ...record, stream_id: streamId, scene_index_id: sceneIndexId }));
}

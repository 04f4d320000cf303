import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../../common/parameters';
import { streamRlc } from '../../descriptions';
import { exportStream } from '../../streamApi';

const properties: INodeProperties[] = [
	streamRlc,
	{
		displayName: 'Video Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Dock camera, Monday',
		description: 'Name of the new video. Empty = VideoDB\'s default, "{stream name} - Recording".',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['stream'], operation: ['export'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const name = String(this.getNodeParameter('name', i, '') ?? '').trim();
	return await exportStream(this, streamId, name === '' ? undefined : name, i);
}

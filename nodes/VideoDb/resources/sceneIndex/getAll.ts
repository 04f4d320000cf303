import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { streamRlc } from '../../descriptions';
import { locatorId } from '../../../common/parameters';
import { listSceneIndexes } from '../../sceneIndexApi';

const properties: INodeProperties[] = [streamRlc];

export const description = updateDisplayOptions({ show: { resource: ['sceneIndex'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const indexes = await listSceneIndexes(this, streamId, i);
	// The stream id goes along so Create Alert can map both ids from one item.
	return indexes.map((index) => ({ ...index, stream_id: streamId }));
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../common/descriptions';
import { sceneIndexRlc, streamRlc } from '../../descriptions';
import { itemLimit, locatorId } from '../../../common/parameters';
import { listAlerts } from '../../alertApi';

const properties: INodeProperties[] = [streamRlc, sceneIndexRlc, ...returnAllOrLimit()];

export const description = updateDisplayOptions({ show: { resource: ['alert'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const sceneIndexId = locatorId(this, 'sceneIndexId', 'Scene Index', i);
	const limit = itemLimit(this, i);
	// One unpaged list per (stream, scene index); the limit is applied here.
	const alerts = await listAlerts(this, streamId, sceneIndexId, i);
	const selected = limit === undefined ? alerts : alerts.slice(0, limit);
	// The ids the alert lives under, so Enable / Disable can map them straight from the item.
	return selected.map((alert) => ({ ...alert, stream_id: streamId, scene_index_id: sceneIndexId }));
}

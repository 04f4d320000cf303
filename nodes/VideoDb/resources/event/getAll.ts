import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../common/descriptions';
import { itemLimit } from '../../../common/parameters';
import { listEvents } from '../../eventApi';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions({ show: { resource: ['event'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const limit = itemLimit(this, i);
	// The API answers every event at once (no paging documented), so the limit is applied here.
	const events = await listEvents(this, i);
	return limit === undefined ? events : events.slice(0, limit);
}

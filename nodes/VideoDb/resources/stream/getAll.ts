import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection, returnAllOrLimit } from '../../../common/descriptions';
import { itemLimit } from '../../../common/parameters';
import { listStreams } from '../../streamApi';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	collection('filters', [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Only streams whose name contains this text (not case-sensitive)',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'connected',
			options: [
				{ name: 'Connected', value: 'connected' },
				{ name: 'Stopped', value: 'stopped' },
			],
			description: 'Only streams in this state',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['stream'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const limit = itemLimit(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as { status?: string; name?: string };
	const query: { status?: string; name?: string } = {};
	if (filters.status) query.status = filters.status;
	const name = String(filters.name ?? '').trim();
	if (name !== '') query.name = name;
	return await listStreams(this, query, limit, i);
}

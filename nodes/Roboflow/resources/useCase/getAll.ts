import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listUseCases } from '../../useCaseApi';

const properties: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'active',
		options: [
			{ name: 'Active', value: 'active', description: 'Use cases that accept new events' },
			{ name: 'Inactive', value: 'inactive', description: 'Use cases with status inactive (for example archived ones)' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['useCase'], operation: ['getAll'] } }, properties);

/** One item per use case, as the API sends it. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const status = this.getNodeParameter('status', i, 'active') as 'active' | 'inactive';
	return (await listUseCases(this, status, i)) as IDataObject[];
}

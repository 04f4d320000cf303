import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../../common/parameters';
import { createUseCase } from '../../useCaseApi';

const NAME_MAX = 256;

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Line A quality',
		description: 'Unique within the workspace, 1–256 characters',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['useCase'], operation: ['create'] } }, properties);

/** Checks the trimmed Name against the API's 1–256 characters before any request, then creates it: `{id, name}`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter('name', i, '') ?? '').trim();
	if (name.length === 0 || name.length > NAME_MAX) {
		throw parameterError(
			this,
			'Name',
			`must have 1 to ${NAME_MAX} characters`,
			i,
			`It has ${name.length} characters after trimming spaces.`,
		);
	}
	return await createUseCase(this, name, i);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../../common/descriptions';
import { jsonValue } from '../../../common/parameters';
import { validateImageMetadata } from '../../schema';
import { uploadBinary } from './uploadBinary';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the image',
		description: 'JPEG, PNG, WebP, GIF, TIFF, BMP, HEIC or AVIF',
	},
	collection('additionalFields', [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'A custom name for the image',
		},
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'json',
			default: '{}',
			description:
				'Flat JSON object of up to 100 keys (letters, digits, _, -, space); values are strings, numbers or booleans',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['image'], operation: ['upload'] } }, properties);

function readMetadata(this: IExecuteFunctions, i: number, raw: unknown): IDataObject | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = jsonValue(this, raw, 'Metadata', i);
	const issues = validateImageMetadata(value);
	if (issues.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Invalid image metadata in item ${i}: ${issues[0].path} ${issues[0].message}`,
			{ itemIndex: i, description: issues.map((p) => `${p.path} ${p.message}`).join('\n') },
		);
	}
	return Object.keys(value as IDataObject).length > 0 ? (value as IDataObject) : undefined;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const propertyName = (this.getNodeParameter('binaryPropertyName', i) as string).trim();
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const metadata = readMetadata.call(this, i, additional.metadata);
	const name = typeof additional.name === 'string' ? additional.name.trim() : '';
	return await uploadBinary.call(this, i, propertyName, { name: name || undefined, metadata });
}

import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../../common/parameters';
import { validateImageMetadata } from '../../schema';
import { roboflowRequest } from '../../transport';

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
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
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
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['image'], operation: ['upload'] } }, properties);

/** `POST /vision-events/upload` answers `{success, sourceId, url?}`. */
interface UploadResponse {
	success?: boolean;
	sourceId: string;
	url?: string;
}

export interface UploadOptions {
	name?: string;
	metadata?: IDataObject;
}

/** Quotes a value for a Content-Disposition parameter; line breaks would end the header. */
function quoted(value: string): string {
	return `"${value.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')}"`;
}

/** A multipart/form-data body with the file first, as Roboflow's own clients send it. */
export function multipartBody(
	file: { data: Buffer; fileName: string; mimeType: string },
	fields: Record<string, string>,
): { body: Buffer; contentType: string } {
	const boundary = `----n8nRoboflow${randomBytes(16).toString('hex')}`;
	const parts: Buffer[] = [
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=${quoted(file.fileName)}\r\n` +
				`Content-Type: ${file.mimeType}\r\n\r\n`,
		),
		file.data,
		Buffer.from('\r\n'),
	];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Uploads item `i`'s binary `propertyName` and returns `{sourceId, url?}`. Shared by Image → Upload
 * and Vision Event → Create's "Image Binary Field". Not retried on gateway errors: every upload
 * makes a new source, so a repeat could leave a stray copy.
 */
export async function uploadImage(
	this: IExecuteFunctions,
	i: number,
	propertyName: string,
	options: UploadOptions = {},
): Promise<IDataObject> {
	const binary = this.helpers.assertBinaryData(i, propertyName);
	const data = await this.helpers.getBinaryDataBuffer(i, propertyName);
	const fields: Record<string, string> = {};
	if (options.name) fields.name = options.name;
	if (options.metadata !== undefined) fields.metadata = JSON.stringify(options.metadata);
	const { body, contentType } = multipartBody(
		{
			data,
			fileName: binary.fileName || 'image',
			mimeType: binary.mimeType || 'application/octet-stream',
		},
		fields,
	);
	const response = await roboflowRequest<UploadResponse>(
		this,
		{
			method: 'POST',
			path: '/vision-events/upload',
			body,
			headers: { 'content-type': contentType },
			idempotency: 'unsafe',
		},
		i,
	);
	const result: IDataObject = { sourceId: response.sourceId };
	if (response.url) result.url = response.url;
	return result;
}

const NOT_JSON = Symbol('not JSON');

function readMetadata(this: IExecuteFunctions, i: number, raw: unknown): IDataObject | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	// jsonParse returns the fallback instead of throwing only when the fallback is not undefined.
	const value = typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: NOT_JSON }) : raw;
	if (value === NOT_JSON) {
		throw parameterError(this, 'Metadata', 'is not valid JSON', i);
	}
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
	return await uploadImage.call(this, i, propertyName, { name: name || undefined, metadata });
}

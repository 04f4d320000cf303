/**
 * `POST /vision-events/upload`: one binary of an item as a new image source. Shared by Image →
 * Upload and Vision Event → Create's Image Binary Field.
 */
import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { roboflowRequest } from '../../transport';

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

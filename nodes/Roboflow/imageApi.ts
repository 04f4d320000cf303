import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import { roboflowRequest } from './transport';

/**
 * The image upload of Roboflow Vision Events (`POST /vision-events/upload`), used by Image →
 * Upload and by Vision Event → Create's "Image Binary Field"; events then refer to the image by
 * its `sourceId`.
 */

/** `POST /vision-events/upload` answers `{success, sourceId, url?}`. */
interface UploadResponse {
	success?: boolean;
	sourceId?: unknown;
	url?: string;
}

export interface UploadOptions {
	name?: string;
	metadata?: IDataObject;
}

/** An image as the upload form carries it. */
export interface ImageFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** Quotes a value for a Content-Disposition parameter; line breaks would end the header. */
function quoted(value: string): string {
	return `"${value.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')}"`;
}

/** A multipart/form-data body with the file first, as Roboflow's own clients send it. */
export function multipartBody(file: ImageFile, fields: Record<string, string>): { body: Buffer; contentType: string } {
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
 * Uploads one image as a new image source → `{sourceId, url?}`; the metadata goes as a JSON text
 * field. A 2xx answer without a non-empty string `sourceId` names no image an event could refer
 * to (Roboflow's inference block fails on it the same way), so it is an error for the item.
 */
export async function uploadImage(
	ctx: RequestContext,
	file: ImageFile,
	options: UploadOptions = {},
	itemIndex?: number,
): Promise<IDataObject> {
	const fields: Record<string, string> = {};
	if (options.name) fields.name = options.name;
	if (options.metadata !== undefined) fields.metadata = JSON.stringify(options.metadata);
	const { body, contentType } = multipartBody(file, fields);
	const response = await roboflowRequest<UploadResponse>(
		ctx,
		{
			method: 'POST',
			path: '/vision-events/upload',
			body,
			headers: { 'content-type': contentType },
			// Not retried on gateway errors: every upload makes a new source, so a repeat could
			// leave a stray copy.
			idempotency: 'unsafe',
		},
		itemIndex,
	);
	const sourceId = response?.sourceId;
	if (typeof sourceId !== 'string' || sourceId === '') {
		const item = itemIndex === undefined ? '' : ` of item ${itemIndex}`;
		throw new NodeOperationError(ctx.getNode(), `Roboflow did not return a sourceId for the uploaded image${item}`, {
			itemIndex,
			description:
				`Roboflow answered POST /vision-events/upload with ${JSON.stringify(response ?? null).slice(0, 200)}. ` +
				'The image may or may not be stored; it was not sent again, as every upload makes a new image source.',
		});
	}
	const result: IDataObject = { sourceId };
	if (response.url) result.url = response.url;
	return result;
}

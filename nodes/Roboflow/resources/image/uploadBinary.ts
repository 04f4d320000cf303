import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { UploadOptions } from '../../imageApi';
import { uploadImage } from '../../imageApi';

// The image types the upload takes (see Input Binary Field), by MIME type.
const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'image/tiff': 'tiff',
	'image/bmp': 'bmp',
	'image/heic': 'heic',
	'image/avif': 'avif',
};

/**
 * The multipart file name of a binary that has none: `image.<ext>` from its MIME type, so the
 * name still says what the file is (Roboflow's inference block always sends `image.jpg`); just
 * `image` for a type outside the list.
 */
export function defaultFileName(mimeType: string | undefined): string {
	const type = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	const extension = EXTENSIONS[type];
	return extension ? `image.${extension}` : 'image';
}

/**
 * Uploads item `i`'s binary `propertyName` as a new image source and returns `{sourceId, url?}`.
 * Shared by Image → Upload and Vision Event → Create's "Image Binary Field". Read through n8n's
 * binary helpers, never `item.binary[x].data`, so binaries kept outside memory work too.
 */
export async function uploadBinary(
	this: IExecuteFunctions,
	i: number,
	propertyName: string,
	options: UploadOptions = {},
): Promise<IDataObject> {
	const binary = this.helpers.assertBinaryData(i, propertyName);
	const data = await this.helpers.getBinaryDataBuffer(i, propertyName);
	const file = {
		data,
		fileName: binary.fileName || defaultFileName(binary.mimeType),
		mimeType: binary.mimeType || 'application/octet-stream',
	};
	return await uploadImage(this, file, options, i);
}

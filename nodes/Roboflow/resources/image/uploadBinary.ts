import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { UploadOptions } from '../../imageApi';
import { uploadImage } from '../../imageApi';

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
		fileName: binary.fileName || 'image',
		mimeType: binary.mimeType || 'application/octet-stream',
	};
	return await uploadImage(this, file, options, i);
}

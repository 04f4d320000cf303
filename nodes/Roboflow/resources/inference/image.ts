import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError, requiredText, trimmedText } from '../../../common/parameters';
import type { InferenceImage } from '../../inferenceApi';

/** Roboflow's hosted inference takes images up to 20 MB (docs, serverless hosted API "Limits"). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** Where the image of Run Workflow and Run Model comes from: the same three fields in both. */
export const imageFields: INodeProperties[] = [
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		default: 'binary',
		options: [
			{ name: 'Binary Field', value: 'binary', description: 'An image in a binary field of the input item' },
			{ name: 'URL', value: 'url', description: 'An image URL that Roboflow downloads itself' },
		],
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { imageSource: ['binary'] } },
		hint: 'The name of the input binary field containing the image',
		description: 'JPEG, PNG, WebP, BMP or TIFF, up to 20 MB; sent as base64',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/snapshot.jpg',
		displayOptions: { show: { imageSource: ['url'] } },
		description:
			"A URL Roboflow can reach. Roboflow's hosted servers fetch https:// URLs (its server code refuses http:// by default).",
	},
];

/**
 * Item `i`'s image as the inference server takes it, checked before any request: a binary read
 * through n8n's binary helpers (never `item.binary[x].data`, so binaries kept outside memory
 * work), at most 20 MB; or an http(s) URL.
 */
export async function readImage(this: IExecuteFunctions, i: number): Promise<InferenceImage> {
	if (this.getNodeParameter('imageSource', i, 'binary') === 'url') {
		const text = trimmedText(this.getNodeParameter('imageUrl', i, ''));
		if (text === '') throw parameterError(this, 'Image URL', 'must not be empty', i, 'Enter the URL of the image.');
		if (!/^https?:\/\/[^/?#\s]+/i.test(text)) {
			throw parameterError(this, 'Image URL', 'must be an http(s) URL', i, `"${text.slice(0, 100)}" is not a URL starting with https:// or http://.`);
		}
		return { type: 'url', value: text };
	}
	const name = requiredText(this, 'binaryPropertyName', 'Input Binary Field', i);
	try {
		this.helpers.assertBinaryData(i, name);
	} catch {
		throw parameterError(this, 'Input Binary Field', `"${name}" holds no binary data`, i, `The input item has no binary field "${name}". Name the field that holds the image, or choose Image Source "URL".`);
	}
	const data = await this.helpers.getBinaryDataBuffer(i, name);
	if (data.length === 0) throw parameterError(this, 'Input Binary Field', `"${name}" is empty`, i);
	if (data.length > MAX_IMAGE_BYTES) {
		const size = (data.length / 1024 / 1024).toFixed(1);
		throw parameterError(this, 'Input Binary Field', `"${name}" is ${size} MB; Roboflow takes images up to 20 MB`, i, 'Downsize the image first, e.g. with the Edit Image node.');
	}
	return { type: 'base64', value: data.toString('base64') };
}

/**
 * The output items with the binaries of their input items: the image goes on with the predictions,
 * so the next node (Create Vision Event's Image Binary Field) can store it with its annotations.
 */
export function withInputBinaries(ctx: IExecuteFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	const input = ctx.getInputData();
	return items.map((item) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		const source = typeof paired === 'object' ? input[paired.item] : undefined;
		return source?.binary ? { ...item, binary: source.binary } : item;
	});
}

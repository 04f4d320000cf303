import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../../common/descriptions';
import { parameterError, requiredText } from '../../../common/parameters';
import type { StreamConnection } from '../../streamApi';
import { connectStream } from '../../streamApi';
import { sampleRateField } from '../../descriptions';
import { positiveInteger } from '../../pipelineParameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Stream URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'rtsp://user:password@camera.example.com:554/stream1',
		description: 'Address of the live source: RTSP, RTMP, an HLS (.m3u8) URL or a YouTube live URL',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Dock camera',
		description: 'Name of the stream, shown in lists and pickers',
	},
	collection('additionalFields', [
		{
			displayName: 'Collection ID',
			name: 'collectionId',
			type: 'string',
			default: 'default',
			description: 'VideoDB collection the stream belongs to',
		},
		{
			displayName: 'Enable Transcript',
			name: 'enableTranscript',
			type: 'boolean',
			default: true,
			description: 'Whether VideoDB transcribes the audio of the stream',
		},
		{
			displayName: 'Media Types',
			name: 'mediaTypes',
			type: 'multiOptions',
			default: ['video'],
			options: [
				{ name: 'Audio', value: 'audio' },
				{ name: 'Video', value: 'video' },
			],
			description: 'Which tracks to ingest. Audio is needed for an audio scene index.',
		},
		sampleRateField,
		{
			displayName: 'Store',
			name: 'store',
			type: 'boolean',
			default: false,
			description: 'Whether to keep the recording, so parts of it can be played back and exported later',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['stream'], operation: ['create'] } }, properties);

const SOURCE_URL = /^(rtsps?|rtmps?|https?):\/\/[^\s/]+\S*$/i;

interface AdditionalFields {
	collectionId?: string;
	sampleRate?: number;
	mediaTypes?: string[];
	store?: boolean;
	enableTranscript?: boolean;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const url = requiredText(this, 'url', 'Stream URL', i);
	if (!SOURCE_URL.test(url)) {
		throw parameterError(this, 'Stream URL', 'must be an rtsp://, rtmp:// or http(s):// URL', i, `Got "${url}".`);
	}
	const name = requiredText(this, 'name', 'Name', i);
	const fields = this.getNodeParameter('additionalFields', i, {}) as AdditionalFields;
	const body: StreamConnection = { url, name };
	const collectionId = String(fields.collectionId ?? '').trim();
	if (collectionId !== '') body.collection_id = collectionId;
	if (fields.sampleRate !== undefined) body.sample_rate = positiveInteger(this, fields.sampleRate, 'Sample Rate', i);
	if (fields.mediaTypes !== undefined) {
		if (fields.mediaTypes.length === 0) throw parameterError(this, 'Media Types', 'must include video or audio', i);
		body.media_types = fields.mediaTypes;
	}
	if (fields.store !== undefined) body.store = fields.store;
	if (fields.enableTranscript !== undefined) body.enable_transcript = fields.enableTranscript;
	return await connectStream(this, body, i);
}

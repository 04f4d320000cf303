import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId, requiredText } from '../../../common/parameters';
import { collection } from '../../../common/descriptions';
import { countField, scenePromptField, streamRlc } from '../../descriptions';
import type { SceneIndexSpec } from '../../sceneIndexApi';
import { createSceneIndex } from '../../sceneIndexApi';
import { positiveInteger } from '../../pipelineParameters';

const visual = { indexType: ['visual'] };
const audio = { indexType: ['audio'] };

const properties: INodeProperties[] = [
	streamRlc,
	{
		displayName: 'Index Type',
		name: 'indexType',
		type: 'options',
		options: [
			{ name: 'Visual', value: 'visual', description: 'Describe what the camera sees, one description per time window' },
			{ name: 'Audio', value: 'audio', description: 'Describe what is said, per words, sentences or time' },
		],
		default: 'visual',
	},
	{ ...scenePromptField, placeholder: 'e.g. Describe people, forklifts and pallets on the loading dock' },
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Dock activity',
		description: 'Name of the scene index, shown in pickers',
	},
	{
		...countField('Window (Seconds)', 'windowSeconds', 5, 'Length of each described window, in seconds'),
		displayOptions: { show: visual },
	},
	{ ...countField('Frame Count', 'frameCount', 2, 'Frames sampled from each window for its description'), displayOptions: { show: visual } },
	{
		displayName: 'Segmenter',
		name: 'segmenter',
		type: 'options',
		options: [
			{ name: 'Sentence', value: 'sentence' },
			{ name: 'Time', value: 'time' },
			{ name: 'Word', value: 'word' },
		],
		default: 'sentence',
		description: 'How the audio is cut into described segments',
		displayOptions: { show: audio },
	},
	{
		...countField(
			'Segmentation Value',
			'segmentationValue',
			2,
			'Size of each segment: a number of sentences or words, or seconds for Time',
		),
		displayOptions: { show: audio },
	},
	collection('additionalFields', [
		{
			displayName: 'Model Name',
			name: 'modelName',
			type: 'string',
			default: '',
			description: 'VideoDB model that writes the descriptions. Empty = the VideoDB default.',
		},
		{
			displayName: 'WebSocket Connection ID',
			name: 'wsConnectionId',
			type: 'string',
			default: '',
			description: 'Connection ID of an open VideoDB WebSocket that should receive each new description',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['sceneIndex'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const indexType = this.getNodeParameter('indexType', i, 'visual') as string;
	const prompt = requiredText(this, 'prompt', 'Prompt', i);
	const spec: SceneIndexSpec =
		indexType === 'audio'
			? {
					extraction_type: 'transcript',
					extraction_config: {
						segmenter: this.getNodeParameter('segmenter', i, 'sentence') as string,
						segmentation_value: positiveInteger(this, this.getNodeParameter('segmentationValue', i, 2), 'Segmentation Value', i),
					},
					prompt,
				}
			: {
					// "time" is the spec's value (the Node SDK's "time_based" is unconfirmed).
					extraction_type: 'time',
					extraction_config: {
						time: positiveInteger(this, this.getNodeParameter('windowSeconds', i, 5), 'Window (Seconds)', i),
						frame_count: positiveInteger(this, this.getNodeParameter('frameCount', i, 2), 'Frame Count', i),
					},
					prompt,
				};
	const name = String(this.getNodeParameter('name', i, '') ?? '').trim();
	if (name !== '') spec.name = name;
	const fields = this.getNodeParameter('additionalFields', i, {}) as { modelName?: string; wsConnectionId?: string };
	const modelName = String(fields.modelName ?? '').trim();
	if (modelName !== '') spec.model_name = modelName;
	const wsConnectionId = String(fields.wsConnectionId ?? '').trim();
	if (wsConnectionId !== '') spec.ws_connection_id = wsConnectionId;
	const created = await createSceneIndex(this, streamId, spec, i);
	return { ...created, stream_id: streamId };
}

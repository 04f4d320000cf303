import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId, requiredText } from '../../../common/parameters';
import { sceneIndexRlc, scenePromptField, streamRlc } from '../../descriptions';
import { updateSceneIndexPrompt } from '../../sceneIndexApi';

const properties: INodeProperties[] = [
	streamRlc,
	sceneIndexRlc,
	{ ...scenePromptField, description: 'What the model should describe from now on; earlier descriptions stay as they are' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sceneIndex'], operation: ['updatePrompt'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const sceneIndexId = locatorId(this, 'sceneIndexId', 'Scene Index', i);
	const prompt = requiredText(this, 'prompt', 'Prompt', i);
	await updateSceneIndexPrompt(this, streamId, sceneIndexId, prompt, i);
	return { scene_index_id: sceneIndexId, stream_id: streamId, prompt };
}

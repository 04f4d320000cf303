import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../../common/parameters';
import { sceneIndexRlc, streamRlc } from '../../descriptions';
import { getSceneIndex } from '../../sceneIndexApi';

export const description = updateDisplayOptions({ show: { resource: ['sceneIndex'], operation: ['get'] } }, [
	streamRlc,
	sceneIndexRlc,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const sceneIndexId = locatorId(this, 'sceneIndexId', 'Scene Index', i);
	return { ...(await getSceneIndex(this, streamId, sceneIndexId, i)), stream_id: streamId };
}

/** What Scene Index → Start and Stop share (not an operation): the parameters and the status change. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../../common/parameters';
import { sceneIndexRlc, streamRlc } from '../../descriptions';
import type { StartStop } from '../../streamApi';
import { setSceneIndexStatus } from '../../sceneIndexApi';

/** The parameters of Start and Stop (the stream and the scene index). */
export function statusDescription(operation: StartStop): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['sceneIndex'], operation: [operation] } }, [streamRlc, sceneIndexRlc]);
}

/** Start / Stop for item `i`; the status is the one the index reports afterwards. */
export async function changeSceneIndexStatus(ctx: IExecuteFunctions, i: number, action: StartStop): Promise<IDataObject> {
	const streamId = locatorId(ctx, 'streamId', 'Stream', i);
	const sceneIndexId = locatorId(ctx, 'sceneIndexId', 'Scene Index', i);
	await setSceneIndexStatus(ctx, streamId, sceneIndexId, action, i);
	return { scene_index_id: sceneIndexId, status: action === 'start' ? 'running' : 'stopped' };
}

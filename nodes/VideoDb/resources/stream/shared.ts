/** What Stream → Start and Stop share (not an operation): the parameters and the status change. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../../common/parameters';
import { streamRlc } from '../../descriptions';
import type { StartStop } from '../../streamApi';
import { setStreamStatus } from '../../streamApi';

/** The parameters of Start and Stop (the stream only). */
export function statusDescription(operation: StartStop): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['stream'], operation: [operation] } }, [streamRlc]);
}

/** Start / Stop for item `i`; the status is the one the stream reports afterwards. */
export async function changeStreamStatus(ctx: IExecuteFunctions, i: number, action: StartStop): Promise<IDataObject> {
	const streamId = locatorId(ctx, 'streamId', 'Stream', i);
	await setStreamStatus(ctx, streamId, action, i);
	return { stream_id: streamId, status: action === 'start' ? 'connected' : 'stopped' };
}

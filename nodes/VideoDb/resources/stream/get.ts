import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../../common/parameters';
import { streamRlc } from '../../descriptions';
import { getStream } from '../../streamApi';

export const description = updateDisplayOptions({ show: { resource: ['stream'], operation: ['get'] } }, [streamRlc]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await getStream(this, locatorId(this, 'streamId', 'Stream', i), i);
}

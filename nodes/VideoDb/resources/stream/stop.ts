import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changeStreamStatus, statusDescription } from './shared';

export const description = statusDescription('stop');

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeStreamStatus(this, i, 'stop');
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changeSceneIndexStatus, statusDescription } from './shared';

export const description = statusDescription('start');

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeSceneIndexStatus(this, i, 'start');
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { changeAlertStatus, statusDescription } from './shared';

export const description = statusDescription('enable');

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeAlertStatus(this, i, 'enable');
}

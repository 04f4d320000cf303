/** What Alert → Enable and Disable share (not an operation): the parameters and the status change. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { alertRlc, sceneIndexRlc, streamRlc } from '../../descriptions';
import { locatorId } from '../../../common/parameters';
import type { AlertAction } from '../../alertApi';
import { ALERT_STATUS, setAlertStatus } from '../../alertApi';

/** The parameters of Enable and Disable (the same three locators). */
export function statusDescription(operation: AlertAction): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['alert'], operation: [operation] } }, [
		streamRlc,
		sceneIndexRlc,
		alertRlc,
	]);
}

/** Enable / Disable for item `i`: the three locators, then the status call. */
export async function changeAlertStatus(ctx: IExecuteFunctions, i: number, action: AlertAction): Promise<IDataObject> {
	const streamId = locatorId(ctx, 'streamId', 'Stream', i);
	const sceneIndexId = locatorId(ctx, 'sceneIndexId', 'Scene Index', i);
	const alertId = locatorId(ctx, 'alertId', 'Alert', i);
	await setAlertStatus(ctx, streamId, sceneIndexId, alertId, action, i);
	return { alert_id: alertId, status: ALERT_STATUS[action] };
}

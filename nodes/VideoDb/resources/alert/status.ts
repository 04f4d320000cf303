import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { alertRlc, sceneIndexRlc, streamRlc } from '../../descriptions';
import { locatorId } from '../../../common/parameters';
import { apiPath, videoDbRequest } from '../../transport';

export type StatusAction = 'enable' | 'disable';

const STATUS: Record<StatusAction, 'enabled' | 'disabled'> = { enable: 'enabled', disable: 'disabled' };

/** The parameters of Enable and Disable (the same three locators). */
export function statusDescription(operation: StatusAction): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['alert'], operation: [operation] } }, [
		streamRlc,
		sceneIndexRlc,
		alertRlc,
	]);
}

/**
 * Sets an alert's status. VideoDB has no delete: a disabled alert stays listed and can be
 * enabled again. The body carries both documented forms: `status` (OpenAPI spec) and
 * `action` (what both official SDKs send). Setting a status twice has the same effect, so the
 * call is retried like a GET.
 */
export async function setAlertStatus(ctx: IExecuteFunctions, i: number, action: StatusAction): Promise<IDataObject> {
	const streamId = locatorId(ctx, 'streamId', 'Stream', i);
	const sceneIndexId = locatorId(ctx, 'sceneIndexId', 'Scene Index', i);
	const alertId = locatorId(ctx, 'alertId', 'Alert', i);
	await videoDbRequest(
		ctx,
		{
			method: 'PATCH',
			path: apiPath('rtstream', streamId, 'index', sceneIndexId, 'alert', alertId, 'status'),
			body: { action, status: STATUS[action] },
			idempotency: 'idempotent',
		},
		i,
	);
	return { alert_id: alertId, status: STATUS[action] };
}

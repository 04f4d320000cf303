import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import { apiPath, videoDbRequest } from './transport';

/**
 * The VideoDB alert calls (an event attached to a scene index), shared by the VideoDB node and the
 * alert trigger. Each says whether repeating it is safe (see nodes/common/retry.ts).
 */

/** An alert as `GET /rtstream/{id}/index/{index}/alert` lists it. */
export interface VideoDbAlert extends IDataObject {
	alert_id: string;
	event_id: string;
	label: string;
	prompt?: string;
	status: string;
	callback_url: string | null;
}

/** The alerts on one (stream, scene index), disabled ones included. */
export async function listAlerts(
	ctx: RequestContext,
	streamId: string,
	sceneIndexId: string,
	itemIndex?: number,
): Promise<VideoDbAlert[]> {
	const data = await videoDbRequest<{ alerts?: VideoDbAlert[] }>(
		ctx,
		{
			method: 'GET',
			path: apiPath('rtstream', streamId, 'index', sceneIndexId, 'alert'),
			idempotency: 'idempotent',
		},
		itemIndex,
	);
	return data.alerts ?? [];
}

export interface AlertTarget {
	eventId: string;
	callbackUrl?: string;
	wsConnectionId?: string;
}

/**
 * Attaches an event to a scene index. Not repeated after a 5xx or a reset: the alert may exist
 * already, and a second one would fire twice.
 */
export async function createAlert(
	ctx: RequestContext,
	streamId: string,
	sceneIndexId: string,
	target: AlertTarget,
	itemIndex?: number,
): Promise<string | null> {
	const body: IDataObject = { event_id: target.eventId };
	if (target.callbackUrl) body.callback_url = target.callbackUrl;
	if (target.wsConnectionId) body.ws_connection_id = target.wsConnectionId;
	const data = await videoDbRequest<{ alert_id?: string }>(
		ctx,
		{ method: 'POST', path: apiPath('rtstream', streamId, 'index', sceneIndexId, 'alert'), body, idempotency: 'unsafe' },
		itemIndex,
	);
	return data.alert_id ?? null;
}

export type AlertAction = 'enable' | 'disable';

export const ALERT_STATUS: Record<AlertAction, 'enabled' | 'disabled'> = { enable: 'enabled', disable: 'disabled' };

/**
 * Enables or disables an alert (VideoDB has no delete: a disabled alert stays listed). The body
 * carries both documented forms: `status` (OpenAPI spec) and `action` (what both official SDKs
 * send). Setting a status twice has the same effect, so it is repeated like a GET.
 */
export async function setAlertStatus(
	ctx: RequestContext,
	streamId: string,
	sceneIndexId: string,
	alertId: string,
	action: AlertAction,
	itemIndex?: number,
): Promise<void> {
	await videoDbRequest(
		ctx,
		{
			method: 'PATCH',
			path: apiPath('rtstream', streamId, 'index', sceneIndexId, 'alert', alertId, 'status'),
			body: { action, status: ALERT_STATUS[action] },
			idempotency: 'idempotent',
		},
		itemIndex,
	);
}

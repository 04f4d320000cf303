import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import { apiPath, videoDbRequest } from './transport';

/**
 * The VideoDB calls the package makes, one function each, shared by the VideoDB node and the
 * alert trigger. Each says whether repeating it is safe (see nodes/common/retry.ts).
 */

/** A detection event as `GET /rtstream/event` lists it. */
export interface VideoDbEvent extends IDataObject {
	event_id: string;
	event_prompt: string;
	label: string;
}

/** A v1 scene index as `GET /rtstream/{id}/index/scene` lists it. */
export interface VideoDbSceneIndex extends IDataObject {
	rtstream_index_id: string;
	name: string;
	status: string;
	prompt: string;
}

/** An alert as `GET /rtstream/{id}/index/{index}/alert` lists it. */
export interface VideoDbAlert extends IDataObject {
	alert_id: string;
	event_id: string;
	label: string;
	prompt?: string;
	status: string;
	callback_url: string | null;
}

/** All events of the account; the API documents neither paging nor filters for this list. */
export async function listEvents(ctx: RequestContext, itemIndex?: number): Promise<VideoDbEvent[]> {
	const data = await videoDbRequest<{ events?: VideoDbEvent[] }>(
		ctx,
		{ method: 'GET', path: '/rtstream/event', idempotency: 'idempotent' },
		itemIndex,
	);
	return data.events ?? [];
}

/** The scene indexes of one stream (404 "Stream not found" for an unknown stream). */
export async function listSceneIndexes(
	ctx: RequestContext,
	streamId: string,
	itemIndex?: number,
): Promise<VideoDbSceneIndex[]> {
	const data = await videoDbRequest<{ scene_indexes?: VideoDbSceneIndex[] }>(
		ctx,
		{ method: 'GET', path: apiPath('rtstream', streamId, 'index', 'scene'), idempotency: 'idempotent' },
		itemIndex,
	);
	return data.scene_indexes ?? [];
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

/**
 * Creates a detection event. Not repeated after a 5xx or a reset: events cannot be deleted, and a
 * repeat could leave a duplicate behind.
 */
export async function createEvent(
	ctx: RequestContext,
	eventPrompt: string,
	label: string,
	itemIndex?: number,
): Promise<string | null> {
	const data = await videoDbRequest<{ event_id?: string }>(
		ctx,
		{ method: 'POST', path: '/rtstream/event', body: { event_prompt: eventPrompt, label }, idempotency: 'unsafe' },
		itemIndex,
	);
	return data.event_id ?? null;
}

/** The existing event with `label`, if any (labels are not unique in VideoDB: the first wins). */
export async function findEventByLabel(
	ctx: RequestContext,
	label: string,
	itemIndex?: number,
): Promise<VideoDbEvent | undefined> {
	return (await listEvents(ctx, itemIndex)).find((event) => event.label === label);
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

// The real-time pipeline's calls live beside this module; importers keep one entry point.
export * from './streamApi';
export * from './sceneIndexApi';

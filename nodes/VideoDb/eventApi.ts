import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import { videoDbRequest } from './transport';

/**
 * The VideoDB event calls (account-level detection rules), shared by the VideoDB node and the
 * alert trigger. Each says whether repeating it is safe (see nodes/common/retry.ts).
 */

/** A detection event as `GET /rtstream/event` lists it. */
export interface VideoDbEvent extends IDataObject {
	event_id: string;
	event_prompt: string;
	label: string;
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

import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import type { Page } from '../common/paginate';
import { collectPages } from '../common/paginate';
import { roboflowRequest } from './transport';

/**
 * The vision-event calls of Roboflow Vision Events, shared by the Roboflow node and the Vision
 * Event Trigger. Each reads its answer here, so the operations get what the answer means rather
 * than its fields.
 */

/** `POST /vision-events/query` answers a page of events and the cursor of the next one. */
interface QueryResponse {
	events?: IDataObject[];
	nextCursor?: string | null;
	hasMore?: boolean;
}

// The largest page the API serves; the docs' examples use 50 and 100.
const PAGE_SIZE = 100;

/**
 * One page of `POST /vision-events/query` (newest first, as the API sends them); `next` is the
 * cursor of the following page, null once `hasMore` is false.
 */
export async function queryEventPage(
	ctx: RequestContext,
	body: IDataObject,
	cursor: string | undefined,
	pageSize: number,
	itemIndex?: number,
): Promise<Page<IDataObject, string>> {
	const page = await roboflowRequest<QueryResponse>(
		ctx,
		{
			method: 'POST',
			path: '/vision-events/query',
			body: { ...body, limit: pageSize, ...(cursor ? { cursor } : {}) },
			// A query changes nothing, so repeating it is harmless.
			idempotency: 'idempotent',
		},
		itemIndex,
	);
	return { items: page?.events ?? [], next: page?.hasMore === false ? null : page?.nextCursor };
}

/**
 * The events matching `body` (newest first), following `nextCursor` until done or `limit` events
 * are collected (undefined = all). The filters are resent with every page.
 */
export async function queryEvents(
	ctx: RequestContext,
	body: IDataObject,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages<IDataObject, string>(
		async (cursor, remaining) =>
			await queryEventPage(ctx, body, cursor, Math.min(PAGE_SIZE, remaining ?? PAGE_SIZE), itemIndex),
		limit,
	);
}

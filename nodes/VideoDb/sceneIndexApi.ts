import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../common/http';
import { collectPages } from '../common/paginate';
import type { StartStop } from './streamApi';
import { apiPath, videoDbRequest } from './transport';

/**
 * The v1 scene-index calls (reference/videodb-api.md §2.4): listing a stream's indexes (also for
 * the pickers and the alert trigger) and the real-time pipeline's calls. Creating an index is not repeated after a 5xx or a reset: a repeat could leave two
 * indexes describing (and billing) the same stream.
 */

/** The documented body of `POST /rtstream/{id}/index/scene`. */
export interface SceneIndexSpec extends IDataObject {
	extraction_type: 'time' | 'transcript';
	extraction_config: IDataObject;
	prompt: string;
	name?: string;
	model_name?: string;
	ws_connection_id?: string;
}

/** A v1 scene index as `GET /rtstream/{id}/index/scene` lists it. */
export interface VideoDbSceneIndex extends IDataObject {
	rtstream_index_id: string;
	name: string;
	status: string;
	prompt: string;
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

export interface CreatedSceneIndex extends IDataObject {
	rtstream_index_id: string;
	extraction_type: string;
	status: string;
	prompt: string;
	name: string;
}

export interface SceneRecord extends IDataObject {
	start: number;
	end: number;
	description: string;
}

export async function createSceneIndex(
	ctx: RequestContext,
	streamId: string,
	spec: SceneIndexSpec,
	itemIndex?: number,
): Promise<CreatedSceneIndex> {
	return await videoDbRequest<CreatedSceneIndex>(
		ctx,
		{ method: 'POST', path: apiPath('rtstream', streamId, 'index', 'scene'), body: spec, idempotency: 'unsafe' },
		itemIndex,
	);
}

/** One index with its `extraction_config` (the path has no `/scene/` segment). */
export async function getSceneIndex(
	ctx: RequestContext,
	streamId: string,
	sceneIndexId: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return await videoDbRequest(
		ctx,
		{ method: 'GET', path: apiPath('rtstream', streamId, 'index', sceneIndexId), idempotency: 'idempotent' },
		itemIndex,
	);
}

export async function updateSceneIndexPrompt(
	ctx: RequestContext,
	streamId: string,
	sceneIndexId: string,
	prompt: string,
	itemIndex?: number,
): Promise<void> {
	await videoDbRequest(
		ctx,
		{
			method: 'PATCH',
			path: apiPath('rtstream', streamId, 'index', 'scene', sceneIndexId),
			body: { prompt },
			idempotency: 'idempotent',
		},
		itemIndex,
	);
}

export async function setSceneIndexStatus(
	ctx: RequestContext,
	streamId: string,
	sceneIndexId: string,
	action: StartStop,
	itemIndex?: number,
): Promise<void> {
	await videoDbRequest(
		ctx,
		{
			method: 'PATCH',
			path: apiPath('rtstream', streamId, 'index', 'scene', sceneIndexId, 'status'),
			body: { action },
			idempotency: 'idempotent',
		},
		itemIndex,
	);
}

/**
 * Scene descriptions between two unix seconds (either may be open), until `limit` records are
 * collected (undefined = all). `next_page` is a boolean (VideoDB's spec; `get_scenes` in the Python
 * client, `nextPage` in the Node client), so the page number is counted here: the next page is
 * asked for only while the answer says `next_page: true`.
 */
export async function listSceneRecords(
	ctx: RequestContext,
	streamId: string,
	sceneIndexId: string,
	range: { start?: number; end?: number },
	limit?: number,
	itemIndex?: number,
): Promise<SceneRecord[]> {
	// Pages are numbered in units of one size, so the size is fixed for the whole walk: a smaller
	// one only when the limit needs less than a full page.
	const size = Math.min(100, limit ?? 100);
	return await collectPages<SceneRecord, number>(async (page = 1) => {
		const data = await videoDbRequest<{ scene_index_records?: SceneRecord[]; next_page?: boolean }>(
			ctx,
			{
				method: 'GET',
				path: apiPath('rtstream', streamId, 'index', 'scene', sceneIndexId),
				qs: { page, page_size: size, ...range },
				idempotency: 'idempotent',
			},
			itemIndex,
		);
		return { items: data.scene_index_records ?? [], next: data.next_page === true ? page + 1 : null };
	}, limit);
}

export interface SearchOptions {
	result_threshold?: number;
	score_threshold?: number;
}

/** Records of one index whose text matches `query`; a read, so it repeats like a GET. */
export async function searchSceneIndex(
	ctx: RequestContext,
	streamId: string,
	sceneIndexId: string,
	query: string,
	options: SearchOptions,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const data = await videoDbRequest<{ results?: IDataObject[] }>(
		ctx,
		{
			method: 'POST',
			path: apiPath('rtstream', streamId, 'search'),
			body: { query, scene_index_id: sceneIndexId, ...options },
			idempotency: 'idempotent',
		},
		itemIndex,
	);
	return data.results ?? [];
}

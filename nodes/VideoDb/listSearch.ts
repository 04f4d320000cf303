import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { listAlerts } from './alertApi';
import { listEvents } from './eventApi';
import { listSceneIndexes } from './sceneIndexApi';
import { listStreamPage } from './streamApi';

// Streams are the one list the API pages; the picker asks for the next page on scroll.
const STREAM_PAGE_SIZE = 50;

/** The id a sibling locator currently holds ('' when unset), whatever mode it is in. */
function currentId(ctx: ILoadOptionsFunctions, name: string): string {
	const value = ctx.getCurrentNodeParameter(name, { extractValue: true });
	return typeof value === 'string' ? value.trim() : '';
}

/** Case-insensitive "contains" over the given texts; everything matches an empty filter. */
function matches(filter: string | undefined, ...texts: Array<string | null | undefined>): boolean {
	const needle = filter?.trim().toLowerCase();
	if (!needle) return true;
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

/** Streams filtered by name on the server, one page per call (offset in `paginationToken`). */
export async function searchStreams(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const token = Number(paginationToken);
	const offset = Number.isInteger(token) && token > 0 ? token : 0;
	const name = filter?.trim();
	const page = await listStreamPage(this, name ? { name } : {}, offset, STREAM_PAGE_SIZE);
	const results: INodeListSearchItems[] = page.items.map((stream) => ({
		name: stream.name || stream.id,
		value: stream.id,
		description: stream.status,
		url: typeof stream.player_url === 'string' ? stream.player_url : undefined,
	}));
	return { results, paginationToken: page.next === null ? undefined : String(page.next) };
}

/** Scene indexes of the chosen stream; empty until a stream is chosen. */
export async function searchSceneIndexes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const streamId = currentId(this, 'streamId');
	if (streamId === '') return { results: [] };
	const indexes = await listSceneIndexes(this, streamId);
	return {
		results: indexes
			.filter((index) => matches(filter, index.name, index.prompt, index.rtstream_index_id))
			.map((index) => ({
				name: index.name || index.rtstream_index_id,
				value: index.rtstream_index_id,
				description: index.prompt,
			})),
	};
}

/** Events of the account, filtered here on label and prompt (the API has no filter). */
export async function searchEvents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const events = await listEvents(this);
	return {
		results: events
			.filter((event) => matches(filter, event.label, event.event_prompt))
			.map((event) => ({ name: event.label || event.event_id, value: event.event_id, description: event.event_prompt })),
	};
}

/** Alerts on the chosen stream and scene index; empty until both are chosen. */
export async function searchAlerts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const streamId = currentId(this, 'streamId');
	const sceneIndexId = currentId(this, 'sceneIndexId');
	if (streamId === '' || sceneIndexId === '') return { results: [] };
	const alerts = await listAlerts(this, streamId, sceneIndexId);
	return {
		results: alerts
			.filter((alert) => matches(filter, alert.label, alert.prompt, alert.alert_id))
			.map((alert) => ({
				name: `${alert.label || alert.event_id} (${alert.status})`,
				value: alert.alert_id,
				description: alert.callback_url ?? undefined,
			})),
	};
}

/** One page of a list endpoint: its items and the cursor (or offset) of the next page, if any. */
export interface Page<T, C> {
	items: T[];
	next?: C | null;
}

// A guard against a server that keeps answering with the same cursor.
const MAX_PAGES = 10000;

/**
 * Follows a cursor or offset until the service says there is no more, or `limit` items are
 * collected (undefined = all). Pages are fetched one after the other: each needs the last cursor.
 */
export async function collectPages<T, C>(
	fetchPage: (cursor: C | undefined, remaining: number | undefined) => Promise<Page<T, C>>,
	limit?: number,
): Promise<T[]> {
	const items: T[] = [];
	let cursor: C | undefined;
	const seen = new Set<C>();
	for (let page = 0; page < MAX_PAGES; page++) {
		const remaining = limit === undefined ? undefined : limit - items.length;
		const result = await fetchPage(cursor, remaining);
		items.push(...result.items);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
		const next = result.next;
		if (next === undefined || next === null || result.items.length === 0 || seen.has(next)) break;
		seen.add(next);
		cursor = next;
	}
	return items;
}

/**
 * Batch mode of Create: items go out in chunks through `POST /vision-events/batch` (at most 100
 * events a request), and the answer is fanned back out to one result per item.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Settled } from '../../../common/concurrency';
import { mapLimit } from '../../../common/concurrency';
import { isNodeError } from '../../../common/errors';
import { roboflowRequest } from '../../transport';
import type { PreparedEvent } from './buildEvent';
import { attachUpload, eventResult } from './send';

/** `POST /vision-events/batch` answers `{created, eventIds, warnings?, deprecations?}`. */
interface BatchResponse {
	created?: number;
	eventIds?: string[];
	warnings?: IDataObject[];
	deprecations?: IDataObject[];
}

export interface BatchSettings {
	batchSize: number;
	concurrency: number;
	stopOnError: boolean;
}

const EVENT_PATH = /^events\.(\d+)(?:\.(.*))?$/;

/**
 * Splits a batch answer's `warnings` / `deprecations` by event: an entry whose `path` (or
 * `field`) starts with `events.<k>.` belongs to the k-th event of the request and is given the
 * path it would have had for a single create. An entry naming no event concerns them all.
 */
export function splitByEvent(entries: IDataObject[] | undefined, count: number): IDataObject[][] {
	const result: IDataObject[][] = Array.from({ length: count }, () => []);
	for (const entry of entries ?? []) {
		const key = typeof entry.path === 'string' ? 'path' : typeof entry.field === 'string' ? 'field' : undefined;
		const match = key ? EVENT_PATH.exec(entry[key] as string) : null;
		const position = match ? Number(match[1]) : -1;
		if (match && position < count) {
			result[position].push({ ...entry, [key as string]: match[2] ?? '' });
		} else {
			for (const list of result) list.push(entry);
		}
	}
	return result;
}

function rangeText(indexes: number[]): string {
	return indexes.length === 1 ? `item ${indexes[0]}` : `items ${indexes[0]}–${indexes[indexes.length - 1]}`;
}

/** Sends one chunk; returns one outcome per item of it, in order. */
async function sendChunk(
	this: IExecuteFunctions,
	indexes: number[],
	prepared: Array<PreparedEvent | undefined>,
): Promise<Array<Settled<IDataObject>>> {
	const events = indexes.map((i) => (prepared[i] as PreparedEvent).body);
	// Safe to retry: every event id was fixed before the first attempt, so a repeat overwrites.
	const response = await roboflowRequest<BatchResponse>(
		this,
		{ method: 'POST', path: '/vision-events/batch', body: { events }, idempotency: 'idempotent' },
		indexes[0],
	).catch((error: unknown) => {
		if (isNodeError(error)) {
			error.description = [error.description, `The batch request held ${rangeText(indexes)}; none of them was stored.`]
				.filter(Boolean)
				.join(' · ');
		}
		return Promise.reject(error);
	});
	const stored = Array.isArray(response?.eventIds) ? new Set(response.eventIds) : undefined;
	const warnings = splitByEvent(response?.warnings, indexes.length);
	const deprecations = splitByEvent(response?.deprecations, indexes.length);
	return indexes.map((i, k): Settled<IDataObject> => {
		const item = prepared[i] as PreparedEvent;
		try {
			const created = stored ? stored.has(item.body.eventId as string) : true;
			return { ok: true, value: eventResult.call(this, i, item, created, warnings[k], deprecations[k]) };
		} catch (error) {
			return { ok: false, error };
		}
	});
}

/**
 * Uploads the items' images, then sends the ready items in order in chunks of `batchSize`, with
 * at most `concurrency` requests in flight. A failing chunk fails only its own items. Items
 * without a prepared event (invalid under strict validation) never enter a chunk.
 */
export async function sendInBatches(
	this: IExecuteFunctions,
	prepared: Array<PreparedEvent | undefined>,
	settings: BatchSettings,
): Promise<Map<number, Settled<IDataObject>>> {
	const outcomes = new Map<number, Settled<IDataObject>>();
	const withImage = prepared.flatMap((p, i) => (p?.imageBinaryProperty ? [i] : []));
	const uploads = await mapLimit(
		withImage.length,
		settings.concurrency,
		async (k) => await attachUpload.call(this, withImage[k], prepared[withImage[k]] as PreparedEvent),
		settings.stopOnError,
	);
	uploads.forEach((upload, k) => {
		if (upload && !upload.ok) outcomes.set(withImage[k], upload);
	});
	if (settings.stopOnError && (outcomes.size > 0 || uploads.some((u) => u === undefined))) return outcomes;

	const ready = prepared.flatMap((p, i) => (p && !outcomes.has(i) ? [i] : []));
	const chunks: number[][] = [];
	for (let start = 0; start < ready.length; start += settings.batchSize) {
		chunks.push(ready.slice(start, start + settings.batchSize));
	}
	const sent = await mapLimit(
		chunks.length,
		settings.concurrency,
		async (c) => await sendChunk.call(this, chunks[c], prepared),
		settings.stopOnError,
	);
	sent.forEach((chunk, c) => {
		if (chunk === undefined) return;
		chunks[c].forEach((i, k) => outcomes.set(i, chunk.ok ? chunk.value[k] : { ok: false, error: chunk.error }));
	});
	return outcomes;
}

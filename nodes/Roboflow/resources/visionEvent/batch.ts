/**
 * Batch mode of Create: items go out in chunks through `POST /vision-events/batch` (at most 100
 * events a request), and the answer is fanned back out to one result per item. A chunk Roboflow
 * refuses for its content is sent again one event at a time, so one bad event fails alone.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Settled } from '../../../common/concurrency';
import { mapLimit } from '../../../common/concurrency';
import { asNodeError, httpCodeOf, isNodeError } from '../../../common/errors';
import type { BatchedEvent } from '../../visionEventApi';
import { createEventBatch } from '../../visionEventApi';
import type { PreparedEvent } from './buildEvent';
import { attachUpload, eventResult, sendEvent, unconfirmedError } from './send';

export interface BatchSettings {
	batchSize: number;
	concurrency: number;
	stopOnError: boolean;
}

function rangeText(indexes: number[]): string {
	return indexes.length === 1 ? `item ${indexes[0]}` : `items ${indexes[0]}–${indexes[indexes.length - 1]}`;
}

/** Adds `text` to a node error's description (other errors are left as they are). */
function addDescription(error: unknown, text: string): void {
	if (isNodeError(error)) error.description = [error.description, text].filter(Boolean).join(' · ');
}

const noneStored = (indexes: number[]) => `The batch request held ${rangeText(indexes)}; none of them was stored.`;

// 400 and 422 say the request body is invalid, and a batch is refused whole for one bad event, so
// its events are worth sending one by one. Any other refusal (401/403 key or scope, 404 unknown
// use case, 409, 429 rate limit) would refuse every event again: resending would only multiply it.
const CONTENT_REJECTIONS = new Set(['400', '422']);

function isContentRejection(error: unknown): boolean {
	return isNodeError(error) && CONTENT_REJECTIONS.has(httpCodeOf(error) ?? '');
}

/** A chunk either settled each of its items, or was refused for its content (`rejected`). */
type ChunkResult = { results: Array<Settled<IDataObject>> } | { rejected: unknown };

/** The items of a chunk refused for its content, and the refusal. */
interface Refused {
	indexes: number[];
	error: unknown;
}

/**
 * One result per item of a chunk from what the batch answer says of its event: the output item
 * of a stored event, an item error for an event the answer did not confirm.
 */
function batchResults(
	this: IExecuteFunctions,
	indexes: number[],
	prepared: Array<PreparedEvent | undefined>,
	answers: BatchedEvent[],
): Array<Settled<IDataObject>> {
	return indexes.map((i, k): Settled<IDataObject> => {
		const item = prepared[i] as PreparedEvent;
		const answer = answers[k];
		try {
			if (!answer.stored) throw unconfirmedError(this.getNode(), i, item.body.eventId as string, answer.why);
			return { ok: true, value: eventResult.call(this, i, item, true, answer.warnings, answer.deprecations) };
		} catch (error) {
			return { ok: false, error };
		}
	});
}

/** Sends one chunk; a refusal for its content is returned, any other failure thrown. */
async function sendChunk(
	this: IExecuteFunctions,
	indexes: number[],
	prepared: Array<PreparedEvent | undefined>,
): Promise<ChunkResult> {
	const events = indexes.map((i) => (prepared[i] as PreparedEvent).body);
	try {
		const answers = await createEventBatch(this, events, indexes[0]);
		return { results: batchResults.call(this, indexes, prepared, answers) };
	} catch (error) {
		if (isContentRejection(error)) return { rejected: error };
		addDescription(error, noneStored(indexes));
		throw asNodeError(this.getNode(), error, indexes[0]);
	}
}

/**
 * Sends the events of refused chunks again, one request each through `POST /vision-events`: once
 * per event, never split further, at most `concurrency` in flight. Each keeps the id its batch
 * carried, so a resend overwrites rather than duplicates. Failures name their item and batch.
 */
async function resendOneByOne(
	this: IExecuteFunctions,
	refused: Refused[],
	prepared: Array<PreparedEvent | undefined>,
	concurrency: number,
	outcomes: Map<number, Settled<IDataObject>>,
): Promise<void> {
	const items = refused.flatMap((chunk) => chunk.indexes);
	// Every event of a refused batch is sent, also without "continue on fail": its good events are
	// stored before the node stops on its first bad one.
	const sent = await mapLimit(
		items.length,
		concurrency,
		async (k) => await sendEvent.call(this, items[k], prepared[items[k]] as PreparedEvent),
	);
	items.forEach((i, k) => outcomes.set(i, sent[k] as Settled<IDataObject>));
	for (const { indexes, error } of refused) {
		const stored = indexes.filter((i) => outcomes.get(i)?.ok).length;
		for (const i of indexes) {
			const outcome = outcomes.get(i);
			if (outcome && !outcome.ok) {
				const batch = `the batch request of ${rangeText(indexes)} (HTTP ${httpCodeOf(error)})`;
				addDescription(
					outcome.error,
					`Item ${i} was sent on its own after Roboflow refused ${batch}; ${stored} of its ${indexes.length} events were stored.`,
				);
			}
		}
	}
}

/**
 * Uploads the items' images, then sends the ready items in order in chunks of `batchSize`, with
 * at most `concurrency` requests in flight. A failing chunk fails only its own items; a chunk
 * refused for its content is resent event by event once all chunks are done (so requests in
 * flight stay within `concurrency`). Items without a prepared event (invalid under strict
 * validation) never enter a chunk.
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
	const refused: Refused[] = [];
	sent.forEach((chunk, c) => {
		if (chunk === undefined) return;
		if (!chunk.ok) {
			for (const i of chunks[c]) outcomes.set(i, { ok: false, error: chunk.error });
			return;
		}
		const result = chunk.value;
		if ('rejected' in result) refused.push({ indexes: chunks[c], error: result.rejected });
		else chunks[c].forEach((i, k) => outcomes.set(i, result.results[k]));
	});
	// Without "continue on fail" a chunk that failed outright ends the run: no resends after it.
	if (settings.stopOnError && sent.some((chunk) => chunk === undefined || !chunk.ok)) {
		for (const { indexes, error } of refused) {
			addDescription(error, noneStored(indexes));
			indexes.forEach((i) => outcomes.set(i, { ok: false, error }));
		}
	} else {
		await resendOneByOne.call(this, refused, prepared, settings.concurrency, outcomes);
	}
	return outcomes;
}

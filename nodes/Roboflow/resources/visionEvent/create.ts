import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Settled } from '../../../common/concurrency';
import { mapLimit } from '../../../common/concurrency';
import { asNodeError } from '../../../common/errors';
import { toExecutionData } from '../../../common/runItems';
import { createEventValidator } from '../../schema';
import { sendInBatches } from './batch';
import type { PreparedEvent } from './buildEvent';
import { prepareEvent } from './buildEvent';
import { createProperties } from './createFields';
import { sendEvent } from './send';

export const description = updateDisplayOptions(
	{ show: { resource: ['visionEvent'], operation: ['create'] } },
	createProperties,
);

const MAX_BATCH = 100;
// Requests in flight are bounded, never unbounded; 100 lets one execution keep a slow (high-latency)
// API busy without hammering it (BENCHMARKS.md: ~50 is where 20 ms of latency stops mattering).
const MAX_CONCURRENCY = 100;

/** A whole-run setting (how requests are grouped and how many run at once), read from item 0. */
function runSetting(this: IExecuteFunctions, name: string, fallback: number, max: number): number {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const raw = options[name] ?? fallback;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw new NodeOperationError(this.getNode(), `Options → ${name} must be a whole number from 1 to ${max}`, {
			itemIndex: 0,
			description: `Got ${JSON.stringify(raw)}.`,
		});
	}
	return value;
}

/*
 * The path of an event through the files:
 *   buildEvent.ts  prepareEvent: body from fields or item JSON, event id fixed once, strict checks
 *   send.ts        Batch Size 1: upload the binary, POST /vision-events, keep it only when the
 *                  answer confirms it (confirmsCreate); warnings → output or Fail on Warnings
 *   batch.ts       Batch Size 2–100: uploads, then chunks to POST /vision-events/batch; an event
 *                  counts only when eventIds lists it; a chunk refused with 400/422 is resent
 *                  event by event through send.ts, once, within Concurrency
 *   runItems.ts    outcomes → output items in input order, pairedItem, continueOnFail
 */

/**
 * Create for all input items at once, so batch mode can group them. First every item's event is
 * built and (strict) validated, before any request: without "continue on fail" one invalid item
 * stops the node with nothing sent. Then items go out one request each (batch size 1) or in
 * chunks, with at most `concurrency` requests in flight. One output item per input item, in
 * input order, paired to it.
 */
export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	if (count === 0) return [];
	const batchSize = runSetting.call(this, 'batchSize', 1, MAX_BATCH);
	const concurrency = runSetting.call(this, 'concurrency', 5, MAX_CONCURRENCY);
	const continueOnFail = this.continueOnFail();
	const validate = createEventValidator(Date.now());

	const outcomes = new Map<number, Settled<IDataObject>>();
	const prepared: Array<PreparedEvent | undefined> = new Array(count);
	for (let i = 0; i < count; i++) {
		try {
			prepared[i] = prepareEvent.call(this, i, validate);
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this.getNode(), error, i);
			outcomes.set(i, { ok: false, error });
		}
	}

	if (batchSize > 1) {
		const sent = await sendInBatches.call(this, prepared, { batchSize, concurrency, stopOnError: !continueOnFail });
		for (const [i, outcome] of sent) outcomes.set(i, outcome);
	} else {
		const ready = prepared.flatMap((p, i) => (p ? [i] : []));
		const sent = await mapLimit(
			ready.length,
			concurrency,
			async (k) => await sendEvent.call(this, ready[k], prepared[ready[k]] as PreparedEvent),
			!continueOnFail,
		);
		sent.forEach((outcome, k) => outcome && outcomes.set(ready[k], outcome));
	}

	return toExecutionData(this, count, (i) => outcomes.get(i), continueOnFail);
}

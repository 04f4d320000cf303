/**
 * Vision Event → Create. The files, in the order an event meets them:
 *   createFields.ts  the parameters; typeFields.ts holds the eventData fields of each event type
 *   buildEvent.ts    prepareEvent: the body from the fields or the item's JSON, event id fixed
 *                    once, strict checks; predictions.ts turns Predictions (JSON) into annotations
 *   send.ts          Batch Size 1: upload the binary, POST /vision-events, stored only when the
 *                    answer confirms it; warnings → output, or an error with Fail on Warnings
 *   batch.ts         Batch Size 2–100: uploads, then chunks to POST /vision-events/batch; an event
 *                    counts only when eventIds lists it; a chunk refused with 400/422 is resent
 *                    event by event through send.ts
 *   common/runItems  outcomes → one output item per input item, in input order, paired
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Settled } from '../../../common/concurrency';
import { mapLimit } from '../../../common/concurrency';
import { asNodeError } from '../../../common/errors';
import { toExecutionData } from '../../../common/runItems';
import { createEventValidator } from '../../schema';
import { sendInBatches } from './batch';
import type { PreparedEvent } from './buildEvent';
import { prepareEvent } from './buildEvent';
import { batchSizeOption, concurrencyOption, createProperties } from './createFields';
import { sendEvent } from './send';

export const description = updateDisplayOptions(
	{ show: { resource: ['visionEvent'], operation: ['create'] } },
	createProperties,
);

/**
 * A whole-run setting (how requests are grouped, how many run at once), read from item 0 and
 * checked against its field's range; the error names the field as the panel shows it.
 */
function runSetting(this: IExecuteFunctions, field: INodeProperties): number {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const raw = options[field.name] ?? field.default;
	const max = field.typeOptions?.maxValue as number;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw new NodeOperationError(
			this.getNode(),
			`Options → ${field.displayName} must be a whole number from 1 to ${max}`,
			{ itemIndex: 0, description: `Got ${JSON.stringify(raw)}.` },
		);
	}
	return value;
}

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
	const batchSize = runSetting.call(this, batchSizeOption);
	const concurrency = runSetting.call(this, concurrencyOption);
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

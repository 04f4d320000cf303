import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Settled } from './concurrency';
import { mapLimit } from './concurrency';
import { asNodeError, errorItemJson } from './errors';

export type ItemOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * Turns per-item outcomes into the node's output: every item linked to its input (`pairedItem`).
 * With "continue on fail" a failed item yields `{error, statusCode?, description?}`; otherwise the
 * first failure in item order is thrown with its item index. Items without an outcome were not
 * run (an earlier failure stopped the run) and are left out.
 */
export function toExecutionData(
	ctx: IExecuteFunctions,
	count: number,
	outcomeOf: (itemIndex: number) => Settled<IDataObject | IDataObject[]> | undefined,
	continueOnFail: boolean,
): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < count; i++) {
		const outcome = outcomeOf(i);
		if (outcome === undefined) continue;
		if (!outcome.ok) {
			if (!continueOnFail) throw asNodeError(ctx.getNode(), outcome.error, i);
			output.push({ json: errorItemJson(outcome.error), pairedItem: { item: i } });
			continue;
		}
		const values = Array.isArray(outcome.value) ? outcome.value : [outcome.value];
		for (const json of values) output.push({ json, pairedItem: { item: i } });
	}
	return output;
}

/**
 * Runs an operation once per input item, at most `concurrency` at a time, and returns the output
 * in input order (see `toExecutionData`). Without "continue on fail" no new item starts after a
 * failure.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	operation: ItemOperation,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const outcomes = await mapLimit(count, concurrency, async (i) => await operation.call(ctx, i), !continueOnFail);
	return toExecutionData(ctx, count, (i) => outcomes[i], continueOnFail);
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { mapLimit } from './concurrency';
import { errorItemJson, forItem } from './errors';

export type ItemOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * Runs an operation once per input item and links every output item to its input
 * (`pairedItem`). With "continue on fail" a failing item yields `{error, statusCode?, description?}`
 * and the other items still run; otherwise the first failure (in item order) stops the node.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	operation: ItemOperation,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const outcomes = await mapLimit(count, concurrency, async (i) => await operation.call(ctx, i), !continueOnFail);
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < count; i++) {
		const outcome = outcomes[i];
		if (outcome === undefined) continue; // not started: an earlier item failed
		if (!outcome.ok) {
			if (!continueOnFail) throw forItem(ctx.getNode(), outcome.error, i);
			output.push({ json: errorItemJson(outcome.error), pairedItem: { item: i } });
			continue;
		}
		const values = Array.isArray(outcome.value) ? outcome.value : [outcome.value];
		for (const json of values) output.push({ json, pairedItem: { item: i } });
	}
	return output;
}

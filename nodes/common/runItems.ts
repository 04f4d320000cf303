import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
 * Runs an operation once per input item, one item after another, and returns the output in input
 * order (see `toExecutionData`). Without "continue on fail" no new item starts after a failure.
 */
export async function runItems(ctx: IExecuteFunctions, operation: ItemOperation): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const outcomes = await mapLimit(count, 1, async (i) => await operation.call(ctx, i), !continueOnFail);
	return toExecutionData(ctx, count, (i) => outcomes[i], continueOnFail);
}

/**
 * The module a node's router holds for the chosen resource and operation (both read from item 0:
 * they take no expressions). Own keys only, so a name like "constructor" is unknown too rather
 * than an Object.prototype member.
 */
export function chosenOperation<M>(ctx: IExecuteFunctions, operations: Record<string, Record<string, M>>): M {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const own = Object.prototype.hasOwnProperty;
	const byOperation = own.call(operations, resource) ? operations[resource] : undefined;
	if (!byOperation || !own.call(byOperation, operation)) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not known for "${resource}"`);
	}
	return byOperation[operation];
}

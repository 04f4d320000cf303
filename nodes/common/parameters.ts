import type { IExecuteFunctions, IGetNodeParameterOptions, IPollFunctions } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

/** What reading parameters needs; a poll context is one through `pollParameters`. */
export type ParameterReader = Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter' | 'getTimezone'>;

/**
 * A poll context as a `ParameterReader`, so the helpers written for items serve triggers too: a
 * poll has no items, its parameters are read as item 0's.
 */
export function pollParameters(ctx: IPollFunctions): ParameterReader {
	const getNodeParameter = (name: string, _i: number, fallback?: unknown, options?: IGetNodeParameterOptions) =>
		ctx.getNodeParameter(name, fallback, options);
	return {
		getNode: () => ctx.getNode(),
		getTimezone: () => ctx.getTimezone(),
		getNodeParameter: getNodeParameter as IExecuteFunctions['getNodeParameter'],
	};
}

/** The error for a bad parameter: names the field and the item, raised before any request. */
export function parameterError(
	ctx: Pick<ParameterReader, 'getNode'>,
	displayName: string,
	problem: string,
	itemIndex: number,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${displayName} ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

/** A string parameter that must not be empty after trimming; returned trimmed. */
export function requiredText(ctx: ParameterReader, name: string, displayName: string, i: number): string {
	const value = ctx.getNodeParameter(name, i, '') as unknown;
	const text = typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : String(value);
	if (text === '') {
		throw parameterError(ctx, displayName, 'must not be empty', i, `Set the "${displayName}" parameter.`);
	}
	return text;
}

/** A text or number parameter (a locator's extracted value included) as trimmed text; '' for anything else. */
export function trimmedText(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** The id a resource locator (or a plain string from an older workflow) holds, trimmed and required. */
export function locatorId(ctx: ParameterReader, name: string, displayName: string, i: number): string {
	const id = trimmedText(ctx.getNodeParameter(name, i, '', { extractValue: true }));
	if (id === '') {
		throw parameterError(ctx, displayName, 'must not be empty', i, `Choose a ${displayName.toLowerCase()} from the list or enter its ID.`);
	}
	return id;
}

/** `undefined` for Return All, otherwise the Limit of item `i` (each item may map its own). */
export function itemLimit(ctx: IExecuteFunctions, i: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', i, false) as boolean) return undefined;
	const limit = Number(ctx.getNodeParameter('limit', i, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw parameterError(ctx, 'Limit', 'must be a whole number of at least 1', i);
	}
	return limit;
}

// jsonParse returns the fallback instead of throwing only when the fallback is not undefined.
const NOT_JSON = Symbol('not JSON');

/**
 * A JSON parameter's value: text is parsed (text that is not JSON is an error naming the field and
 * the item); anything else, such as an object from an expression, is returned as it is.
 */
export function jsonValue(
	ctx: Pick<ParameterReader, 'getNode'>,
	raw: unknown,
	displayName: string,
	i: number,
	description?: string,
): unknown {
	if (typeof raw !== 'string') return raw;
	const value = jsonParse<unknown>(raw, { fallbackValue: NOT_JSON });
	if (value === NOT_JSON) throw parameterError(ctx, displayName, 'is not valid JSON', i, description);
	return value;
}

import type { IDataObject } from 'n8n-workflow';

/** An object that is neither null nor an array: what JSON bodies and item fields are read as. */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A record made by a literal or JSON.parse, not a class instance such as a Buffer or a Date. */
export function isPlainObject(value: unknown): value is IDataObject {
	if (!isRecord(value)) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

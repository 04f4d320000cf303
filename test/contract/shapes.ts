/**
 * Runtime checks of what VideoDB's official Node client returns against what its own TypeScript
 * declarations (node_modules/videodb/dist/**.d.ts) promise. A `Declared<T>` table names every data
 * field of `T` (the compiler rejects a missing or extra key), so a field the client declares and
 * the sandbox's answer leaves out of shape shows up as a named problem.
 */

type Kind = 'string' | 'number' | 'boolean' | 'string[]' | 'array' | 'object';
/** A field's declared type; a trailing `?` marks a declared-optional field. */
export type FieldType = Kind | `${Kind}?`;

type DataKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T];

/** One entry per data (non-method) member of `T`, with its declared type. */
export type Declared<T> = Record<DataKeys<T>, FieldType>;

function kindOf(value: unknown): Kind | 'null' | 'undefined' | 'other' {
	if (value === undefined) return 'undefined';
	if (value === null) return 'null';
	if (Array.isArray(value)) return value.every((v) => typeof v === 'string') && value.length > 0 ? 'string[]' : 'array';
	const t = typeof value;
	if (t === 'string' || t === 'number' || t === 'boolean') return t;
	return t === 'object' ? 'object' : 'other';
}

/**
 * The fields of `value` that do not have their declared type: a required field missing, or any
 * present field of another type (`null` counts as another type: the declarations never allow it).
 */
export function shapeProblems(value: unknown, declared: Record<string, FieldType>): string[] {
	if (typeof value !== 'object' || value === null) return [`not an object: ${String(value)}`];
	const record = value as Record<string, unknown>;
	const problems: string[] = [];
	for (const [field, type] of Object.entries(declared)) {
		const optional = type.endsWith('?');
		const want = (optional ? type.slice(0, -1) : type) as Kind;
		const got = kindOf(record[field]);
		if (got === 'undefined') {
			if (!optional) problems.push(`${field}: missing`);
			continue;
		}
		const emptyList = got === 'array' && (record[field] as unknown[]).length === 0;
		const matches = got === want || (want === 'array' && got === 'string[]') || (want === 'string[]' && emptyList);
		if (!matches) problems.push(`${field}: ${got}, declared ${want}`);
	}
	return problems;
}

/** The declared fields that are undefined: optional in the declarations, but the spec answers them. */
export function missing(value: object, fields: string[]): string[] {
	return fields.filter((f) => (value as Record<string, unknown>)[f] === undefined);
}

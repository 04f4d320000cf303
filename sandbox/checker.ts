/** A tiny Joi-like checker: collects `{type, path, value, valueType}` warnings instead of throwing. */
import { isObject, valueType } from './util';

export interface Warning {
	type: string;
	path: string;
	value: unknown;
	valueType: string;
}

export interface Rule {
	required?: boolean;
	check: (c: Checker, v: unknown, path: string) => boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Collects warnings; every check returns whether the value is acceptable. */
export class Checker {
	readonly warnings: Warning[] = [];

	warn(type: string, path: string, value: unknown): false {
		this.warnings.push({ type, path, value: value === undefined ? null : value, valueType: valueType(value) });
		return false;
	}

	str(v: unknown, path: string, o: { max?: number; only?: string[]; pattern?: RegExp; uuid?: boolean } = {}): boolean {
		if (typeof v !== 'string') return this.warn('string.base', path, v);
		if (o.only && !o.only.includes(v)) return this.warn('any.only', path, v);
		if (o.max !== undefined && v.length > o.max) return this.warn('string.max', path, v);
		if (o.pattern && !o.pattern.test(v)) return this.warn('string.pattern.base', path, v);
		if (o.uuid && !UUID.test(v)) return this.warn('string.guid', path, v);
		return true;
	}

	num(v: unknown, path: string, o: { integer?: boolean; min?: number; max?: number } = {}): boolean {
		if (typeof v !== 'number' || !Number.isFinite(v)) return this.warn('number.base', path, v);
		if (o.integer && !Number.isInteger(v)) return this.warn('number.integer', path, v);
		if (o.min !== undefined && v < o.min) return this.warn('number.min', path, v);
		if (o.max !== undefined && v > o.max) return this.warn('number.max', path, v);
		return true;
	}

	/** Object with known keys: unknown ones warn, required ones missing warn. */
	object(v: unknown, path: string, rules: Record<string, Rule>): boolean {
		if (!isObject(v)) return this.warn('object.base', path, v);
		let valid = true;
		for (const key of Object.keys(v)) {
			if (!Object.prototype.hasOwnProperty.call(rules, key)) valid = this.warn('object.unknown', join(path, key), v[key]);
		}
		for (const [key, rule] of Object.entries(rules)) {
			const value = v[key];
			if (value === undefined) {
				if (rule.required) valid = this.warn('any.required', join(path, key), undefined);
				continue;
			}
			if (!rule.check(this, value, join(path, key))) valid = false;
		}
		return valid;
	}

	array(v: unknown, path: string, o: { min?: number; max?: number }, item: (c: Checker, v: unknown, p: string) => boolean): boolean {
		if (!Array.isArray(v)) return this.warn('array.base', path, v);
		if (o.max !== undefined && v.length > o.max) return this.warn('array.max', path, v);
		if (o.min !== undefined && v.length < o.min) return this.warn('array.min', path, v);
		let valid = true;
		v.forEach((el, i) => {
			if (!item(this, el, `${path}.${i}`)) valid = false;
		});
		return valid;
	}
}

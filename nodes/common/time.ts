import type { ParameterReader } from './parameters';
import { parameterError } from './parameters';

/**
 * n8n's date picker stores a wall-clock time without a zone ("2026-01-15T10:30:00"), meant in the
 * workflow's time zone; the API needs an absolute time. Zone-less date-times are read in the
 * workflow's zone and sent as UTC; anything else is left as given.
 */
const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** Milliseconds the zone is ahead of UTC at instant `utcMs`. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wall - Math.floor(utcMs / 1000) * 1000;
}

export function inTimeZone(value: string, timeZone: string): string {
	if (!ZONELESS.test(value)) return value;
	const wallAsUtc = Date.parse(`${value}Z`);
	if (Number.isNaN(wallAsUtc)) return value;
	try {
		// Two passes, so a wall time next to a daylight-saving change gets the offset in force then.
		const guess = wallAsUtc - zoneOffsetMs(wallAsUtc, timeZone);
		return new Date(wallAsUtc - zoneOffsetMs(guess, timeZone)).toISOString();
	} catch {
		// An unknown zone name: keep the value; strict validation and the API still see it.
		return value;
	}
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Milliseconds of an ISO 8601 string, or null. Dates without a zone are read as UTC. */
export function parseIsoTimestamp(value: string): number | null {
	if (!ISO_8601.test(value)) return null;
	const iso = value.replace(' ', 'T');
	const time = iso.slice(10);
	const zoned = time === '' || /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(time);
	const ms = Date.parse(zoned ? iso : `${iso}Z`);
	return Number.isNaN(ms) ? null : ms;
}

/**
 * A date-time parameter of item `i` as an absolute time (`iso` and `ms`), or undefined when empty.
 * Accepts the picker's zone-less value (read in the workflow's zone), ISO strings with a zone, and
 * Date or Luxon values from expressions; anything else is a parameter error naming the field.
 */
export function dateTimeParameter(
	ctx: ParameterReader,
	name: string,
	displayName: string,
	i: number,
): { iso: string; ms: number } | undefined {
	const raw = ctx.getNodeParameter(name, i, '') as unknown;
	let text: string;
	if (raw instanceof Date) text = raw.toISOString();
	else if (raw !== null && typeof raw === 'object' && typeof (raw as { toISO?: unknown }).toISO === 'function') {
		text = String((raw as { toISO: () => string }).toISO());
	} else text = String(raw ?? '').trim();
	if (text === '') return undefined;
	const iso = inTimeZone(text, ctx.getTimezone());
	const ms = parseIsoTimestamp(iso);
	if (ms === null) throw parameterError(ctx, displayName, 'must be an ISO 8601 date-time', i, `Got "${text}".`);
	return { iso, ms };
}

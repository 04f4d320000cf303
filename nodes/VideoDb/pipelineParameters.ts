import type { ParameterReader } from '../common/parameters';
import { parameterError } from '../common/parameters';
import { dateTimeParameter } from '../common/time';

/** Parameter checks shared by the stream and scene-index operations, run before any request. */

/** A whole number of at least 1 (window seconds, frame count, sample rate, …). */
export function positiveInteger(ctx: ParameterReader, value: unknown, displayName: string, i: number): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1) {
		throw parameterError(ctx, displayName, 'must be a whole number of at least 1', i, `Got ${JSON.stringify(value)}.`);
	}
	return number;
}

/**
 * `startTime` / `endTime` of item `i` as unix seconds (what VideoDB takes), either left open when
 * empty; Start Time must come before End Time.
 */
export function timeRange(ctx: ParameterReader, i: number): { start?: number; end?: number } {
	const start = dateTimeParameter(ctx, 'startTime', 'Start Time', i);
	const end = dateTimeParameter(ctx, 'endTime', 'End Time', i);
	if (start && end && start.ms >= end.ms) throw parameterError(ctx, 'Start Time', 'must be before End Time', i);
	const range: { start?: number; end?: number } = {};
	if (start) range.start = Math.floor(start.ms / 1000);
	if (end) range.end = Math.floor(end.ms / 1000);
	return range;
}

/** `timeRange` with both ends required. */
export function requiredTimeRange(ctx: ParameterReader, i: number): { start: number; end: number } {
	const range = timeRange(ctx, i);
	if (range.start === undefined) throw parameterError(ctx, 'Start Time', 'must not be empty', i);
	if (range.end === undefined) throw parameterError(ctx, 'End Time', 'must not be empty', i);
	return { start: range.start, end: range.end };
}

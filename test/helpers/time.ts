/** Times for test data: spans in milliseconds and ISO timestamps relative to now. */

export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;

/** An ISO timestamp `offsetMs` from now. */
export function isoFromNow(offsetMs = 0): string {
	return new Date(Date.now() + offsetMs).toISOString();
}

import { createHash, randomUUID } from 'crypto';

/**
 * Namespace of this package's name-based (v5) event ids. Fixed forever: changing it would give
 * re-runs new ids, so events that should overwrite would be stored twice.
 */
export const EVENT_ID_NAMESPACE = '78273753-5585-4f0e-a00d-11b24b4a4bfc';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** RFC 4122 §4.3: SHA-1 over namespace bytes + name bytes, then version 5 and the RFC variant. */
export function uuidV5(name: string, namespace: string = EVENT_ID_NAMESPACE): string {
	const hash = createHash('sha1')
		.update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
		.update(Buffer.from(name, 'utf8'))
		.digest();
	const bytes = hash.subarray(0, 16);
	bytes[6] = (bytes[6] & 0x0f) | 0x50;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id for an event whose re-sends must overwrite it: the same key always gives the same id. */
export function eventIdFromKey(deduplicationKey: string): string {
	return uuidV5(deduplicationKey);
}

export function randomEventId(): string {
	return randomUUID();
}

/**
 * The event id, chosen once before the first attempt so that retries overwrite instead of
 * duplicating: an explicit id as given, else the v5 id of the deduplication key, else random v4.
 */
export function chooseEventId(explicit: unknown, deduplicationKey: unknown): unknown {
	if (explicit !== undefined && explicit !== null && explicit !== '') return explicit;
	if (typeof deduplicationKey === 'string' && deduplicationKey !== '') return eventIdFromKey(deduplicationKey);
	if (typeof deduplicationKey === 'number') return eventIdFromKey(String(deduplicationKey));
	return randomEventId();
}

/** Pure pieces of the Roboflow node: event ids, batch warning fan-out, id lists, multipart bodies, time zones. */
import { chooseEventId, EVENT_ID_NAMESPACE, eventIdFromKey, isUuid, uuidV5 } from '../../nodes/Roboflow/eventId';
import { multipartBody } from '../../nodes/Roboflow/imageApi';
import { splitByEvent } from '../../nodes/Roboflow/visionEventApi';
import { parseEventIds } from '../../nodes/Roboflow/resources/visionEvent/delete';
import { inTimeZone } from '../../nodes/common/time';

describe('eventId', () => {
	it('uuidV5 matches RFC 4122 (the DNS namespace example)', () => {
		expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
	});

	it('a deduplication key maps to the same v5 id under the package namespace, forever', () => {
		expect(EVENT_ID_NAMESPACE).toBe('78273753-5585-4f0e-a00d-11b24b4a4bfc');
		expect(eventIdFromKey('alert-42')).toBe('d94f7786-297c-5d60-84e8-6c48f092f8ec');
		expect(eventIdFromKey('alert-42')).toBe(eventIdFromKey('alert-42'));
		expect(eventIdFromKey('alert-43')).not.toBe(eventIdFromKey('alert-42'));
		expect(eventIdFromKey('ünïcode ✓')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('chooses explicit id, then key, then random v4', () => {
		expect(chooseEventId('explicit', 'k')).toBe('explicit');
		expect(chooseEventId('', 'k')).toBe(eventIdFromKey('k'));
		expect(chooseEventId(undefined, 17)).toBe(eventIdFromKey('17'));
		const random = chooseEventId(undefined, '') as string;
		expect(random).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(chooseEventId(null, undefined)).not.toBe(random);
	});

	it('isUuid', () => {
		expect(isUuid('A1B2C3D4-E5F6-7890-ABCD-EF1234567890')).toBe(true);
		expect(isUuid('a1b2c3d4e5f67890abcdef1234567890')).toBe(false);
		expect(isUuid(5)).toBe(false);
	});
});

describe('splitByEvent', () => {
	it('gives each event its own entries with single-create paths', () => {
		const split = splitByEvent(
			[
				{ type: 'any.only', path: 'events.1.eventData.severity' },
				{ type: 'string.max', path: 'events.0.deviceId' },
				{ field: 'events.1.solutionId', replacement: 'useCaseId' },
				{ type: 'object.unknown', path: 'events.7.x' },
				{ type: 'request', path: 'options' },
			],
			2,
		);
		expect(split[0]).toEqual([
			{ type: 'string.max', path: 'deviceId' },
			{ type: 'object.unknown', path: 'events.7.x' },
			{ type: 'request', path: 'options' },
		]);
		expect(split[1]).toEqual([
			{ type: 'any.only', path: 'eventData.severity' },
			{ field: 'solutionId', replacement: 'useCaseId' },
			{ type: 'object.unknown', path: 'events.7.x' },
			{ type: 'request', path: 'options' },
		]);
	});

	it('no entries, no lists', () => {
		expect(splitByEvent(undefined, 3)).toEqual([[], [], []]);
	});
});

describe('parseEventIds', () => {
	it('splits text on commas, semicolons and white space, drops blanks and duplicates', () => {
		expect(parseEventIds(' a, b;c\n d  a ,, ')).toEqual(['a', 'b', 'c', 'd']);
	});

	it('takes a list as is', () => {
		expect(parseEventIds(['x', ' y ', '', 'x'])).toEqual(['x', 'y']);
		expect(parseEventIds(undefined)).toEqual([]);
	});
});

describe('multipartBody', () => {
	it('frames the file first, then the fields, with an escaped filename', () => {
		const data = Buffer.from([0, 255, 13, 10, 45, 45]);
		const { body, contentType } = multipartBody(
			{ data, fileName: 'a "b"\r\n.png', mimeType: 'image/png' },
			{ name: 'dock', metadata: '{"k":1}' },
		);
		const boundary = /boundary=(.+)$/.exec(contentType)?.[1] as string;
		expect(boundary).toMatch(/^----n8nRoboflow[0-9a-f]{32}$/);
		const text = body.toString('latin1');
		expect(text.startsWith(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a \\"b\\" .png"\r\nContent-Type: image/png\r\n\r\n`)).toBe(true);
		expect(body.includes(data)).toBe(true);
		expect(text).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\ndock\r\n`);
		expect(text).toContain(`name="metadata"\r\n\r\n{"k":1}\r\n`);
		expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
	});
});

describe('inTimeZone', () => {
	it.each([
		['2026-01-15T10:30:00', 'America/New_York', '2026-01-15T15:30:00.000Z'],
		['2026-07-15T10:30:00', 'America/New_York', '2026-07-15T14:30:00.000Z'],
		['2026-01-15T10:30', 'Europe/Berlin', '2026-01-15T09:30:00.000Z'],
		['2026-07-15T10:30:00.250', 'Asia/Kolkata', '2026-07-15T05:00:00.250Z'],
		['2026-11-01T01:30:00', 'UTC', '2026-11-01T01:30:00.000Z'],
	])('reads %s in %s', (value, zone, expected) => expect(inTimeZone(value, zone)).toBe(expected));

	it('leaves zoned, date-only, invalid values and unknown zones alone', () => {
		expect(inTimeZone('2026-01-15T10:30:00+02:00', 'America/New_York')).toBe('2026-01-15T10:30:00+02:00');
		expect(inTimeZone('2026-01-15T10:30:00Z', 'America/New_York')).toBe('2026-01-15T10:30:00Z');
		expect(inTimeZone('2026-01-15', 'America/New_York')).toBe('2026-01-15');
		expect(inTimeZone('soon', 'America/New_York')).toBe('soon');
		expect(inTimeZone('2026-01-15T10:30:00', 'Mars/Olympus')).toBe('2026-01-15T10:30:00');
	});
});

/**
 * The benchmark's vision events. `generateEvents` runs twice: inside n8n (its source is pasted
 * into the "Generate" Code node) and here, to know exactly which bodies the sandbox must receive.
 * It must therefore stay plain JavaScript after compilation: no imports, no closures.
 */

export interface BenchEvent {
	eventId: string;
	eventType: string;
	useCaseId: string;
	timestamp: string;
	eventData: { result: string; externalId: string };
	deviceId: string;
	customMetadata: { shift: string; lane: number };
}

/** `count` events; ids are UUIDs made from the run tag (8 hex) and the index. */
export function generateEvents(count: number, tag: string, baseTime: number, useCaseId: string): BenchEvent[] {
	const events: BenchEvent[] = [];
	for (let i = 0; i < count; i++) {
		events.push({
			eventId: `${tag}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
			eventType: 'quality_check',
			useCaseId,
			timestamp: new Date(baseTime + i).toISOString(),
			eventData: { result: i % 10 === 0 ? 'fail' : 'pass', externalId: `part-${i}` },
			deviceId: `line-a-cam-${i % 4}`,
			customMetadata: { shift: 'night', lane: i % 8 },
		});
	}
	return events;
}

/** The Code node's program: reads {count, tag, baseTime, useCaseId} from the webhook body. */
export function generatorCode(): string {
	return [
		'const req = $input.first().json.body;',
		`const generateEvents = ${generateEvents.toString()};`,
		'return generateEvents(req.count, req.tag, req.baseTime, req.useCaseId).map((json) => ({ json }));',
	].join('\n');
}

/** The hand-built batches a user would write for the batch endpoint: 100 events per item. */
export const BATCH_CODE = [
	'const all = $input.all();',
	'const out = [];',
	'for (let i = 0; i < all.length; i += 100) {',
	'  out.push({ json: { events: all.slice(i, i + 100).map((item) => item.json) } });',
	'}',
	'return out;',
].join('\n');

/** Key-order-independent JSON, to compare what was sent with what was expected. */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		return `{${Object.keys(record)
			.filter((k) => record[k] !== undefined)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

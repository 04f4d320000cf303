/**
 * Simulated detections: POST a realistic alert payload to the callback_url
 * of every matching enabled alert, with undici, like VideoDB's at-least-once webhook delivery.
 */
import { request, type Dispatcher } from 'undici';

import { playerUrl, streamManifestUrl } from './seed';
import type { Alert, Delivery, DetectionRequest, DetectionResult, SandboxState } from './types';
import { isObject } from './util';

/** A detection that cannot run; `status` is what the control route answers. */
export class DetectionError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
		this.name = 'DetectionError';
	}
}

export interface DetectionDeps {
	state: SandboxState;
	dispatcher: Dispatcher;
	/** Per-sandbox clock so every payload gets a distinct `timestamp`. */
	clock: { lastMicros: number };
}

const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_KEPT_DELIVERIES = 1000;
/** Offset of the real payloads' start_time/end_time (every observed sample used +05:30). */
const CLIP_OFFSET_MINUTES = 330;

/** Returns the 400 message for a bad DetectionRequest, or null. */
export function detectionProblem(body: unknown): string | null {
	if (!isObject(body)) return 'Detection request must be a JSON object';
	for (const key of ['alert_id', 'stream_id', 'scene_index_id', 'label'] as const) {
		if (body[key] !== undefined && typeof body[key] !== 'string') return `${key} must be a string`;
	}
	const c = body.confidence;
	if (c !== undefined && (typeof c !== 'number' || c < 0 || c > 1)) return 'confidence must be a number between 0 and 1';
	if (body.times !== undefined && body.times !== 1 && body.times !== 2) return 'times must be 1 or 2';
	if (body.timeFormat !== undefined && body.timeFormat !== 'iso' && body.timeFormat !== 'number') {
		return 'timeFormat must be iso or number';
	}
	if (body.playerUrl !== undefined && typeof body.playerUrl !== 'boolean') return 'playerUrl must be a boolean';
	if (body.extra !== undefined && !isObject(body.extra)) return 'extra must be an object';
	return null;
}

/** `2025-05-27T20:28:26.061836+05:30`: microseconds and an explicit offset, as VideoDB sends them. */
function isoMicros(micros: number, offsetMinutes: number): string {
	const shifted = new Date(Math.floor(micros / 1000) + offsetMinutes * 60_000);
	const frac = String(micros % 1_000_000).padStart(6, '0');
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
	return `${shifted.toISOString().slice(0, 19)}.${frac}${zone}`;
}

function buildPayload(deps: DetectionDeps, alert: Alert, opts: DetectionRequest): Record<string, unknown> {
	const { state, clock } = deps;
	clock.lastMicros = Math.max(Date.now() * 1000, clock.lastMicros + 1);
	const now = clock.lastMicros;
	const event = state.events.get(alert.event_id);
	const stream = state.streams.get(alert.stream_id);
	// The clip covers the index window just before the detection (4 s, like observed clips).
	const start = now - 8_000_000;
	const end = now - 4_000_000;
	const streamUrl = streamManifestUrl(alert.stream_id, `${start}-${end}`);
	const streamStart = stream ? Date.parse(`${stream.created_at}Z`) * 1000 : 0;
	const label = opts.label ?? event?.label ?? 'event';
	const payload: Record<string, unknown> = {
		event_id: `event-${alert.event_id}`,
		label,
		confidence: opts.confidence ?? 0.87,
		explanation: `Sandbox detection for "${label}" on ${stream?.name ?? alert.stream_id}: ${event?.event_prompt ?? 'the condition'} was observed in the latest window.`,
		timestamp: isoMicros(now, 0),
		start_time:
			opts.timeFormat === 'number' ? Math.round((start - streamStart) / 1000) / 1000 : isoMicros(start, CLIP_OFFSET_MINUTES),
		end_time: opts.timeFormat === 'number' ? Math.round((end - streamStart) / 1000) / 1000 : isoMicros(end, CLIP_OFFSET_MINUTES),
		stream_url: streamUrl,
	};
	if (opts.playerUrl !== false) payload.player_url = playerUrl(streamUrl);
	return { ...payload, ...(opts.extra ?? {}) };
}

async function deliver(
	deps: DetectionDeps,
	alert: Alert,
	url: string,
	payload: Record<string, unknown>,
	attempt: number,
): Promise<Delivery> {
	const base = { alert_id: alert.alert_id, callback_url: url, attempt, payload };
	try {
		const res = await request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'user-agent': 'videodb-sandbox-alerts/1.0' },
			body: JSON.stringify(payload),
			dispatcher: deps.dispatcher,
			headersTimeout: DELIVERY_TIMEOUT_MS,
			bodyTimeout: DELIVERY_TIMEOUT_MS,
			signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
		});
		const text = await res.body.text();
		let body: unknown = text;
		try {
			body = text === '' ? null : JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { ...base, status: res.statusCode, body };
	} catch (error) {
		return { ...base, status: 0, body: null, error: error instanceof Error ? error.message : String(error) };
	}
}

export async function fireDetections(deps: DetectionDeps, opts: DetectionRequest): Promise<DetectionResult> {
	const problem = detectionProblem(opts);
	if (problem) throw new DetectionError(400, problem);
	const all = opts.alert_id
		? [deps.state.alerts.get(opts.alert_id)].filter((a): a is Alert => a !== undefined)
		: [...deps.state.alerts.values()].filter(
				(a) =>
					(!opts.stream_id || a.stream_id === opts.stream_id) &&
					(!opts.scene_index_id || a.scene_index_id === opts.scene_index_id),
			);
	const alerts = all.filter((a) => a.status === 'enabled' && a.callback_url);
	if (alerts.length === 0) throw new DetectionError(404, 'No enabled alert with a callback_url matches');

	const perAlert = alerts.map(async (alert) => {
		const payload = buildPayload(deps, alert, opts);
		const results: Delivery[] = [];
		// Sequential, so a duplicate (times: 2) arrives after the first copy, as a redelivery would.
		for (let attempt = 1; attempt <= (opts.times ?? 1); attempt++) {
			results.push(await deliver(deps, alert, alert.callback_url as string, payload, attempt));
		}
		return results;
	});
	const deliveries = (await Promise.all(perAlert)).flat();
	const kept = deps.state.deliveries;
	kept.push(...deliveries);
	if (kept.length > MAX_KEPT_DELIVERIES) kept.splice(0, kept.length - MAX_KEPT_DELIVERIES);
	return { deliveries };
}

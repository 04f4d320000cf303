/**
 * VideoDB-style alert deliveries for the queue-mode suite: one POST per detection to a callback
 * URL, some detections delivered again (at-least-once), a repeat going either to the same webhook
 * processor as the first copy or to the other one — what a round-robin load balancer does.
 */
import { Agent, request } from 'undici';

import type { Sandbox } from '../../sandbox';

export interface Detection {
	/** The payload VideoDB would send; `event_id` + `timestamp` identify the detection. */
	payload: Record<string, unknown>;
	/** Where the first copy goes (index into the targets). */
	target: number;
	/** Where the repeat goes, if the detection is delivered twice. */
	repeatTo?: number;
}

export interface DeliveryReport {
	/** Answers by HTTP status ('0' = no answer: connection refused or reset). */
	statuses: Record<string, number>;
	/** Deliveries answered 200 per target. */
	acceptedPerTarget: number[];
	/** Repeats that went to another target than their first copy. */
	crossRepeats: number;
	sameRepeats: number;
	/** First send → last answer. */
	ms: number;
	/** Payloads no copy of which was answered 200 (n8n never acknowledged them). */
	unanswered: Array<Record<string, unknown>>;
}

/** A detection payload shaped like the sandbox's (and VideoDB's) callbacks; unique per `tag` and `n`. */
export function detectionPayload(eventId: string, tag: string, n: number, baseMs: number): Record<string, unknown> {
	const at = baseMs + n * 1000;
	return {
		event_id: `event-${eventId}`,
		label: 'person_on_dock',
		confidence: 0.91,
		explanation: `Queue-mode detection ${tag}-${n}: a person is standing on the loading dock.`,
		timestamp: `${new Date(at).toISOString().slice(0, 19)}.${String(n % 1_000_000).padStart(6, '0')}+00:00`,
		start_time: new Date(at - 8000).toISOString(),
		end_time: new Date(at - 4000).toISOString(),
		stream_url: `https://stream.videodb.io/rts/${tag}-${n}.m3u8`,
		queue_test: tag,
	};
}

/**
 * Vision events stored in the sandbox for the detections of one run, by detection: the example
 * writes the alert's explanation into the event, and detectionPayload() makes it name the detection.
 * One entry per detection that arrived; its value is how many events it became (1 = exactly once).
 */
export function storedByDetection(sandbox: Sandbox, tag: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const e of sandbox.state.visionEvents.values()) {
		const detection = detectionIn((e.eventData as { description?: unknown } | undefined)?.description);
		if (detection?.startsWith(`${tag}-`)) counts.set(detection, (counts.get(detection) ?? 0) + 1);
	}
	return counts;
}

/** The detection (`killed-17`) a text written from detectionPayload()'s explanation names, if any. */
export function detectionIn(text: unknown): string | undefined {
	return /Queue-mode detection (\S+):/.exec(String(text ?? ''))?.[1];
}

/**
 * `count` detections spread round-robin over `targets` targets; every `repeatEvery`-th detection is
 * delivered twice, alternately to the same target and to the next one.
 */
export function plan(eventId: string, tag: string, count: number, targets: number, repeatEvery = 10): Detection[] {
	// Detections of the last hours: Roboflow accepts timestamps from a year ago to tomorrow.
	const baseMs = Math.floor(Date.now() / 1000) * 1000 - 3 * 3600_000;
	return Array.from({ length: count }, (_, n) => {
		const target = n % targets;
		const detection: Detection = { payload: detectionPayload(eventId, tag, n, baseMs), target };
		if (repeatEvery > 0 && n % repeatEvery === 0) {
			const cross = (n / repeatEvery) % 2 === 1;
			detection.repeatTo = cross ? (target + 1) % targets : target;
		}
		return detection;
	});
}

/**
 * Delivers the plan to `urls[target]`, `concurrency` detections at a time; a repeat is sent after the
 * first copy was answered, as a redelivery would be. Never throws for a status or a refused connection.
 */
export async function deliver(plan: Detection[], urls: string[], concurrency: number): Promise<DeliveryReport> {
	const dispatcher = new Agent({ connections: concurrency * 2, keepAliveTimeout: 10_000 });
	const report: DeliveryReport = {
		statuses: {},
		acceptedPerTarget: urls.map(() => 0),
		crossRepeats: plan.filter((d) => d.repeatTo !== undefined && d.repeatTo !== d.target).length,
		sameRepeats: plan.filter((d) => d.repeatTo !== undefined && d.repeatTo === d.target).length,
		ms: 0,
		unanswered: [],
	};
	const post = async (target: number, payload: Record<string, unknown>): Promise<number> => {
		let status = 0;
		try {
			const res = await request(urls[target], {
				method: 'POST',
				dispatcher,
				headers: { 'content-type': 'application/json', 'user-agent': 'videodb-sandbox-alerts/1.0' },
				body: JSON.stringify(payload),
				headersTimeout: 120_000,
				bodyTimeout: 120_000,
			});
			await res.body.text();
			status = res.statusCode;
		} catch {
			status = 0;
		}
		report.statuses[status] = (report.statuses[status] ?? 0) + 1;
		if (status === 200) report.acceptedPerTarget[target]++;
		return status;
	};
	let next = 0;
	const worker = async () => {
		while (next < plan.length) {
			const d = plan[next++];
			let answered = (await post(d.target, d.payload)) === 200;
			if (d.repeatTo !== undefined) answered = (await post(d.repeatTo, d.payload)) === 200 || answered;
			if (!answered) report.unanswered.push(d.payload);
		}
	};
	const t0 = Date.now();
	await Promise.all(Array.from({ length: concurrency }, worker));
	report.ms = Date.now() - t0;
	await dispatcher.close();
	return report;
}

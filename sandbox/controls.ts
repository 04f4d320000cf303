/** Control routes under `/_sandbox` (no auth, JSON, not logged). */
import { DetectionError, detectionProblem } from './detections';
import { faultProblem } from './faults';
import type { ApiResponse, DetectionRequest, Fault, RequestFilter, Sandbox, Service } from './types';
import { isObject } from './util';

const ok = (body: unknown, status = 200): ApiResponse => ({ status, body });
const fail = (status: number, error: string): ApiResponse => ({ status, body: { error } });

/** Control lists are capped so `GET /_sandbox/state` stays small after a benchmark. */
const LIST_CAP = 1000;
const capped = <T>(values: Iterable<T>): T[] => {
	const all = [...values];
	return all.length > LIST_CAP ? all.slice(-LIST_CAP) : all;
};

/** `path=/^\/rtstream/` in the query is read as a RegExp, anything else as an exact path. */
function filterFromQuery(query: Record<string, string>): RequestFilter | string {
	const filter: RequestFilter = {};
	if (query.service) {
		if (!['videodb', 'roboflow', 'inference'].includes(query.service)) return 'service must be videodb, roboflow or inference';
		filter.service = query.service as Service;
	}
	if (query.method) filter.method = query.method;
	if (query.path) {
		const re = /^\/(.*)\/([a-z]*)$/.exec(query.path);
		if (re && query.path.length > 2) {
			try {
				filter.path = new RegExp(re[1], re[2]);
			} catch {
				return 'path is not a valid regular expression';
			}
		} else filter.path = query.path;
	}
	return filter;
}

/** One control request, answered through the same `Sandbox` interface that code starting a sandbox uses. */
export async function handleControl(
	sandbox: Sandbox,
	method: string,
	path: string,
	query: Record<string, string>,
	body: unknown,
): Promise<ApiResponse> {
	const route = `${method} ${path.replace(/\/+$/, '') || '/'}`;
	switch (route) {
		case 'POST /reset':
			sandbox.reset();
			return ok({ ok: true });
		case 'GET /requests': {
			const filter = filterFromQuery(query);
			if (typeof filter === 'string') return fail(400, filter);
			const requests = sandbox.requests(filter);
			return ok({ count: requests.length, requests });
		}
		case 'DELETE /requests':
			sandbox.clearRequests();
			return ok({ ok: true });
		case 'GET /state':
			return ok(stateSummary(sandbox));
		case 'GET /faults':
			return ok({ faults: sandbox.listFaults() });
		case 'POST /faults': {
			const faults = Array.isArray(body) ? body : [body];
			for (const f of faults) {
				const problem = faultProblem(f);
				if (problem) return fail(400, problem);
			}
			for (const f of faults) sandbox.addFault(f as Fault);
			return ok({ faults: sandbox.listFaults() }, 201);
		}
		case 'DELETE /faults':
			sandbox.clearFaults();
			return ok({ ok: true });
		case 'GET /config':
			return ok({ latencyMs: sandbox.latencyMs });
		case 'POST /config': {
			if (!isObject(body) || typeof body.latencyMs !== 'number' || body.latencyMs < 0) {
				return fail(400, 'latencyMs must be a number >= 0');
			}
			sandbox.setLatency(body.latencyMs);
			return ok({ latencyMs: sandbox.latencyMs });
		}
		case 'GET /clock':
			return ok({ now: sandbox.now(), offsetMs: sandbox.state.clock.offsetMs });
		case 'POST /clock': {
			if (!isObject(body) || typeof body.advanceSeconds !== 'number' || body.advanceSeconds < 0) {
				return fail(400, 'advanceSeconds must be a number >= 0');
			}
			return ok({ now: sandbox.advanceClock(body.advanceSeconds), offsetMs: sandbox.state.clock.offsetMs });
		}
		case 'POST /account': {
			if (!isObject(body) || !Number.isInteger(body.credits) || (body.credits as number) < 0) {
				return fail(400, 'credits must be an integer >= 0');
			}
			sandbox.state.account.credits = body.credits as number;
			return ok({ credits: sandbox.state.account.credits });
		}
		case 'POST /detections': {
			const problem = detectionProblem(body);
			if (problem) return fail(400, problem);
			return runDetection(sandbox, body as DetectionRequest);
		}
		default:
			return fail(404, `Unknown control route: ${route}`);
	}
}

async function runDetection(sandbox: Sandbox, request: DetectionRequest): Promise<ApiResponse> {
	try {
		return ok(await sandbox.detect(request));
	} catch (error) {
		if (error instanceof DetectionError) return fail(error.status, error.message);
		return fail(500, error instanceof Error ? error.message : String(error));
	}
}

function stateSummary(sandbox: Sandbox) {
	const s = sandbox.state;
	return {
		counts: {
			events: s.events.size,
			streams: s.streams.size,
			sceneIndexes: s.sceneIndexes.size,
			alerts: s.alerts.size,
			sceneRecords: [...s.sceneRecords.values()].reduce((sum, entry) => sum + entry.records.length, 0),
			videos: s.videos.size,
			useCases: s.useCases.size,
			visionEvents: s.visionEvents.size,
			images: s.images.size,
			deliveries: s.deliveries.length,
			requests: sandbox.requests().length,
			faults: sandbox.listFaults().length,
		},
		latencyMs: sandbox.latencyMs,
		now: sandbox.now(),
		credits: s.account.credits,
		events: [...s.events.values()],
		streams: [...s.streams.values()],
		sceneIndexes: [...s.sceneIndexes.values()],
		alerts: [...s.alerts.values()],
		videos: capped(s.videos.values()),
		useCases: [...s.useCases.values()],
		visionEvents: capped(s.visionEvents.values()),
		images: capped(s.images.values()).map((i) => ({
			sourceId: i.sourceId,
			name: i.name,
			filename: i.filename,
			contentType: i.contentType,
			size: i.size,
			metadata: i.metadata,
			createdAt: i.createdAt,
		})),
		deliveries: capped(s.deliveries),
	};
}

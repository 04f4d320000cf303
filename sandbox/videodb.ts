/**
 * Fake VideoDB API: `{success,data}` envelope, `x-access-token` auth, RTStream events and alerts
 * here; streams (videodbStreams.ts) and scene indexes with their records (videodbScenes.ts) routed
 * from here.
 */
import { pollLongJob } from './longJobs';
import { tick } from './sceneRecords';
import { SEED } from './seed';
import type { Alert, ApiRequest, ApiResponse, SceneIndex, Stream } from './types';
import { hexId, isNonEmptyString, isObject, segments, type ServiceContext } from './util';
import { done, invalid, methodNotAllowed, notFound, ok, videoDbError } from './videodbReply';
import {
	createSceneIndex,
	listSceneIndexes,
	publicSceneIndex,
	sceneRecords,
	searchStream,
	setSceneIndexStatus,
	updatePrompt,
} from './videodbScenes';
import { createStream, exportStream, listStreams, playbackUrl, setStreamStatus, updateStream } from './videodbStreams';

export { ok, videoDbError };

export function handleVideoDb(ctx: ServiceContext, req: ApiRequest): ApiResponse {
	const key = req.headers['x-access-token'];
	// An account can hold several keys; all of them see the same data.
	if (key !== ctx.keys.videodb && key !== ctx.keys.videodbSecond) {
		return videoDbError(401, 'Invalid API key', 'UNAUTHORIZED');
	}
	if (req.badJson) return invalid('Invalid JSON body');
	// Records are brought up to the clock before the request sees them, and producers follow
	// whatever the request started or stopped.
	tick(ctx.state);
	const response = route(ctx, req);
	tick(ctx.state);
	return response;
}

function route(ctx: ServiceContext, req: ApiRequest): ApiResponse {
	const seg = segments(req.path);
	const m = req.method;
	if (seg.length === 1 && seg[0] === 'user') return m === 'GET' ? getUser() : methodNotAllowed();
	if (seg.length === 2 && seg[0] === 'async-response') return m === 'GET' ? pollLongJob(ctx.state, seg[1]) : methodNotAllowed();
	if (seg.length === 2 && seg[0] === 'collection') return m === 'GET' ? getCollection(seg[1]) : methodNotAllowed();
	if (seg[0] !== 'rtstream') return notFound('Not found');

	if (seg.length === 1) {
		if (m === 'GET') return listStreams(ctx, req);
		return m === 'POST' ? createStream(ctx, req.body) : methodNotAllowed();
	}
	if (seg.length === 2 && seg[1] === 'event') {
		if (m === 'GET') return ok({ events: [...ctx.state.events.values()] });
		return m === 'POST' ? createEvent(ctx, req.body) : methodNotAllowed();
	}

	const stream = ctx.state.streams.get(seg[1]);
	if (seg.length === 2) {
		if (m !== 'GET' && m !== 'PATCH') return methodNotAllowed();
		if (!stream) return notFound('Stream not found');
		return m === 'GET' ? ok(stream) : updateStream(stream, req.body);
	}
	if (seg.length === 3 && ['status', 'stream', 'export', 'search'].includes(seg[2])) {
		if (!stream) return notFound('Stream not found');
		return streamAction(ctx, stream, seg[2], req);
	}
	if (seg[2] !== 'index' || seg.length < 4) return notFound('Not found');
	if (!stream) return notFound('Stream not found');

	if (seg[3] === 'scene') return sceneRoute(ctx, stream, seg.slice(4), req);
	const index = ctx.state.sceneIndexes.get(seg[3]);
	const onStream = index && index.stream_id === stream.id ? index : undefined;
	if (seg.length === 4) {
		if (m !== 'GET') return methodNotAllowed();
		return onStream ? ok(publicSceneIndex(onStream)) : notFound('Scene index not found');
	}
	if (seg[4] !== 'alert') return notFound('Not found');
	if (!onStream) return notFound('Scene index not found');

	if (seg.length === 5) {
		if (m === 'GET') return listAlerts(ctx, stream, onStream);
		return m === 'POST' ? createAlert(ctx, stream, onStream, req.body) : methodNotAllowed();
	}
	if (seg.length === 7 && seg[6] === 'status') {
		return m === 'PATCH' ? setAlertStatus(ctx, stream, onStream, seg[5], req.body) : methodNotAllowed();
	}
	return notFound('Not found');
}

/** `/rtstream/{id}/status|stream|export|search`. */
function streamAction(ctx: ServiceContext, stream: Stream, action: string, req: ApiRequest): ApiResponse {
	const wanted = { status: 'PATCH', stream: 'GET', export: 'POST', search: 'POST' }[action];
	if (req.method !== wanted) return methodNotAllowed();
	if (action === 'status') return setStreamStatus(stream, req.body);
	if (action === 'stream') return playbackUrl(ctx, stream, req);
	if (action === 'export') return exportStream(ctx, stream, req.body);
	return searchStream(ctx, stream, req.body);
}

/** `/rtstream/{id}/index/scene[/{index}[/status]]`; `rest` is what follows `scene`. */
function sceneRoute(ctx: ServiceContext, stream: Stream, rest: string[], req: ApiRequest): ApiResponse {
	const m = req.method;
	if (rest.length === 0) {
		if (m === 'GET') return listSceneIndexes(ctx, stream);
		return m === 'POST' ? createSceneIndex(ctx, stream, req.body) : methodNotAllowed();
	}
	if (rest.length > 2 || (rest.length === 2 && rest[1] !== 'status')) return notFound('Not found');
	const index = ctx.state.sceneIndexes.get(rest[0]);
	if (rest.length === 2) {
		if (m !== 'PATCH') return methodNotAllowed();
	} else if (m !== 'GET' && m !== 'PATCH') return methodNotAllowed();
	if (!index || index.stream_id !== stream.id) return notFound('Scene index not found');
	if (rest.length === 2) return setSceneIndexStatus(index, req.body);
	return m === 'GET' ? sceneRecords(ctx, index, req) : updatePrompt(index, req.body);
}

function getUser(): ApiResponse {
	return ok({
		user_id: SEED.user.id,
		user_name: SEED.user.name,
		user_email: SEED.user.email,
		default_collection: SEED.collectionId,
	});
}

/**
 * `GET /collection/{id}` (spec `Collection`): the official clients' `getCollection()` (id `default`
 * unless given), which is how they reach `connectRTStream`. The account has one collection.
 */
function getCollection(id: string): ApiResponse {
	if (id !== 'default' && id !== SEED.collectionId) return notFound('Collection not found');
	return ok({
		id: SEED.collectionId,
		name: 'Default Collection',
		description: 'Default collection of the sandbox account',
		is_public: false,
		owner: SEED.user.id,
		created_at: '2026-10-01T09:00:00.000000',
	});
}

function createEvent(ctx: ServiceContext, body: unknown): ApiResponse {
	if (!isObject(body)) return invalid('Request body must be a JSON object');
	// The seed documents exactly these two fields; anything else is rejected so clients stay honest.
	for (const key of Object.keys(body)) {
		if (key !== 'event_prompt' && key !== 'label') return invalid(`Unexpected field: ${key}`);
	}
	for (const field of ['event_prompt', 'label'] as const) {
		if (body[field] === undefined || body[field] === null) return invalid(`${field} is required`);
		if (!isNonEmptyString(body[field])) return invalid(`${field} must be a non-empty string`);
	}
	const eventId = hexId(8);
	// Labels are not unique in the real API; duplicates are stored side by side.
	ctx.state.events.set(eventId, {
		event_id: eventId,
		event_prompt: body.event_prompt as string,
		label: body.label as string,
	});
	return ok({ event_id: eventId });
}

function listAlerts(ctx: ServiceContext, stream: Stream, index: SceneIndex): ApiResponse {
	const alerts = [];
	for (const a of ctx.state.alerts.values()) {
		if (a.stream_id !== stream.id || a.scene_index_id !== index.rtstream_index_id) continue;
		const event = ctx.state.events.get(a.event_id);
		alerts.push({
			alert_id: a.alert_id,
			event_id: a.event_id,
			prompt: event?.event_prompt ?? '',
			label: event?.label ?? '',
			callback_url: a.callback_url,
			status: a.status,
		});
	}
	return ok({ alerts });
}

function createAlert(ctx: ServiceContext, stream: Stream, index: SceneIndex, body: unknown): ApiResponse {
	if (!isObject(body)) return invalid('Request body must be a JSON object');
	const { event_id: eventId, callback_url: callbackUrl, ws_connection_id: wsId } = body;
	if (eventId === undefined || eventId === null) return invalid('event_id is required');
	if (!isNonEmptyString(eventId)) return invalid('event_id must be a non-empty string');
	if (!ctx.state.events.has(eventId)) return invalid(`Event not found: ${eventId}`);
	for (const [name, value] of [['callback_url', callbackUrl], ['ws_connection_id', wsId]] as const) {
		if (value !== undefined && value !== null && typeof value !== 'string') {
			return invalid(`${name} must be a string`);
		}
	}
	const hasCallback = isNonEmptyString(callbackUrl);
	if (!hasCallback && !isNonEmptyString(wsId)) {
		return invalid('callback_url or ws_connection_id is required');
	}
	if (hasCallback && !/^https?:\/\/[^\s/]+/i.test(callbackUrl)) {
		return invalid('callback_url must be an http(s) URL');
	}
	const alert: Alert = {
		alert_id: hexId(8),
		event_id: eventId,
		stream_id: stream.id,
		scene_index_id: index.rtstream_index_id,
		callback_url: hasCallback ? callbackUrl : null,
		ws_connection_id: isNonEmptyString(wsId) ? wsId : null,
		status: 'enabled',
		created_at: new Date().toISOString().replace('Z', ''),
	};
	ctx.state.alerts.set(alert.alert_id, alert);
	return ok({ alert_id: alert.alert_id });
}

function setAlertStatus(
	ctx: ServiceContext,
	stream: Stream,
	index: SceneIndex,
	alertId: string,
	body: unknown,
): ApiResponse {
	const alert = ctx.state.alerts.get(alertId);
	if (!alert || alert.stream_id !== stream.id || alert.scene_index_id !== index.rtstream_index_id) {
		return notFound('Alert not found');
	}
	if (!isObject(body)) return invalid('Request body must be a JSON object');
	// The SDKs send {action}, the OpenAPI spec documents {status}; both are accepted.
	let wanted: Alert['status'] | undefined;
	if (body.action !== undefined) {
		if (body.action !== 'enable' && body.action !== 'disable') return invalid('action must be one of enable, disable');
		wanted = body.action === 'enable' ? 'enabled' : 'disabled';
	}
	if (body.status !== undefined) {
		if (body.status !== 'enabled' && body.status !== 'disabled') {
			return invalid('status must be one of enabled, disabled');
		}
		if (wanted && wanted !== body.status) return invalid('action and status disagree');
		wanted = body.status;
	}
	if (!wanted) return invalid('action or status is required');
	alert.status = wanted;
	return done();
}

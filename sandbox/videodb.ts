/**
 * Fake VideoDB API: `{success,data}` envelope, `x-access-token` auth,
 * RTStream events, alerts, streams and scene indexes.
 */
import { SEED } from './seed';
import type { Alert, ApiRequest, ApiResponse, SceneIndex, Stream } from './types';
import { hexId, isNonEmptyString, isObject, segments, type ServiceContext } from './util';

export function ok(data: unknown): ApiResponse {
	return { status: 200, body: { success: true, data } };
}

export function videoDbError(status: number, message: string, errorCode: string): ApiResponse {
	return { status, body: { success: false, message, error_code: errorCode } };
}

const invalid = (message: string) => videoDbError(400, message, 'VALIDATION_ERROR');
const notFound = (message: string) => videoDbError(404, message, 'NOT_FOUND');
const methodNotAllowed = () => videoDbError(405, 'Method not allowed', 'METHOD_NOT_ALLOWED');

export function handleVideoDb(ctx: ServiceContext, req: ApiRequest): ApiResponse {
	const key = req.headers['x-access-token'];
	// An account can hold several keys; all of them see the same data.
	if (key !== ctx.keys.videodb && key !== ctx.keys.videodbSecond) {
		return videoDbError(401, 'Invalid API key', 'UNAUTHORIZED');
	}
	if (req.badJson) return invalid('Invalid JSON body');

	const seg = segments(req.path);
	const m = req.method;
	if (seg.length === 1 && seg[0] === 'user') return m === 'GET' ? getUser() : methodNotAllowed();
	if (seg[0] !== 'rtstream') return notFound('Not found');

	if (seg.length === 1) return m === 'GET' ? listStreams(ctx, req) : methodNotAllowed();
	if (seg.length === 2 && seg[1] === 'event') {
		if (m === 'GET') return ok({ events: [...ctx.state.events.values()] });
		return m === 'POST' ? createEvent(ctx, req.body) : methodNotAllowed();
	}

	const stream = ctx.state.streams.get(seg[1]);
	if (seg.length === 2) {
		if (m !== 'GET') return methodNotAllowed();
		return stream ? ok(stream) : notFound('Stream not found');
	}
	if (seg[2] !== 'index' || seg.length < 4) return notFound('Not found');
	if (!stream) return notFound('Stream not found');

	if (seg.length === 4 && seg[3] === 'scene') {
		if (m !== 'GET') return methodNotAllowed();
		const list = [...ctx.state.sceneIndexes.values()].filter((s) => s.stream_id === stream.id);
		return ok({ scene_indexes: list.map(publicSceneIndex) });
	}
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

function getUser(): ApiResponse {
	return ok({
		user_id: SEED.user.id,
		user_name: SEED.user.name,
		user_email: SEED.user.email,
		default_collection: SEED.collectionId,
	});
}

function publicSceneIndex(s: SceneIndex) {
	return {
		rtstream_index_id: s.rtstream_index_id,
		extraction_type: s.extraction_type,
		extraction_config: s.extraction_config,
		status: s.status,
		prompt: s.prompt,
		name: s.name,
	};
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
	return { status: 200, body: { success: true, message: 'Operation successful' } };
}

function listStreams(ctx: ServiceContext, req: ApiRequest): ApiResponse {
	const q = req.query;
	const limit = q.limit === undefined ? 10 : Number(q.limit);
	const offset = q.offset === undefined ? 0 : Number(q.offset);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return invalid('limit must be an integer between 1 and 1000');
	if (!Number.isInteger(offset) || offset < 0) return invalid('offset must be a non-negative integer');
	if (q.status !== undefined && q.status !== 'connected' && q.status !== 'stopped') {
		return invalid('status must be one of connected, stopped');
	}
	const ordering = q.ordering ?? '-created_at';
	if (ordering !== 'created_at' && ordering !== '-created_at') {
		return invalid('ordering must be one of created_at, -created_at');
	}
	const name = q.name?.toLowerCase();
	let list = [...ctx.state.streams.values()].filter(
		(s) => (!q.status || s.status === q.status) && (!name || s.name.toLowerCase().includes(name)),
	);
	// created_at strings share one format, so string order is time order.
	list = list.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
	if (ordering === '-created_at') list.reverse();

	const pageUrl = (off: number) => {
		const params = new URLSearchParams({ ...q, limit: String(limit), offset: String(off) });
		return `${ctx.videodbUrl}/rtstream?${params.toString()}`;
	};
	return ok({
		results: list.slice(offset, offset + limit),
		count: list.length,
		next: offset + limit < list.length ? pageUrl(offset + limit) : null,
		previous: offset > 0 ? pageUrl(Math.max(0, offset - limit)) : null,
	});
}

/**
 * Fake VideoDB RTStream endpoints (reference/videodb-api.md §2.3): connect, list, get, update,
 * start/stop, playback URL and export.
 */
import { randomUUID } from 'crypto';

import { nowSeconds } from './sceneRecords';
import { playerUrl, SEED, streamManifestUrl } from './seed';
import type { ApiRequest, ApiResponse, Stream } from './types';
import { hexId, isNonEmptyString, isObject, type ServiceContext } from './util';
import {
	done,
	invalid,
	isPositiveInteger,
	ok,
	startStopAction,
	unexpectedField,
	videoDbError,
} from './videodbReply';

const CREATE_FIELDS = ['url', 'name', 'collection_id', 'sample_rate', 'media_types', 'store', 'enable_transcript', 'ws_connection_id'];
const STREAM_URL = /^(rtsps?|rtmps?|https?):\/\/[^\s/]+\S*$/i;
const MEDIA_TYPES = ['video', 'audio'];

/** `rts-` and a UUID v7-like id (time first, so ids sort by creation like the real ones). */
function streamId(): string {
	const time = Date.now().toString(16).padStart(12, '0');
	const rest = randomUUID().replace(/-/g, '').slice(12);
	const hex = time + rest;
	return `rts-${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function createdAt(): string {
	// Microseconds and no timezone, as the real created_at.
	return new Date().toISOString().replace('Z', '000');
}

export function createStream(ctx: ServiceContext, body: unknown): ApiResponse {
	if (!isObject(body)) return invalid('Request body must be a JSON object');
	const extra = unexpectedField(body, CREATE_FIELDS);
	if (extra) return extra;
	const { url, name, collection_id: collection, sample_rate: sampleRate, media_types: mediaTypes } = body;
	if (url === undefined || url === null) return invalid('url is required');
	if (typeof url !== 'string' || !STREAM_URL.test(url.trim())) {
		return invalid('url must be an RTSP, RTMP, HLS (http/https) or YouTube URL');
	}
	if (name !== undefined && name !== null && typeof name !== 'string') return invalid('name must be a string');
	if (collection !== undefined && collection !== 'default' && collection !== SEED.collectionId) {
		return invalid(`Collection not found: ${String(collection)}`);
	}
	if (sampleRate !== undefined && !isPositiveInteger(sampleRate)) return invalid('sample_rate must be a positive integer');
	if (
		mediaTypes !== undefined &&
		(!Array.isArray(mediaTypes) || mediaTypes.length === 0 || mediaTypes.some((t) => !MEDIA_TYPES.includes(t as string)))
	) {
		return invalid('media_types must be a non-empty list of video, audio');
	}
	for (const flag of ['store', 'enable_transcript'] as const) {
		if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return invalid(`${flag} must be a boolean`);
	}
	if (body.ws_connection_id !== undefined && typeof body.ws_connection_id !== 'string') {
		return invalid('ws_connection_id must be a string');
	}
	// Validation first: a rejected request costs nothing.
	if (ctx.state.account.credits <= 0) {
		return videoDbError(402, 'Insufficient credits to connect a stream', 'INSUFFICIENT_CREDITS');
	}
	ctx.state.account.credits -= 1;
	const id = streamId();
	const streamUrl = streamManifestUrl(id);
	const stream: Stream = {
		id,
		name: isNonEmptyString(name) ? name.trim() : 'RTStream',
		status: 'connected',
		sample_rate: (sampleRate as number | undefined) ?? 30,
		media_types: (mediaTypes as string[] | undefined) ?? ['video', 'audio'],
		collection_id: SEED.collectionId,
		store: (body.store as boolean | undefined) ?? false,
		created_at: createdAt(),
		stream_url: streamUrl,
		player_url: playerUrl(streamUrl),
	};
	ctx.state.streams.set(id, stream);
	return ok(stream, 201);
}

export function updateStream(stream: Stream, body: unknown): ApiResponse {
	if (!isObject(body)) return invalid('Request body must be a JSON object');
	const extra = unexpectedField(body, ['name', 'sample_rate']);
	if (extra) return extra;
	if (body.name === undefined && body.sample_rate === undefined) return invalid('name or sample_rate is required');
	if (body.name !== undefined && !isNonEmptyString(body.name)) return invalid('name must be a non-empty string');
	if (body.sample_rate !== undefined && !isPositiveInteger(body.sample_rate)) {
		return invalid('sample_rate must be a positive integer');
	}
	if (body.name !== undefined) stream.name = (body.name as string).trim();
	if (body.sample_rate !== undefined) stream.sample_rate = body.sample_rate as number;
	return ok(stream);
}

export function setStreamStatus(stream: Stream, body: unknown): ApiResponse {
	const action = startStopAction(body);
	if (typeof action !== 'string') return action;
	stream.status = action === 'start' ? 'connected' : 'stopped';
	return done();
}

/** `start` and `end` as unix seconds (whole or fractional), `start` before `end`. */
function timeRange(query: Record<string, string>): { start: number; end: number } | ApiResponse {
	const bounds: number[] = [];
	for (const name of ['start', 'end']) {
		const raw = query[name];
		if (raw === undefined || raw === '') return invalid(`${name} is required`);
		const value = Number(raw);
		if (!Number.isFinite(value) || value < 0) return invalid(`${name} must be a unix timestamp in seconds`);
		bounds.push(Math.floor(value));
	}
	const [start, end] = bounds;
	if (start >= end) return invalid('start must be before end');
	return { start, end };
}

export function playbackUrl(ctx: ServiceContext, stream: Stream, req: ApiRequest): ApiResponse {
	const range = timeRange(req.query);
	if ('status' in range) return range;
	if (range.start > nowSeconds(ctx.state)) return invalid('start must not be in the future');
	const streamUrl = streamManifestUrl(stream.id, `${range.start}-${range.end}`);
	return ok({ stream_url: streamUrl, player_url: playerUrl(streamUrl) });
}

/**
 * Export as both official clients document it (videodb-python `RTStream.export`, npm `videodb`
 * `RTStream.export`): the latest completed recording of a stopped stream becomes a video named
 * "{stream name} - Recording" unless named; exporting again returns the same video.
 */
export function exportStream(ctx: ServiceContext, stream: Stream, body: unknown): ApiResponse {
	const fields = body === undefined ? {} : body;
	if (!isObject(fields)) return invalid('Request body must be a JSON object');
	const extra = unexpectedField(fields, ['name']);
	if (extra) return extra;
	if (fields.name !== undefined && fields.name !== null && !isNonEmptyString(fields.name)) {
		return invalid('name must be a non-empty string');
	}
	if (stream.status !== 'stopped') return invalid('No completed recording: stop the stream before exporting');
	const recording = ctx.state.recordings.get(stream.id);
	if (!recording || recording.seconds <= 0) return invalid('No recordings available');
	const done = recording.exportedVideoId === undefined ? undefined : ctx.state.videos.get(recording.exportedVideoId);
	if (done) return ok({ video_id: done.video_id, name: done.name, stream_url: done.stream_url, player_url: done.player_url, duration: done.duration });
	const videoId = `m-${hexId(8)}`;
	const streamUrl = `https://stream.videodb.io/v3/published/manifests/${videoId}.m3u8`;
	const data = {
		video_id: videoId,
		name: isNonEmptyString(fields.name) ? fields.name.trim() : `${stream.name} - Recording`,
		stream_url: streamUrl,
		player_url: playerUrl(streamUrl),
		duration: recording.seconds,
	};
	ctx.state.videos.set(videoId, { ...data, stream_id: stream.id });
	recording.exportedVideoId = videoId;
	return ok(data);
}

export function listStreams(ctx: ServiceContext, req: ApiRequest): ApiResponse {
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

/**
 * Fake VideoDB v1 scene-index endpoints (reference/videodb-api.md §2.4): create, list, get,
 * records, prompt update, start/stop and search. Records come from the sandbox clock
 * (sceneRecords.ts).
 */
import type { ApiRequest, ApiResponse, SceneIndex, SceneRecord, Stream } from './types';
import { hexId, isNonEmptyString, isObject, type ServiceContext } from './util';
import { done, invalid, isPositiveInteger, notFound, ok, startStopAction, unexpectedField } from './videodbReply';

// `auto_start_transcript` is not in the spec's body (whose schema does not forbid other fields),
// but VideoDB's Node client (0.2.0 `indexAudio`) sends it with every audio index, so the sandbox
// takes it: a boolean, otherwise ignored.
const CREATE_FIELDS = [
	'extraction_type',
	'extraction_config',
	'prompt',
	'model_name',
	'model_config',
	'name',
	'ws_connection_id',
	'auto_start_transcript',
];
const SEARCH_FIELDS = [
	'query',
	'scene_index_id',
	'result_threshold',
	'score_threshold',
	'dynamic_score_percentage',
	'stitch',
	'filter',
	'rerank',
	'rerank_params',
];
const SEGMENTERS = ['word', 'sentence', 'time'];
const MAX_PAGE_SIZE = 1000;

export function publicSceneIndex(s: SceneIndex) {
	return {
		rtstream_index_id: s.rtstream_index_id,
		extraction_type: s.extraction_type,
		extraction_config: s.extraction_config,
		status: s.status,
		prompt: s.prompt,
		name: s.name,
	};
}

/** `extraction_config` for the type, with values as strings the way the real API echoes them. */
function extractionConfig(type: string, config: unknown): Record<string, string> | ApiResponse {
	if (config === undefined || config === null) {
		return type === 'time' ? { time: '5', frame_count: '2' } : { segmenter: 'sentence', segmentation_value: '2' };
	}
	if (!isObject(config)) return invalid('extraction_config must be an object');
	if (type === 'time') {
		const extra = unexpectedField(config, ['time', 'frame_count']);
		if (extra) return invalid(`extraction_config: ${(extra.body as { message: string }).message}`);
		for (const key of ['time', 'frame_count']) {
			if (config[key] !== undefined && !isPositiveInteger(config[key])) {
				return invalid(`extraction_config.${key} must be a positive integer`);
			}
		}
		return { time: String(config.time ?? 5), frame_count: String(config.frame_count ?? 2) };
	}
	const extra = unexpectedField(config, ['segmenter', 'segmentation_value']);
	if (extra) return invalid(`extraction_config: ${(extra.body as { message: string }).message}`);
	if (config.segmenter !== undefined && !SEGMENTERS.includes(config.segmenter as string)) {
		return invalid('extraction_config.segmenter must be one of word, sentence, time');
	}
	if (config.segmentation_value !== undefined && !isPositiveInteger(config.segmentation_value)) {
		return invalid('extraction_config.segmentation_value must be a positive integer');
	}
	return { segmenter: String(config.segmenter ?? 'sentence'), segmentation_value: String(config.segmentation_value ?? 2) };
}

export function createSceneIndex(ctx: ServiceContext, stream: Stream, body: unknown): ApiResponse {
	if (!isObject(body)) return invalid('Request body must be a JSON object');
	const extra = unexpectedField(body, CREATE_FIELDS);
	if (extra) return extra;
	// The spec's enum is [time, transcript] (the Python client sends "time"), but VideoDB's own Node
	// client (0.2.0) sends "time_based" from indexVisuals with a batchConfig and from indexScenes by
	// default: without it, that client could make no visual index with a window of its own. The
	// sandbox takes it as that client's spelling of "time" (stored and answered as "time"; what the
	// server echoes is unconfirmed). Anything else, e.g. its "shot_based", stays a 400.
	const type = body.extraction_type === 'time_based' ? 'time' : (body.extraction_type ?? 'time');
	if (type !== 'time' && type !== 'transcript') return invalid('extraction_type must be one of time, transcript');
	const config = extractionConfig(type, body.extraction_config);
	if ('status' in config) return config as ApiResponse;
	for (const key of ['prompt', 'name', 'model_name', 'ws_connection_id']) {
		if (body[key] !== undefined && body[key] !== null && typeof body[key] !== 'string') return invalid(`${key} must be a string`);
	}
	if (body.model_config !== undefined && body.model_config !== null && !isObject(body.model_config)) {
		return invalid('model_config must be an object');
	}
	if (body.auto_start_transcript !== undefined && typeof body.auto_start_transcript !== 'boolean') {
		return invalid('auto_start_transcript must be a boolean');
	}
	if (type === 'transcript' && !stream.media_types.includes('audio')) {
		return invalid('The stream has no audio: connect it with media_types including audio to index its audio');
	}
	const index: SceneIndex = {
		rtstream_index_id: hexId(8),
		stream_id: stream.id,
		extraction_type: type,
		extraction_config: config,
		// Indexing starts right away, as the SDKs' index_visuals / index_audio do.
		status: 'running',
		prompt: isNonEmptyString(body.prompt) ? body.prompt : 'Describe the scene',
		name: isNonEmptyString(body.name) ? body.name : type === 'time' ? 'Visual index' : 'Audio index',
	};
	ctx.state.sceneIndexes.set(index.rtstream_index_id, index);
	// The create answer lists no extraction_config (only Get does).
	return ok({
		rtstream_index_id: index.rtstream_index_id,
		extraction_type: index.extraction_type,
		status: index.status,
		prompt: index.prompt,
		name: index.name,
	});
}

export function listSceneIndexes(ctx: ServiceContext, stream: Stream): ApiResponse {
	const list = [...ctx.state.sceneIndexes.values()].filter((s) => s.stream_id === stream.id);
	return ok({ scene_indexes: list.map(publicSceneIndex) });
}

export function updatePrompt(index: SceneIndex, body: unknown): ApiResponse {
	if (!isObject(body)) return invalid('Request body must be a JSON object');
	const extra = unexpectedField(body, ['prompt']);
	if (extra) return extra;
	if (body.prompt === undefined || body.prompt === null) return invalid('prompt is required');
	if (!isNonEmptyString(body.prompt)) return invalid('prompt must be a non-empty string');
	index.prompt = body.prompt;
	return done();
}

export function setSceneIndexStatus(index: SceneIndex, body: unknown): ApiResponse {
	const action = startStopAction(body);
	if (typeof action !== 'string') return action;
	index.status = action === 'start' ? 'running' : 'stopped';
	return done();
}

function integerParam(raw: string | undefined, name: string, fallback: number, max: number): number | ApiResponse {
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1 || value > max) return invalid(`${name} must be an integer between 1 and ${max}`);
	return value;
}

function secondsParam(raw: string | undefined, name: string): number | undefined | ApiResponse {
	if (raw === undefined || raw === '') return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) return invalid(`${name} must be a unix timestamp in seconds`);
	return value;
}

/**
 * Records overlapping [start, end], oldest first, one page at a time. `next_page` is a boolean, as
 * VideoDB's spec and both official clients have it: whether a page after this one exists.
 */
export function sceneRecords(ctx: ServiceContext, index: SceneIndex, req: ApiRequest): ApiResponse {
	const page = integerParam(req.query.page, 'page', 1, Number.MAX_SAFE_INTEGER);
	if (typeof page !== 'number') return page;
	const pageSize = integerParam(req.query.page_size, 'page_size', 100, MAX_PAGE_SIZE);
	if (typeof pageSize !== 'number') return pageSize;
	const start = secondsParam(req.query.start, 'start');
	if (typeof start === 'object') return start;
	const end = secondsParam(req.query.end, 'end');
	if (typeof end === 'object') return end;
	if (start !== undefined && end !== undefined && start > end) return invalid('start must not be after end');
	const all = ctx.state.sceneRecords.get(index.rtstream_index_id)?.records ?? [];
	const inRange = all.filter((r) => (start === undefined || r.end > start) && (end === undefined || r.start < end));
	const from = (page - 1) * pageSize;
	return ok({
		scene_index_records: inRange.slice(from, from + pageSize),
		next_page: from + pageSize < inRange.length,
	});
}

const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** Share of the query's words found in the record, 0..1. */
function score(queryWords: string[], record: SceneRecord): number {
	const text = new Set(words(record.description));
	const hits = queryWords.filter((w) => text.has(w) || text.has(w.replace(/s$/, ''))).length;
	return Math.round((hits / queryWords.length) * 1000) / 1000;
}

export function searchStream(ctx: ServiceContext, stream: Stream, body: unknown): ApiResponse {
	if (!isObject(body)) return invalid('Request body must be a JSON object');
	const extra = unexpectedField(body, SEARCH_FIELDS);
	if (extra) return extra;
	for (const key of ['query', 'scene_index_id']) {
		if (body[key] === undefined || body[key] === null) return invalid(`${key} is required`);
		if (!isNonEmptyString(body[key])) return invalid(`${key} must be a non-empty string`);
	}
	const index = ctx.state.sceneIndexes.get(body.scene_index_id as string);
	if (!index || index.stream_id !== stream.id) return notFound('Scene index not found');
	const limit = body.result_threshold ?? 5;
	if (!isPositiveInteger(limit)) return invalid('result_threshold must be a positive integer');
	const threshold = body.score_threshold ?? 0.2;
	if (typeof threshold !== 'number' || threshold < 0 || threshold > 1) return invalid('score_threshold must be a number between 0 and 1');
	const queryWords = words(body.query as string);
	if (queryWords.length === 0) return invalid('query must contain words');
	const records = ctx.state.sceneRecords.get(index.rtstream_index_id)?.records ?? [];
	const results = records
		.map((record) => ({ record, score: score(queryWords, record) }))
		.filter((hit) => hit.score > 0 && hit.score >= threshold)
		// Best first; among equals the most recent.
		.sort((a, b) => b.score - a.score || b.record.start - a.record.start)
		.slice(0, limit)
		.map(({ record, score: s }) => ({
			start: record.start,
			end: record.end,
			text: record.description,
			score: s,
			scene_index_id: index.rtstream_index_id,
		}));
	return ok({ results });
}

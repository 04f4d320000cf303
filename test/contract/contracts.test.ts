/**
 * The contract validators themselves: they pass what the vendors' clients send and read, and catch
 * each kind of difference they exist for (so a workflow suite that stays green means something).
 */
import type { Exchange } from './openapi';
import { inferenceSpec, roboflowSpec } from './roboflow-spec';
import { EXTENSIONS, videoDbSpec } from './videodb-spec';

const ok = { success: true };
const records = (nextPage: unknown) => ({ ...ok, data: { scene_index_records: [{ start: 1, end: 6, description: 'a forklift' }], next_page: nextPage } });
const vdb = (exchange: Partial<Exchange> & Pick<Exchange, 'method' | 'path'>): string[] =>
	videoDbSpec().check({ query: {}, status: 200, ...exchange });
const rf = (exchange: Partial<Exchange> & Pick<Exchange, 'method' | 'path'>): string[] =>
	roboflowSpec().check({ query: {}, status: 200, ...exchange });

describe("VideoDB's spec", () => {
	test('Get Records as the clients page it passes; page=true and a numeric next_page do not', () => {
		const path = '/rtstream/rts-1/index/scene/a3f1';
		expect(vdb({ method: 'GET', path, query: { page: '2', page_size: '100' }, answer: records(false) })).toEqual([]);
		expect(vdb({ method: 'GET', path, query: { page: 'true' } })).toEqual([expect.stringContaining('request /query/page must be integer')]);
		expect(vdb({ method: 'GET', path, answer: records(2) })).toEqual([expect.stringContaining('answer /data/next_page must be boolean')]);
	});

	test('a call the spec does not know, an unknown query parameter and an undocumented body field fail', () => {
		expect(vdb({ method: 'DELETE', path: '/rtstream/event' })).toEqual([expect.stringContaining("no such call in VideoDB's spec")]);
		expect(vdb({ method: 'GET', path: '/rtstream', query: { collection_id: 'default' } })).toEqual([expect.stringContaining('additional properties')]);
		expect(vdb({ method: 'POST', path: '/rtstream/event', body: { event_prompt: 'p', label: 'l', eventPrompt: 'p' } })).toEqual([
			expect.stringContaining('must NOT have additional properties'),
		]);
	});

	test('trailing slashes: /rtstream and /rtstream/ are one call (the spec writes some paths with one, the clients none)', () => {
		expect(videoDbSpec().operationOf({ method: 'GET', path: '/rtstream' })).toBe('GET /rtstream');
		expect(videoDbSpec().operationOf({ method: 'PATCH', path: '/rtstream/rts-1/status/' })).toBe('PATCH /rtstream/{stream_id}/status');
	});

	test("the clients' extra fields are accepted only where listed, each with its source", () => {
		const status = '/rtstream/rts-1/index/i1/alert/a1/status';
		expect(vdb({ method: 'PATCH', path: status, body: { action: 'disable', status: 'disabled' } })).toEqual([]);
		expect(vdb({ method: 'PATCH', path: status, body: { action: 'pause', status: 'disabled' } })).toEqual([expect.stringContaining('must be equal to one of the allowed values')]);
		expect(vdb({ method: 'POST', path: '/rtstream/rts-1/index/scene', body: { extraction_type: 'transcript', extraction_config: { segmenter: 'word', segmentation_value: 10 } } })).toEqual([]);
		for (const extension of EXTENSIONS) expect(extension.source).toMatch(/videodb-python .*npm videodb/);
	});

	test('answers: a status the spec does not declare, a long-job answer, an error answer', () => {
		expect(vdb({ method: 'POST', path: '/rtstream', body: { url: 'rtsp://x' }, status: 200, answer: { ...ok, data: { id: 'rts-1' } } })).toEqual([
			expect.stringContaining("answered HTTP 200; VideoDB's spec declares 201, 400, 402"),
		]);
		const job = { ...ok, status: 'processing', request_type: 'sync', data: { id: 'job-1', output_url: 'https://api.videodb.io/async-response/job-1' } };
		expect(vdb({ method: 'POST', path: '/rtstream/rts-1/export', body: {}, answer: job })).toEqual([]);
		expect(vdb({ method: 'POST', path: '/rtstream/rts-1/export', body: {}, answer: { ...job, status: 'processing', data: { output_url: 7 } } })).toEqual([
			expect.stringContaining('long-job answer /data/output_url must be string'),
		]);
		expect(vdb({ method: 'GET', path: '/rtstream/rts-1', status: 503, answer: { success: false, message: 'down', error_code: 'X' } })).toEqual([]);
		expect(vdb({ method: 'GET', path: '/rtstream/rts-1', status: 503, answer: { success: false, message: 3 } })).toEqual([expect.stringContaining('error answer /message must be string')]);
		expect(vdb({ method: 'GET', path: '/rtstream/rts-1', status: 503, answer: 'garbage', faulted: true })).toEqual([]);
	});

	test('created_at without a time zone, as the service sends it, is a date-time; a non-date is not', () => {
		const stream = (createdAt: string) => ({ ...ok, data: { id: 'rts-1', name: 'n', status: 'connected', created_at: createdAt } });
		expect(vdb({ method: 'GET', path: '/rtstream/rts-1', answer: stream('2025-05-27T09:02:27.089279') })).toEqual([]);
		expect(vdb({ method: 'GET', path: '/rtstream/rts-1', answer: stream('yesterday') })).toEqual([expect.stringContaining('must match format "date-time"')]);
	});
});

describe("the Roboflow clients' contract", () => {
	test('query: closed body, nextCursor a string or null', () => {
		const answer = { events: [], nextCursor: null, hasMore: false, lookbackDays: 14 };
		expect(rf({ method: 'POST', path: '/vision-events/query', body: { useCaseId: 'u1', limit: 100 }, answer })).toEqual([]);
		expect(rf({ method: 'POST', path: '/vision-events/query', body: { useCaseId: 'u1', pageSize: 100 } })).toEqual([expect.stringContaining('must NOT have additional properties')]);
		expect(rf({ method: 'POST', path: '/vision-events/query', body: { useCaseId: 'u1' }, answer: { ...answer, nextCursor: 2 } })).toEqual([expect.stringContaining('/nextCursor must be string')]);
	});

	test('create: the answer confirms by created or eventId; statuses as the clients require', () => {
		const create = (answer: unknown, status = 201) => rf({ method: 'POST', path: '/vision-events', body: { eventId: 'e' }, status, answer });
		expect(create({ eventId: 'e', created: true })).toEqual([]);
		expect(create({ eventId: 'e' })).toEqual([]);
		expect(create({})).not.toEqual([]);
		expect(create({ eventId: 'e', created: true }, 200)).toEqual([expect.stringContaining('answered HTTP 200')]);
		expect(create({ message: 'no' }, 400)).toEqual([expect.stringContaining("must have required property 'error'")]);
	});

	test('upload: multipart fields file / name / metadata; the answer must carry a sourceId', () => {
		const upload = (body: unknown, answer: unknown) =>
			rf({ method: 'POST', path: '/vision-events/upload', contentType: 'multipart/form-data', body, status: 201, answer });
		expect(upload({ file: '(file)', name: 'dock.png' }, { sourceId: 'src-1', url: 'u' })).toEqual([]);
		expect(upload({ image: '(file)' }, { sourceId: 'src-1' })).not.toEqual([]);
		expect(upload({ file: '(file)' }, { url: 'u' })).toEqual([expect.stringContaining("must have required property 'sourceId'")]);
	});
});

describe("the inference server's contract", () => {
	const inf = (exchange: Partial<Exchange> & Pick<Exchange, 'method' | 'path'>): string[] =>
		inferenceSpec().check({ query: {}, status: 200, ...exchange });
	const image = { width: 640, height: 480 };
	const box = { x: 10, y: 20, width: 4, height: 6, confidence: 0.9, class: 'person', class_id: 0, detection_id: 'd1' };
	const model = (answer: unknown, extra: Partial<Exchange> = {}) =>
		inf({ method: 'POST', path: '/dock-objects/3', query: { api_key: 'k' }, contentType: 'application/x-www-form-urlencoded', body: 'aGVsbG8=', answer, ...extra });

	test('model answers of every task type pass; a detection without its box, a string class_id and a classifier without top do not', () => {
		expect(model({ image, predictions: [box] })).toEqual([]);
		expect(model({ image, predictions: [{ ...box, points: [{ x: 1, y: 2 }], mask_format: 'polygon' }] })).toEqual([]);
		expect(model({ image, predictions: [{ ...box, keypoints: [{ x: 1, y: 2, confidence: 0.5, class_id: 0, class: 'nose' }] }] })).toEqual([]);
		expect(model({ image, predictions: [{ class: 'ok', class_id: 0, confidence: 0.8 }], top: 'ok', confidence: 0.8 })).toEqual([]);
		expect(model({ image, predictions: { rust: { confidence: 0.9, class_id: 0 } }, predicted_classes: ['rust'] })).toEqual([]);
		expect(model({ image, predictions: [{ ...box, x: undefined }] })).not.toEqual([]);
		expect(model({ image, predictions: [{ ...box, class_id: '0' }] })).not.toEqual([]);
		expect(model({ image, predictions: [{ class: 'ok', class_id: 0, confidence: 0.8 }] })).not.toEqual([]);
		expect(model({ image, predictions: [{ ...box, points: [{ x: 1 }] }] })).not.toEqual([]);
	});

	test('model requests: a base64 body of a declared content type; an unknown query parameter fails', () => {
		expect(model(undefined, { body: 'not base64!' })).toEqual([expect.stringContaining('request body / must match format "byte"')]);
		expect(model(undefined, { contentType: 'image/png' })).toEqual([expect.stringContaining('request content type image/png')]);
		expect(model(undefined, { query: { api_key: 'k', threshold: '0.5' } })).toEqual([expect.stringContaining('additional properties')]);
		expect(model(undefined, { query: { api_key: 'k', image: 'https://example.com/a.jpg' }, body: undefined, contentType: undefined })).toEqual([]);
	});

	test('workflow run: a closed body with open inputs; outputs a list; image width and height may be null; workflow errors', () => {
		const run = (body: unknown, answer?: unknown, status = 200) => inf({ method: 'POST', path: '/ws/workflows/wf', body, answer, status });
		const body = { api_key: 'k', inputs: { image: { type: 'base64', value: 'aGVsbG8=' }, confidence: 0.5 }, use_cache: true };
		expect(run(body, { outputs: [{ predictions: { image: { width: null, height: null }, predictions: [] } }], profiler_trace: null })).toEqual([]);
		expect(run({ ...body, apiKey: 'k' })).toEqual([expect.stringContaining('must NOT have additional properties')]);
		expect(run({ api_key: 'k' })).toEqual([expect.stringContaining("must have required property 'inputs'")]);
		expect(run(body, { outputs: {} })).toEqual([expect.stringContaining('/outputs must be array')]);
		const failure = { message: 'no text', error_type: 'StepExecutionError', context: 'c', inner_error_type: 'ValueError', inner_error_message: 'no text', blocks_errors: [{ block_id: 'ocr', block_type: 't' }] };
		expect(run(body, failure, 500)).toEqual([]);
		expect(run(body, { ...failure, blocks_errors: [{ block_id: 3 }] }, 500)).toEqual([expect.stringContaining('block_id must be string')]);
		expect(run(body, { detail: [{ type: 'missing', loc: ['body', 'inputs'], msg: 'Field required' }] }, 422)).toEqual([]);
		expect(run(body, { status: 401, message: 'Unauthorized api_key' }, 401)).toEqual([]);
	});
});

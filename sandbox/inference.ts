/**
 * Fake Roboflow inference server (the `roboflow/inference` 3bb973b HTTP API as hosted at
 * serverless.roboflow.com), under `/inference`: `POST /{workspace}/workflows/{workflow_id}` and
 * `GET|POST /{project}/{version}`. Auth as the serverless middleware (http_api.py
 * `check_authorization_serverless`), errors as `with_route_exceptions` (error_handlers.py), body
 * validation failures as FastAPI's 422 `{detail}`, which repeats the input it refused.
 */
import { imageSize, modelAnswer, serializedDetections, taskOf, type Size } from './inferenceModels';
import { SEED } from './seed';
import type { ApiRequest, ApiResponse } from './types';
import { isObject, segments, type ServiceContext } from './util';

/** The seeded workflows of `SEED.workspace`. */
export const WORKFLOWS = { detectAndCount: 'detect-and-count', readLabel: 'read-shipping-label' } as const;

const message = (status: number, text: string, extra: Record<string, unknown> = {}): ApiResponse => ({ status, body: { message: text, ...extra } });
const NOT_FOUND = 'Requested Roboflow resource not found. Make sure that workspace, project or model you referred in request exists.';
const imageError = (cause: string) => message(400, `Could not load input image. Cause: ${cause}`);

/** FastAPI's answer to a body its model refuses (pydantic v2 error list, the input repeated). */
const unprocessable = (type: string, loc: string[], msg: string, input: unknown): ApiResponse => ({
	status: 422,
	body: { detail: [{ type, loc, msg, input }] },
});

/** The key as the middleware looks for it: query `api_key`, then Bearer, then a JSON body's `api_key`. */
function keyOf(req: ApiRequest): string | undefined {
	const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
	const json = /application\/json/i.test(req.headers['content-type'] ?? '') && isObject(req.body) ? req.body.api_key : undefined;
	return req.query.api_key ?? bearer ?? (typeof json === 'string' ? json : undefined);
}

export async function handleInference(ctx: ServiceContext, req: ApiRequest): Promise<ApiResponse> {
	const key = keyOf(req);
	if (key !== ctx.keys.roboflow && key !== ctx.keys.roboflowReadOnly) return { status: 401, body: { status: 401, message: 'Unauthorized api_key' } };
	const seg = segments(req.path);
	if (seg.length === 3 && seg[1] === 'workflows' && req.method === 'POST') return await runWorkflow(seg[0], seg[2], req);
	if (seg.length === 2 && (req.method === 'POST' || req.method === 'GET')) return await runModel(`${seg[0]}/${seg[1]}`, req);
	return { status: 404, body: { detail: 'Not Found' } };
}

type Loaded = { size: Size } | { error: ApiResponse };

/** An image from base64 text (a `data:` prefix stripped) or raw bytes, as `load_image_base64` reads it. */
function fromBase64(value: string | Buffer): Loaded {
	const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
	if (Buffer.isBuffer(value) && Buffer.from(text, 'utf8').compare(value) !== 0) {
		return { error: imageError('Invalid base64 input: the image payload contains raw bytes instead of a base64-encoded string. Please base64-encode the image before sending.') };
	}
	const clean = text.replace(/^data:image\/[a-z]+;base64,/i, '').trim();
	if (clean === '') return { error: imageError('Empty image payload.') };
	if (!/^[A-Za-z0-9+/=\s_-]+$/.test(clean)) return { error: imageError('Malformed base64 input image.') };
	return fromBytes(Buffer.from(clean, 'base64'));
}

function fromBytes(data: Buffer): Loaded {
	const size = imageSize(data);
	return size ? { size } : { error: imageError('Could not decode bytes into image.') };
}

/**
 * An image URL, fetched as the server fetches it. The server's defaults also refuse http:// and
 * hosts without a domain name; the sandbox takes them, so tests can serve images from localhost.
 */
async function fromUrl(url: string): Promise<Loaded> {
	if (!/^https?:\/\//i.test(url)) return { error: imageError('Provided image URL is invalid') };
	try {
		const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) });
		if (!answer.ok) return { error: imageError('Data pointed by URL could not be decoded into image.') };
		return fromBytes(Buffer.from(await answer.arrayBuffer()));
	} catch {
		return { error: imageError('Data pointed by URL could not be decoded into image.') };
	}
}

/** A number query parameter as FastAPI reads it, or its 422. */
function queryNumber(req: ApiRequest, name: string, fallback: number): number | ApiResponse {
	const raw = req.query[name];
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(value)) return unprocessable('float_parsing', ['query', name], 'Input should be a valid number, unable to parse string as a number', raw);
	// Values of 1 and above are percentages (http_api.py legacy_infer_from_request).
	return value >= 1 ? value / 100 : value;
}

async function runModel(modelId: string, req: ApiRequest): Promise<ApiResponse> {
	const confidence = queryNumber(req, 'confidence', 0.4);
	if (typeof confidence !== 'number') return confidence;
	const overlap = queryNumber(req, 'overlap', 0.3);
	if (typeof overlap !== 'number') return overlap;
	if (!taskOf(modelId)) return message(404, NOT_FOUND);
	let loaded: Loaded;
	if (req.query.image !== undefined) loaded = await fromUrl(req.query.image);
	else if (!req.headers['content-type']) return message(400, 'Content-Type header not provided with request.');
	else if (req.multipart) {
		const file = req.multipart.files.find((f) => f.field === 'file');
		if (!file) return imageError("Expected image to be send in part named 'file' of multipart/form-data request");
		loaded = fromBytes(file.data);
	} else if (req.rawBody === undefined || req.rawBody.length === 0) return imageError('Empty image payload.');
	else loaded = fromBase64(req.rawBody);
	if ('error' in loaded) return loaded.error;
	// The server never goes below 0.01 (CONFIDENCE_LOWER_BOUND_OOM_PREVENTION).
	return { status: 200, body: modelAnswer(modelId, loaded.size, Math.max(confidence, 0.01)) };
}

/** A workflow image input: `{type?, value}` or a bare string; http(s) values are URLs, anything else base64 (deserializers.py). */
async function workflowImage(value: unknown): Promise<Loaded> {
	const raw = isObject(value) ? value.value : value;
	if (typeof raw !== 'string') return { error: imageError('Image declaration contains not recognised image type.') };
	return /^https?:\/\//i.test(raw) ? await fromUrl(raw) : fromBase64(raw);
}

const runtimeInputError = (text: string): ApiResponse =>
	message(400, text, { error_type: 'RuntimeInputError', context: 'workflow_execution | runtime_input_validation', inner_error_type: null, inner_error_message: 'None' });

async function runWorkflow(workspace: string, workflowId: string, req: ApiRequest): Promise<ApiResponse> {
	if (req.badJson || !isObject(req.body)) return unprocessable('json_invalid', ['body'], 'JSON decode error', req.rawBody?.toString('utf8') ?? null);
	const body = req.body;
	if (!isObject(body.inputs)) {
		return body.inputs === undefined
			? unprocessable('missing', ['body', 'inputs'], 'Field required', body)
			: unprocessable('dict_type', ['body', 'inputs'], 'Input should be a valid dictionary', body.inputs);
	}
	if (body.use_cache !== undefined && typeof body.use_cache !== 'boolean') return unprocessable('bool_type', ['body', 'use_cache'], 'Input should be a valid boolean', body.use_cache);
	const known = Object.values(WORKFLOWS) as string[];
	if (workspace !== SEED.workspace || !known.includes(workflowId)) return message(404, NOT_FOUND);
	// Inputs the workflow does not declare are ignored, as the execution engine assembles only declared ones.
	const image = body.inputs.image;
	if (image === undefined || image === null) {
		return runtimeInputError("Detected runtime parameter `image` defined as `WorkflowImage` (of kind `['image']`), but value is not provided.");
	}
	const confidence = body.inputs.confidence ?? 0.4;
	if (typeof confidence !== 'number' || confidence < 0 || confidence > 1) {
		return runtimeInputError('Value of runtime parameter `confidence` does not match the declared kind `float_zero_to_one`.');
	}
	const images = Array.isArray(image) ? image : [image];
	const sizes: Size[] = [];
	for (const entry of images) {
		const loaded = await workflowImage(entry);
		if ('error' in loaded) return loaded.error;
		sizes.push(loaded.size);
	}
	if (workflowId === WORKFLOWS.readLabel) return readLabelFailure();
	const outputs = sizes.map((size) => {
		const predictions = serializedDetections(size, confidence);
		return { predictions, count: (predictions.predictions as unknown[]).length };
	});
	return { status: 200, body: { outputs, profiler_trace: null, python_blocks_output_streams: null, python_blocks_debug_traces: null } };
}

/** `read-shipping-label` fails in its OCR step: a StepExecutionError (500) naming the block. */
function readLabelFailure(): ApiResponse {
	const details = 'OCR model returned no text for the cropped label';
	return message(500, details, {
		error_type: 'StepExecutionError',
		context: 'workflow_execution | step_execution',
		inner_error_type: 'ValueError',
		inner_error_message: details,
		blocks_errors: [
			{ block_id: 'ocr', block_type: 'roboflow_core/ocr_model@v1', block_details: null, property_name: null, property_details: details, block_traceback: null },
		],
		python_blocks_output_streams: null,
		python_blocks_debug_traces: null,
	});
}

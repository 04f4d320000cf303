/** Shapes shared by the sandbox modules: stored objects, request/response, log, faults. */
import type { Job } from './longJobs';

export interface VideoDbEvent {
	event_id: string;
	event_prompt: string;
	label: string;
}

export interface Stream {
	id: string;
	name: string;
	status: 'connected' | 'stopped';
	sample_rate: number;
	media_types: string[];
	collection_id: string;
	store: boolean;
	created_at: string;
	stream_url: string;
	player_url: string;
}

export interface SceneIndex {
	rtstream_index_id: string;
	stream_id: string;
	extraction_type: string;
	extraction_config: Record<string, string>;
	status: 'running' | 'stopped';
	prompt: string;
	name: string;
}

/** One scene description a running scene index produced for a window of the stream (unix seconds). */
export interface SceneRecord {
	start: number;
	end: number;
	description: string;
}

/** The records of a scene index and, while it produces, the clock second its next window starts. */
export interface SceneRecords {
	records: SceneRecord[];
	nextWindowAt: number | null;
}

/** Seconds a stream has recorded, and since when it records (null while stopped). */
/** What a stream recorded since it was last started; complete once the stream stops. */
export interface Recording {
	seconds: number;
	since: number | null;
	/** The video this (completed) recording was exported to: an export again returns it. */
	exportedVideoId?: string;
}

/** A video exported from a stream's recording. */
export interface ExportedVideo {
	video_id: string;
	stream_id: string;
	name: string;
	stream_url: string;
	player_url: string;
	duration: number;
}

export interface Alert {
	alert_id: string;
	event_id: string;
	stream_id: string;
	scene_index_id: string;
	callback_url: string | null;
	ws_connection_id: string | null;
	status: 'enabled' | 'disabled';
	created_at: string;
}

export interface UseCase {
	id: string;
	name: string;
	status: 'active' | 'inactive';
	workspaceId: string;
	createdAt: string;
	updatedAt: string;
}

/** A vision event as stored and as returned by query. */
export interface VisionEvent {
	eventId: string;
	eventType: string;
	useCaseId: string;
	timestamp: string;
	eventData: Record<string, unknown>;
	deviceId?: string;
	streamId?: string;
	workflowId?: string;
	workflowVersion?: string;
	images?: unknown[];
	displayImagePosition?: number;
	customMetadata?: Record<string, string | number | boolean>;
	comment?: string;
	createdAt: string;
}

export interface StoredImage {
	sourceId: string;
	name: string | null;
	filename: string | null;
	contentType: string;
	size: number;
	metadata: Record<string, unknown> | null;
	data: Buffer;
	createdAt: string;
}

export interface Delivery {
	alert_id: string;
	callback_url: string;
	attempt: number;
	status: number;
	body: unknown;
	error?: string;
	payload?: Record<string, unknown>;
}

export interface SandboxState {
	events: Map<string, VideoDbEvent>;
	streams: Map<string, Stream>;
	sceneIndexes: Map<string, SceneIndex>;
	alerts: Map<string, Alert>;
	/** Scene descriptions by scene index id; they grow while the index runs on a connected stream. */
	sceneRecords: Map<string, SceneRecords>;
	recordings: Map<string, Recording>;
	videos: Map<string, ExportedVideo>;
	/** Connecting a stream costs one credit; at 0 the connect answers 402. */
	account: { credits: number };
	/** The sandbox clock: real time plus this offset, moved forward by tests (`advanceClock`). */
	clock: { offsetMs: number };
	useCases: Map<string, UseCase>;
	visionEvents: Map<string, VisionEvent>;
	images: Map<string, StoredImage>;
	/** Callback deliveries made by detections, oldest first (bounded). */
	deliveries: Delivery[];
	/** VideoDB long jobs by id, polled through `GET /async-response/{id}`. */
	jobs: Map<string, Job>;
}

/** `inference`: Roboflow's inference server, on its own host (the credential's Inference URL). */
export type Service = 'videodb' | 'roboflow' | 'inference';

export interface MultipartFile {
	field: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

export interface Multipart {
	fields: Record<string, string>;
	files: MultipartFile[];
}

/** A parsed API request as a service handler sees it. */
export interface ApiRequest {
	method: string;
	/** Path without the service prefix and without the query, e.g. `/rtstream/event`. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** Parsed JSON, multipart, raw string, or undefined for an empty body. */
	body: unknown;
	/** True when the body claimed to be JSON but did not parse. */
	badJson: boolean;
	/** The body as it arrived; undefined when empty. */
	rawBody?: Buffer;
	multipart?: Multipart;
}

export interface ApiResponse {
	status: number;
	body?: unknown;
	/** Binary answer (served images); takes precedence over `body`. */
	raw?: Buffer;
	headers?: Record<string, string>;
}

export interface LoggedRequest {
	seq: number;
	time: string;
	service: Service | 'control';
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: unknown;
	status: number;
	/** The answer's body, when the sandbox was started with `logAnswers`. */
	answer?: unknown;
	/** The answer was made up by a fault (status, body, successFalse, unconfirmed, patch), not by the API model. */
	faulted?: boolean;
}

export interface RequestFilter {
	service?: Service;
	method?: string;
	path?: string | RegExp;
}

export interface Fault {
	method?: string;
	/** Exact path incl. service prefix (`/videodb/rtstream/event`), or a prefix ending in `*`. */
	path: string;
	times?: number;
	/** Let this many matching requests pass untouched first (e.g. fail the second page of a query). */
	skip?: number;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	retryAfter?: number | string;
	latencyMs?: number;
	/** Destroy the socket without answering. */
	drop?: boolean;
	/** VideoDB: answer 200 `{success:false,message,error_code}`. */
	successFalse?: boolean;
	/** 'after' = process normally (state changes) and then replace the answer. */
	when?: 'before' | 'after';
	/**
	 * Roboflow creates and uploads: process normally (events and images are stored), then take the
	 * confirmation out of a 2xx answer. `empty`: the body becomes `{}`. `dropId`: a batch answer's
	 * `eventIds` loses its last id (`created` one less); a single create's answer loses `created`
	 * and `eventId`, an upload's `sourceId` and `url`; the rest (warnings, `success`) stays.
	 */
	unconfirmed?: 'empty' | 'dropId';
	/** Process normally, then set these top-level fields of a 2xx JSON object answer. */
	patch?: Record<string, unknown>;
	/** VideoDB: process normally, then answer as a long job polled through `output_url` (longJobs.ts). */
	longJob?: LongJob;
}

/** A fault waiting for its requests, as `GET /_sandbox/faults` lists it. */
export interface ActiveFault extends Fault {
	/** How many more matching requests this fault will hit. */
	remaining: number;
	/** How many more matching requests pass untouched before it hits. */
	toSkip: number;
}

/** How a call answered as a VideoDB long job goes on (spec `AsyncResponse`). */
export interface LongJob {
	/** Checks of `output_url` answered `processing` before the result (default 1). */
	polls?: number;
	/** `sync` (default): the client is to poll; `async`: the job goes on without it. */
	requestType?: 'sync' | 'async';
	/** Seconds sent as `Retry-After` with every `processing` answer; none by default. */
	retryAfter?: number;
	/** The job fails with this message instead of giving the call's result. */
	fail?: string;
	/** `data` (default): `{success, status, data}` as the spec says; `response`: `{status, response: {success, data}}`. */
	form?: 'data' | 'response';
}

export interface DetectionRequest {
	alert_id?: string;
	stream_id?: string;
	scene_index_id?: string;
	label?: string;
	confidence?: number;
	/** 2 = at-least-once duplicate delivery of the same payload. */
	times?: 1 | 2;
	timeFormat?: 'iso' | 'number';
	playerUrl?: boolean;
	extra?: Record<string, unknown>;
}

export interface DetectionResult {
	deliveries: Delivery[];
}

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	host?: string;
	/** Added to every API request (not to control routes). */
	latencyMs?: number;
	videodbKey?: string;
	roboflowKey?: string;
	/** Keep each answer's body in the request log (`LoggedRequest.answer`), for contract checks; off for long runs. */
	logAnswers?: boolean;
}

export interface Sandbox {
	url: string;
	videodbUrl: string;
	roboflowUrl: string;
	/** Roboflow's inference server, for a credential's Inference URL. */
	inferenceUrl: string;
	port: number;
	/** Closes the server and all sockets; pending timers cleared. */
	close(): Promise<void>;
	/** State back to seed, log and faults cleared. */
	reset(): void;
	requests(filter?: RequestFilter): LoggedRequest[];
	addFault(f: Fault): void;
	/** The faults still pending, in the order they match. */
	listFaults(): ActiveFault[];
	/** Added to every API request (not to control routes); `reset()` restores the start value. */
	readonly latencyMs: number;
	setLatency(ms: number): void;
	detect(opts: DetectionRequest): Promise<DetectionResult>;
	/** Moves the sandbox clock forward; running scene indexes produce the windows that passed. Returns now (unix s). */
	advanceClock(seconds: number): number;
	/** The sandbox clock, unix seconds. */
	now(): number;
	state: SandboxState;
	/** Empties the request log only. */
	clearRequests(): void;
	/** Removes all pending faults only. */
	clearFaults(): void;
}

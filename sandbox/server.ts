/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tool outside the published package: a local HTTP server (node:http) with latency timers */
/**
 * The HTTP server: routes `/videodb`, `/roboflow` and `/_sandbox`, parses bodies, applies latency
 * and faults, and logs API requests. All state lives on the instance.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';

import { handleControl } from './controls';
import { handleInference } from './inference';
import { fireDetections, type DetectionDeps } from './detections';
import { FaultList, faultResponse, patchedResponse, unconfirmedResponse } from './faults';
import { flatHeaders, parseRequest, readBody, safeJson, send, summarizeMultipart } from './http';
import { startLongJob } from './longJobs';
import { handleRoboflow } from './roboflow';
import { nowSeconds, tick } from './sceneRecords';
import { emptyState, seedState } from './seed';
import type {
	ActiveFault,
	ApiResponse,
	DetectionRequest,
	DetectionResult,
	Fault,
	LoggedRequest,
	RequestFilter,
	Sandbox,
	SandboxState,
	Service,
} from './types';
import { normalizePath, type ServiceContext } from './util';
import { handleVideoDb, videoDbError } from './videodb';

/** The log is trimmed past this size so long benchmarks cannot exhaust memory. */
const MAX_LOG = 100_000;

export interface ServerConfig {
	keys: ServiceContext['keys'];
	latencyMs: number;
	logAnswers?: boolean;
}

export class SandboxServer implements Sandbox {
	url = '';
	videodbUrl = '';
	roboflowUrl = '';
	inferenceUrl = '';
	port = 0;
	readonly state: SandboxState = emptyState();
	latencyMs: number;

	private readonly faults = new FaultList();
	private readonly initialLatencyMs: number;
	private readonly logAnswers: boolean;
	private readonly server: Server;
	private readonly log: LoggedRequest[] = [];
	private seq = 0;
	private readonly timers = new Set<ReturnType<typeof setTimeout>>();
	private readonly dispatcher = new Agent({ keepAliveTimeout: 2_000 });
	private readonly detectionDeps: DetectionDeps;
	private readonly ctx: ServiceContext;

	constructor(config: ServerConfig) {
		this.latencyMs = this.initialLatencyMs = config.latencyMs;
		this.logAnswers = config.logAnswers ?? false;
		this.ctx = { state: this.state, keys: config.keys, videodbUrl: '', roboflowUrl: '' };
		this.detectionDeps = { state: this.state, dispatcher: this.dispatcher, clock: { lastMicros: 0 } };
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((error: unknown) => this.internalError(res, error));
		});
		this.server.keepAliveTimeout = 30_000;
	}

	async listen(port: number, host: string): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = (this.server.address() as AddressInfo).port;
		const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
		this.url = `http://${shown}:${this.port}`;
		this.videodbUrl = this.ctx.videodbUrl = `${this.url}/videodb`;
		this.roboflowUrl = this.ctx.roboflowUrl = `${this.url}/roboflow`;
		this.inferenceUrl = `${this.url}/inference`;
	}

	private closing?: Promise<void>;

	/** Idempotent: a second call returns the first call's promise. */
	close(): Promise<void> {
		this.closing ??= this.shutdown();
		return this.closing;
	}

	private async shutdown(): Promise<void> {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await Promise.all([closed, this.dispatcher.destroy()]);
	}

	reset(): void {
		seedState(this.state);
		this.log.length = 0;
		this.seq = 0;
		this.faults.clear();
		// Latency goes back to what startSandbox() was given, like everything else.
		this.latencyMs = this.initialLatencyMs;
	}

	clearRequests(): void {
		this.log.length = 0;
	}

	clearFaults(): void {
		this.faults.clear();
	}

	requests(filter: RequestFilter = {}): LoggedRequest[] {
		const method = filter.method?.toUpperCase();
		// A copy without g/y flags, so RegExp.test() keeps no state between entries.
		const path =
			typeof filter.path === 'string'
				? normalizePath(filter.path)
				: filter.path && new RegExp(filter.path.source, filter.path.flags.replace(/[gy]/g, ''));
		return this.log.filter(
			(r) =>
				(!filter.service || r.service === filter.service) &&
				(!method || r.method === method) &&
				(path === undefined || (typeof path === 'string' ? normalizePath(r.path) === path : path.test(r.path))),
		);
	}

	addFault(f: Fault): void {
		this.faults.add(f);
	}

	listFaults(): ActiveFault[] {
		return this.faults.list();
	}

	setLatency(ms: number): void {
		this.latencyMs = Math.max(0, ms);
	}

	detect(opts: DetectionRequest): Promise<DetectionResult> {
		return fireDetections(this.detectionDeps, opts);
	}

	advanceClock(seconds: number): number {
		// Windows up to now are produced on the old clock first, then time jumps.
		tick(this.state);
		this.state.clock.offsetMs += Math.max(0, seconds) * 1000;
		tick(this.state);
		return nowSeconds(this.state);
	}

	now(): number {
		return nowSeconds(this.state);
	}

	/** A timer that close() can cancel, so no latency keeps the process alive. */
	private delay(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, ms);
			this.timers.add(t);
		});
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const rawUrl = req.url ?? '/';
		const q = rawUrl.indexOf('?');
		const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
		const query: Record<string, string> = {};
		if (q >= 0) for (const [k, v] of new URLSearchParams(rawUrl.slice(q + 1))) query[k] = v;
		const method = (req.method ?? 'GET').toUpperCase();

		const raw = await readBody(req);
		if (raw === null) return send(res, { status: 413, body: { error: 'Request body too large' } });

		let service: Service | undefined;
		let path = pathname;
		for (const name of ['videodb', 'roboflow', 'inference'] as const) {
			if (pathname === `/${name}` || pathname.startsWith(`/${name}/`)) {
				service = name;
				path = pathname.slice(name.length + 1) || '/';
			}
		}
		if (!service) {
			if (pathname === '/_sandbox' || pathname.startsWith('/_sandbox/')) {
				const body = raw.length === 0 ? undefined : safeJson(raw.toString('utf8'));
				return send(res, await handleControl(this, method, pathname.slice(9) || '/', query, body));
			}
			return send(res, { status: 404, body: { error: 'Not found. Services live under /videodb, /roboflow, /inference and /_sandbox.' } });
		}

		const headers = flatHeaders(req.headers);
		const apiReq = parseRequest(method, path, query, headers, raw);
		const entry: LoggedRequest = {
			seq: ++this.seq,
			time: new Date().toISOString(),
			service,
			method,
			path,
			query,
			headers,
			body: apiReq.multipart ? summarizeMultipart(apiReq.multipart) : apiReq.body,
			status: 0,
		};
		this.record(entry);

		const fault = this.faults.take(method, pathname);
		const latency = this.latencyMs + (fault?.latencyMs ?? 0);
		if (latency > 0) await this.delay(latency);

		if (fault && fault.when !== 'after') {
			if (fault.drop) return void req.socket.destroy();
			const replaced = faultResponse(fault, service);
			if (replaced) return this.answer(res, replaced, entry, true);
		}
		let response: ApiResponse;
		try {
			if (service === 'videodb') response = handleVideoDb(this.ctx, apiReq);
			else if (service === 'roboflow') response = handleRoboflow(this.ctx, apiReq);
			else response = await handleInference(this.ctx, apiReq);
		} catch {
			response =
				service === 'videodb'
					? videoDbError(500, 'Internal server error', 'INTERNAL_ERROR')
					: service === 'roboflow'
						? { status: 500, body: { error: 'Internal server error' } }
						: { status: 500, body: { message: 'Internal error.' } };
		}
		let faulted = false;
		if (fault) {
			if (fault.drop) return void req.socket.destroy();
			const replaced = faultResponse(fault, service);
			if (replaced) response = replaced;
			else response = { ...response, headers: { ...(response.headers ?? {}), ...(fault.headers ?? {}) } };
			if (fault.unconfirmed) response = unconfirmedResponse(response, fault.unconfirmed);
			if (fault.patch) response = patchedResponse(response, fault.patch);
			// A long job is an answer the API itself gives (spec AsyncResponse), not a made-up one.
			if (fault.longJob && service === 'videodb') response = startLongJob(this.ctx, response, fault.longJob);
			faulted = replaced !== null || fault.unconfirmed !== undefined || fault.patch !== undefined;
		}
		this.answer(res, response, entry, faulted);
	}

	private answer(res: ServerResponse, response: ApiResponse, entry: LoggedRequest, faulted: boolean): void {
		if (faulted) entry.faulted = true;
		if (this.logAnswers) entry.answer = response.body;
		send(res, response, entry);
	}

	private record(entry: LoggedRequest): void {
		this.log.push(entry);
		if (this.log.length > MAX_LOG) this.log.splice(0, MAX_LOG / 10);
	}

	private internalError(res: ServerResponse, error: unknown): void {
		if (res.headersSent) return void res.destroy();
		send(res, { status: 500, body: { error: `Sandbox error: ${error instanceof Error ? error.message : String(error)}` } });
	}
}

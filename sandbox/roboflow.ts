/**
 * Fake Roboflow API (as documented): Bearer auth,
 * `{"error": "..."}` errors, vision events, batch, upload, query, delete and use cases.
 */
import { queryEvents } from './roboflowQuery';
import { buildEvent, checkMetadata, checkRequired, type Deprecation, type Warning } from './roboflowValidation';
import { SEED } from './seed';
import type { ApiRequest, ApiResponse, VisionEvent } from './types';
import { hexId, isObject, roboflowError, segments, type ServiceContext } from './util';

export { roboflowError };

const bad = (message: string) => roboflowError(400, message);
const created = (body: unknown): ApiResponse => ({ status: 201, body });

/** Routes the read-only key may not call (write or manage scope). */
const WRITE_ROUTES = new Set([
	'POST ',
	'POST batch',
	'POST upload',
	'POST delete',
	'POST use-cases',
	'POST use-cases/:id/archive',
	'POST use-cases/:id/unarchive',
]);

const ROOT = { welcome: 'Welcome to the Roboflow API.', docs: 'https://docs.roboflow.com' };

function bearer(req: ApiRequest): string | undefined {
	const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
	return m ? m[1].trim() : undefined;
}

export function handleRoboflow(ctx: ServiceContext, req: ApiRequest): ApiResponse {
	const seg = segments(req.path);
	const m = req.method;
	const key = bearer(req);

	if (seg.length === 0) {
		// A valid key adds `workspace`; a wrong one is a 401, which roboflow-python's check_key reads
		// as an invalid key; without any key the root still answers 200, naming no workspace.
		const rootKey = key ?? req.query.api_key;
		if (rootKey === ctx.keys.roboflow || rootKey === ctx.keys.roboflowReadOnly) {
			return {
				status: 200,
				body: {
					welcome: ROOT.welcome,
					instructions: 'You are successfully authenticated.',
					docs: ROOT.docs,
					workspace: SEED.workspace,
				},
			};
		}
		if (rootKey) return roboflowError(401, 'Unauthorized: invalid or missing API key');
		return {
			status: 200,
			body: {
				welcome: ROOT.welcome,
				instructions:
					'You are not authenticated. Pass your API key as the api_key query parameter or in the body, or send an Authorization: Bearer <api_key> header.',
				docs: ROOT.docs,
			},
		};
	}
	if (seg[0] === '_images' && seg.length === 2 && m === 'GET') return serveImage(ctx, seg[1]);
	if (seg[0] !== 'vision-events') return roboflowError(404, 'Not found');

	const readOnly = key === ctx.keys.roboflowReadOnly;
	if (key !== ctx.keys.roboflow && !readOnly) {
		return roboflowError(401, 'Unauthorized: invalid or missing API key');
	}
	const route = `${m} ${seg.slice(1).map((s, i) => (i === 1 && seg[1] === 'use-cases' ? ':id' : s)).join('/')}`;
	if (readOnly && WRITE_ROUTES.has(route)) return roboflowError(403, 'Insufficient permissions for this resource.');
	if (req.badJson) return bad('Invalid JSON body');

	switch (route) {
		case 'POST ':
			return createOne(ctx, req.body);
		case 'POST batch':
			return createBatch(ctx, req.body);
		case 'POST upload':
			return upload(ctx, req);
		case 'POST query':
			return queryEvents(ctx, req.body);
		case 'POST delete':
			return deleteEvents(ctx, req.body);
		case 'GET use-cases':
			return listUseCases(ctx, req.query.status);
		case 'POST use-cases':
			return createUseCase(ctx, req.body);
		case 'POST use-cases/:id/archive':
		case 'POST use-cases/:id/unarchive':
			return archive(ctx, seg[2], route.endsWith('/archive'));
		default:
			return roboflowError(404, 'Not found');
	}
}

type Prepared =
	| { ok: false; status: number; error: string; field?: string }
	| { ok: true; event: VisionEvent; warnings: Warning[]; deprecations: Deprecation[] };

/** Strict checks plus the use-case lookup; returns the error or what to store. */
function prepare(ctx: ServiceContext, body: unknown, now: number): Prepared {
	const req = checkRequired(body, now);
	if ('error' in req) return { ok: false, status: 400, ...req };
	const useCase = ctx.state.useCases.get(req.useCaseId);
	if (!useCase) return { ok: false, status: 404, error: 'Solution not found', field: 'useCaseId' };
	if (useCase.status !== 'active') return { ok: false, status: 400, error: 'Solution is archived', field: 'useCaseId' };
	const built = buildEvent(body as Record<string, unknown>, req, new Date(now).toISOString());
	return { ok: true, ...built, deprecations: req.deprecations };
}

function createOne(ctx: ServiceContext, body: unknown): ApiResponse {
	const r = prepare(ctx, body, Date.now());
	if (!r.ok) return roboflowError(r.status, r.error);
	// A repeated eventId overwrites (seed: "Duplicate event IDs will overwrite").
	ctx.state.visionEvents.set(r.event.eventId, r.event);
	const out: Record<string, unknown> = { eventId: r.event.eventId, created: true };
	if (r.warnings.length > 0) out.warnings = r.warnings;
	if (r.deprecations.length > 0) out.deprecations = r.deprecations;
	return created(out);
}

function createBatch(ctx: ServiceContext, body: unknown): ApiResponse {
	if (!isObject(body) || !Array.isArray(body.events)) return bad('events must be an array');
	const events = body.events as unknown[];
	if (events.length === 0) return bad('events must contain at least 1 event');
	if (events.length > 100) return bad('events must contain at most 100 events');
	const now = Date.now();
	const toStore: VisionEvent[] = [];
	const warnings: Warning[] = [];
	const deprecations: Deprecation[] = [];
	for (let i = 0; i < events.length; i++) {
		const r = prepare(ctx, events[i], now);
		// The docs leave partial failure open; modelled as reported from production: one failing event
		// rejects the whole batch with 400 naming it as `events.<k>.<field>`, and nothing is stored.
		if (!r.ok) return bad(`events.${i}${r.field ? `.${r.field}` : ''}: ${r.error}`);
		toStore.push(r.event);
		for (const w of r.warnings) warnings.push({ ...w, path: `events.${i}.${w.path}` });
		for (const d of r.deprecations) deprecations.push({ ...d, field: `events.${i}.${d.field}` });
	}
	for (const e of toStore) ctx.state.visionEvents.set(e.eventId, e);
	const out: Record<string, unknown> = { created: toStore.length, eventIds: toStore.map((e) => e.eventId) };
	if (warnings.length > 0) out.warnings = warnings;
	if (deprecations.length > 0) out.deprecations = deprecations;
	return created(out);
}

function upload(ctx: ServiceContext, req: ApiRequest): ApiResponse {
	const form = req.multipart;
	if (!form) return bad('Content-Type must be multipart/form-data');
	const file = form.files.find((f) => f.field === 'file');
	if (!file) return bad('file is required');
	let metadata: Record<string, unknown> | null = null;
	if (form.fields.metadata !== undefined) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(form.fields.metadata);
		} catch {
			return bad('metadata must be a JSON object');
		}
		const warnings: Warning[] = [];
		checkMetadata(warnings, parsed, 'metadata');
		if (warnings.length > 0) return bad(`Invalid metadata: ${warnings[0].path} (${warnings[0].type})`);
		metadata = parsed as Record<string, unknown>;
	}
	const sourceId = `src-${hexId(8)}`;
	ctx.state.images.set(sourceId, {
		sourceId,
		name: form.fields.name ?? null,
		filename: file.filename || null,
		contentType: file.contentType,
		size: file.data.length,
		metadata,
		data: file.data,
		createdAt: new Date().toISOString(),
	});
	return created({ success: true, sourceId, url: `${ctx.roboflowUrl}/_images/${sourceId}` });
}

function serveImage(ctx: ServiceContext, sourceId: string): ApiResponse {
	const image = ctx.state.images.get(sourceId);
	if (!image) return roboflowError(404, 'Image not found');
	return { status: 200, raw: image.data, headers: { 'content-type': image.contentType } };
}

function deleteEvents(ctx: ServiceContext, body: unknown): ApiResponse {
	if (!isObject(body)) return bad('Request body must be a JSON object');
	if (typeof body.useCaseId !== 'string' || body.useCaseId === '') return bad('useCaseId is required');
	const ids = body.eventIds;
	if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) return bad('eventIds must be an array of strings');
	if (ids.length === 0) return bad('eventIds must contain at least 1 id');
	if (ids.length > 1000) return bad('eventIds must contain at most 1000 ids');
	if (!ctx.state.useCases.has(body.useCaseId)) return roboflowError(404, 'Solution not found');
	let deleted = 0;
	const notFound: string[] = [];
	for (const id of ids as string[]) {
		const event = ctx.state.visionEvents.get(id);
		if (event && event.useCaseId === body.useCaseId) {
			ctx.state.visionEvents.delete(id);
			deleted++;
		} else notFound.push(id);
	}
	return { status: 200, body: { deleted, notFound } };
}

function listUseCases(ctx: ServiceContext, status: string | undefined): ApiResponse {
	const wanted = status ?? 'active';
	if (wanted !== 'active' && wanted !== 'inactive') return bad('status must be one of active, inactive');
	const useCases = [...ctx.state.useCases.values()].filter((u) => u.status === wanted).map((u) => ({ ...u }));
	return { status: 200, body: { useCases, lookbackDays: 14 } };
}

function createUseCase(ctx: ServiceContext, body: unknown): ApiResponse {
	if (!isObject(body)) return bad('Request body must be a JSON object');
	if (typeof body.name !== 'string' || body.name.trim() === '') return bad('name is required');
	const name = body.name.trim();
	if (name.length > 256) return bad('name must be at most 256 characters');
	const lower = name.toLowerCase();
	for (const u of ctx.state.useCases.values()) {
		if (u.name.toLowerCase() === lower) return bad('A solution with this name already exists');
	}
	let id = hexId(4);
	while (ctx.state.useCases.has(id)) id = hexId(4);
	const at = new Date().toISOString();
	ctx.state.useCases.set(id, { id, name, status: 'active', workspaceId: SEED.workspace, createdAt: at, updatedAt: at });
	return created({ id, name });
}

function archive(ctx: ServiceContext, id: string, toArchive: boolean): ApiResponse {
	const useCase = ctx.state.useCases.get(id);
	if (!useCase) return roboflowError(404, 'Solution not found');
	if (!toArchive && useCase.status === 'active') return bad('Solution is not archived');
	useCase.status = toArchive ? 'inactive' : 'active';
	useCase.updatedAt = new Date().toISOString();
	return { status: 200, body: { success: true } };
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling outside the published package: reads the spec fixture from disk */
/**
 * VideoDB's own OpenAPI spec (test/fixtures/videodb-openapi.yaml, unchanged) as a validator of
 * HTTP exchanges: the request's method and path template, query parameter names and types, JSON
 * body; the answer's status and body. Built on openapi-backend (routing, parameter coercion) and
 * Ajv (JSON Schema). Used by every workflow suite (test/helpers/sandbox.ts), by the contract suite
 * against the sandbox or, with keys, the real service (test/contract/videodb.contract.test.ts).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { dereferenceSync } from 'dereference-json-schema';
import type { Operation, Request } from 'openapi-backend';
import { OpenAPIRouter, OpenAPIValidator } from 'openapi-backend';
import { join } from 'path';
import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';

/** One request and its answer as they crossed the wire; `path` is below the base URL, without query. */
export interface Exchange {
	method: string;
	path: string;
	query: Record<string, string>;
	body?: unknown;
	status: number;
	/** The answer's body; undefined = not recorded (then only the request is checked). */
	answer?: unknown;
	/** The answer was made up by a sandbox fault, on purpose off the spec: only the request is checked. */
	faulted?: boolean;
}

type Schema = Record<string, unknown>;

/**
 * What the spec leaves out but VideoDB's official clients send, each with the code that sends it.
 * Request bodies are otherwise closed: a field the spec does not name fails the check.
 */
export const EXTENSIONS: Array<{ method: string; path: string; at: string[]; property: string; schema: Schema; source: string }> = [
	{
		method: 'patch',
		path: '/rtstream/{stream_id}/index/{scene_index_id}/alert/{alert_id}/status',
		at: [],
		property: 'action',
		schema: { type: 'string', enum: ['enable', 'disable'] },
		source: 'videodb-python rtstream.py RTStreamSceneIndex.enable_alert/disable_alert; npm videodb dist/core/rtstream.js enableAlert/disableAlert',
	},
	...(['segmenter', 'segmentation_value'] as const).map((property) => ({
		method: 'post',
		path: '/rtstream/{stream_id}/index/scene',
		at: ['extraction_config'],
		property,
		schema: property === 'segmenter' ? { type: 'string', enum: ['word', 'sentence', 'time'] } : { type: 'integer' },
		source: 'videodb-python rtstream.py index_audio (batch_config → extraction_config); npm videodb dist/core/rtstream.js indexAudio',
	})),
];

/**
 * `format: date-time` as the service fills it: `created_at` comes without a time zone
 * (`2025-05-27T09:02:27.089279`, cookbook Intrusion_Detection.ipynb), which RFC 3339 would refuse.
 */
export const LENIENT_FORMATS = { 'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i };

const SPEC_FILE = join(__dirname, '..', 'fixtures', 'videodb-openapi.yaml');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `/rtstream/` and `/rtstream` are one path: the spec writes some with a slash, the clients none. */
const normalizePath = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

function closeObjects(schema: unknown): void {
	if (typeof schema !== 'object' || schema === null) return;
	const s = schema as Schema;
	if (s.type === 'object' && s.properties && s.additionalProperties === undefined) s.additionalProperties = false;
	for (const value of Object.values(s)) closeObjects(value);
}

function requestSchema(operation: Schema): Schema | undefined {
	const content = (operation.requestBody as Schema | undefined)?.content as Record<string, { schema?: Schema }> | undefined;
	return content?.['application/json']?.schema;
}

/** The spec as the validator reads it: slash-less paths, operation ids, extensions, closed request bodies. */
function loadDefinition(): Schema {
	const definition = parse(readFileSync(SPEC_FILE, 'utf8')) as Schema;
	const paths: Record<string, Record<string, Schema>> = {};
	for (const [path, item] of Object.entries(definition.paths as Record<string, Record<string, Schema>>)) {
		const normal = normalizePath(path);
		paths[normal] = item;
		for (const method of METHODS) {
			const operation = item[method];
			if (!operation) continue;
			operation.operationId = `${method.toUpperCase()} ${normal}`;
			const body = requestSchema(operation);
			for (const extension of EXTENSIONS.filter((e) => e.method === method && e.path === normal)) {
				const target = extension.at.reduce<Schema>((s, key) => (s.properties as Record<string, Schema>)[key], body!);
				(target.properties as Record<string, Schema>)[extension.property] = extension.schema;
			}
			closeObjects(body);
		}
	}
	definition.paths = paths;
	return definition;
}

function withFormats(ajv: Ajv): Ajv {
	addFormats(ajv);
	for (const [name, pattern] of Object.entries(LENIENT_FORMATS)) ajv.addFormat(name, pattern);
	return ajv;
}

export interface VideoDbSpec {
	/** The problems of one exchange, each a sentence naming the call; [] when it conforms. */
	check(exchange: Exchange): string[];
	/** The operation id (`GET /rtstream/{stream_id}`) an exchange matches, if any. */
	operationOf(exchange: Pick<Exchange, 'method' | 'path'>): string | undefined;
}

const errorsText = (errors: Array<{ instancePath?: string; message?: string; params?: unknown }> | null | undefined) =>
	(errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`.trim());

function build(): VideoDbSpec {
	// openapi-backend's router and validator over a definition dereferenced here: its own init() loads
	// the document with an async $ref parser that needs ESM dynamic import, which Jest's VM lacks.
	const definition = dereferenceSync(loadDefinition()) as Schema;
	const document = definition as unknown as OpenAPIV3.Document;
	const router = new OpenAPIRouter({ definition: document });
	const api = new OpenAPIValidator({
		definition: document,
		router,
		lazyCompileValidators: true,
		customizeAjv: (ajv) => withFormats(ajv as unknown as Ajv) as never,
	});
	const components = (definition.components as { schemas: Record<string, Schema> }).schemas;
	const ajv = withFormats(new Ajv({ strict: false, allErrors: true }));
	const asyncAnswer = ajv.compile(components.AsyncResponse);
	const errorAnswer = ajv.compile(components.Error);

	const request = (exchange: Pick<Exchange, 'method' | 'path'> & Partial<Exchange>): Request => ({
		method: exchange.method.toLowerCase(),
		path: normalizePath(exchange.path),
		query: exchange.query ?? {},
		body: exchange.body,
		headers: { 'content-type': 'application/json' },
	});

	function answerProblems(operation: Operation<OpenAPIV3.Document>, exchange: Exchange): string[] {
		const answer = exchange.answer;
		const declared = Object.keys(operation.responses ?? {});
		if (exchange.status < 300 && (answer as Schema | undefined)?.status === 'processing') {
			return asyncAnswer(answer) ? [] : errorsText(asyncAnswer.errors).map((e) => `long-job answer ${e}`);
		}
		if (exchange.status < 300 && !declared.includes(String(exchange.status))) {
			return [`answered HTTP ${exchange.status}; the spec declares ${declared.join(', ')}`];
		}
		if (exchange.status >= 400 && !declared.includes(String(exchange.status))) {
			return errorAnswer(answer) ? [] : errorsText(errorAnswer.errors).map((e) => `error answer ${e}`);
		}
		const result = api.validateResponse(answer, operation, exchange.status);
		return result.valid ? [] : errorsText(result.errors).map((e) => `answer ${e}`);
	}

	return {
		operationOf: (exchange) => router.matchOperation(request(exchange))?.operationId,
		check(exchange) {
			const req = request(exchange);
			const name = `${exchange.method.toUpperCase()} ${exchange.path}`;
			const operation = router.matchOperation(req);
			if (!operation) return [`${name}: no such call in VideoDB's spec`];
			const problems: string[] = [];
			const validation = api.validateRequest(req, operation);
			if (!validation.valid) problems.push(...errorsText(validation.errors).map((e) => `request ${e}`));
			if (exchange.answer !== undefined && !exchange.faulted) problems.push(...answerProblems(operation, exchange));
			return problems.map((problem) => `${name} (${operation.operationId}): ${problem}`);
		},
	};
}

let spec: VideoDbSpec | undefined;

/** The validator, built once per test worker. */
export function videoDbSpec(): VideoDbSpec {
	spec ??= build();
	return spec;
}

/**
 * An OpenAPI document as a validator of HTTP exchanges: the request's method and path template,
 * query parameter names and types, JSON body; the answer's status and body. Built on openapi-backend
 * (routing, parameter coercion) and Ajv (JSON Schema). The documents: VideoDB's own spec
 * (videodb-spec.ts), and the contracts written from Roboflow's clients and from its inference server
 * (roboflow-spec.ts).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { dereferenceSync } from 'dereference-json-schema';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test tooling outside the published package: reads the contract documents from disk
import { readFileSync } from 'fs';
import type { Operation, Request } from 'openapi-backend';
import { OpenAPIRouter, OpenAPIValidator } from 'openapi-backend';
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
	/** The request's Content-Type; JSON when absent. A multipart body is given as its fields, files as their names. */
	contentType?: string;
}

export type Schema = Record<string, unknown>;

/** A field a document leaves out but the vendor's own client sends, with the code that sends it. */
export interface Extension {
	method: string;
	path: string;
	/** Property names leading from the request body to the object that gains the field. */
	at: string[];
	property: string;
	schema: Schema;
	source: string;
}

export interface ContractOptions {
	/** Whose document, for messages: `VideoDB's spec`. */
	name: string;
	file: string;
	extensions?: Extension[];
	/** Formats read more leniently than Ajv's, each with the reason where it is declared. */
	formats?: Record<string, RegExp>;
	/** The component schema every error answer has when the operation declares none for its status. */
	errorSchema: string;
	/** The component schema of a long-job answer (`status: "processing"`), if the API has them. */
	asyncSchema?: string;
}

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

/** The document as the validator reads it: slash-less paths, operation ids, extensions, closed request bodies. */
function loadDefinition(options: ContractOptions): Schema {
	const definition = parse(readFileSync(options.file, 'utf8')) as Schema;
	const paths: Record<string, Record<string, Schema>> = {};
	for (const [path, item] of Object.entries(definition.paths as Record<string, Record<string, Schema>>)) {
		const normal = normalizePath(path);
		paths[normal] = item;
		for (const method of METHODS) {
			const operation = item[method];
			if (!operation) continue;
			operation.operationId = `${method.toUpperCase()} ${normal}`;
			const body = requestSchema(operation);
			for (const extension of (options.extensions ?? []).filter((e) => e.method === method && e.path === normal)) {
				const target = extension.at.reduce<Schema>((s, key) => (s.properties as Record<string, Schema>)[key], body!);
				(target.properties as Record<string, Schema>)[extension.property] = extension.schema;
			}
			closeObjects(body);
		}
	}
	definition.paths = paths;
	return definition;
}

function withFormats(ajv: Ajv, formats: Record<string, RegExp> = {}): Ajv {
	addFormats(ajv);
	for (const [name, pattern] of Object.entries(formats)) ajv.addFormat(name, pattern);
	return ajv;
}

export interface Contract {
	/**
	 * The problems of one exchange, each a sentence naming the call; [] when it conforms. With
	 * `requests: false` only the answer is checked (a vendor client's own requests may differ).
	 */
	check(exchange: Exchange, options?: { requests?: boolean }): string[];
	/** The operation id (`GET /rtstream/{stream_id}`) an exchange matches, if any. */
	operationOf(exchange: Pick<Exchange, 'method' | 'path'>): string | undefined;
}

const errorsText = (errors: Array<{ instancePath?: string; message?: string; params?: unknown }> | null | undefined) =>
	(errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`.trim());

/** Builds the validator of one document (synchronously; a few hundred ms for VideoDB's spec). */
export function buildContract(options: ContractOptions): Contract {
	// openapi-backend's router and validator over a definition dereferenced here: its own init() loads
	// the document with an async $ref parser that needs ESM dynamic import, which Jest's VM lacks.
	const definition = dereferenceSync(loadDefinition(options)) as Schema;
	const document = definition as unknown as OpenAPIV3.Document;
	const router = new OpenAPIRouter({ definition: document });
	const api = new OpenAPIValidator({
		definition: document,
		router,
		lazyCompileValidators: true,
		customizeAjv: (ajv) => withFormats(ajv as unknown as Ajv, options.formats) as never,
	});
	const components = (definition.components as { schemas: Record<string, Schema> }).schemas;
	const ajv = withFormats(new Ajv({ strict: false, allErrors: true }), options.formats);
	const asyncAnswer = options.asyncSchema ? ajv.compile(components[options.asyncSchema]) : undefined;
	const errorAnswer = ajv.compile(components[options.errorSchema]);

	const request = (exchange: Pick<Exchange, 'method' | 'path'> & Partial<Exchange>): Request => ({
		method: exchange.method.toLowerCase(),
		path: normalizePath(exchange.path),
		query: exchange.query ?? {},
		body: exchange.body,
		headers: { 'content-type': exchange.contentType ?? 'application/json' },
	});

	function answerProblems(operation: Operation<OpenAPIV3.Document>, exchange: Exchange): string[] {
		const answer = exchange.answer;
		const declared = Object.keys(operation.responses ?? {});
		if (asyncAnswer && exchange.status < 300 && (answer as Schema | undefined)?.status === 'processing') {
			return asyncAnswer(answer) ? [] : errorsText(asyncAnswer.errors).map((e) => `long-job answer ${e}`);
		}
		if (exchange.status < 300 && !declared.includes(String(exchange.status))) {
			return [`answered HTTP ${exchange.status}; ${options.name} declares ${declared.join(', ')}`];
		}
		if (exchange.status >= 400 && !declared.includes(String(exchange.status))) {
			return errorAnswer(answer) ? [] : errorsText(errorAnswer.errors).map((e) => `error answer ${e}`);
		}
		const result = api.validateResponse(answer, operation, exchange.status);
		return result.valid ? [] : errorsText(result.errors).map((e) => `answer ${e}`);
	}

	// openapi-backend checks object bodies only; a text body (a model run's base64 image) is held to
	// the schema of its content type here, and any body's content type to the ones declared.
	const textBodies = new Map<Schema, ReturnType<Ajv['compile']>>();
	function contentProblems(operation: Operation<OpenAPIV3.Document>, exchange: Exchange): string[] {
		const content = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content;
		if (exchange.body === undefined || !content) return [];
		const contentType = exchange.contentType ?? 'application/json';
		const media = content[contentType];
		if (!media) return [`request content type ${contentType}; ${options.name} declares ${Object.keys(content).join(', ')}`];
		const schema = media.schema as Schema | undefined;
		if (typeof exchange.body !== 'string' || schema?.type !== 'string') return [];
		let validate = textBodies.get(schema);
		if (!validate) textBodies.set(schema, (validate = ajv.compile(schema)));
		return validate(exchange.body) ? [] : errorsText(validate.errors).map((e) => `request body ${e}`);
	}

	return {
		operationOf: (exchange) => router.matchOperation(request(exchange))?.operationId,
		check(exchange, { requests = true } = {}) {
			const req = request(exchange);
			const name = `${exchange.method.toUpperCase()} ${exchange.path}`;
			const operation = router.matchOperation(req);
			if (!operation) return [`${name}: no such call in ${options.name}`];
			const problems: string[] = [];
			const validation = api.validateRequest(req, operation);
			if (requests && !validation.valid) problems.push(...errorsText(validation.errors).map((e) => `request ${e}`));
			if (requests) problems.push(...contentProblems(operation, exchange));
			if (exchange.answer !== undefined && !exchange.faulted) problems.push(...answerProblems(operation, exchange));
			return problems.map((problem) => `${name} (${operation.operationId}): ${problem}`);
		},
	};
}

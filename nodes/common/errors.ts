import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isRecord } from './guards';
import type { HttpResponse } from './retry';

type NodeError = NodeApiError | NodeOperationError;

// By name, not instanceof: a community package may load its own copy of n8n-workflow.
export function isNodeError(error: unknown): error is NodeError {
	return (
		error instanceof Error &&
		(error.name === 'NodeApiError' || error.name === 'NodeOperationError') &&
		'context' in error
	);
}

/** The HTTP status a service error carries (`NodeApiError.httpCode`, e.g. `'404'`), if any. */
export function httpCodeOf(error: unknown): string | undefined {
	const code = (error as { httpCode?: unknown } | undefined)?.httpCode;
	return typeof code === 'string' ? code : undefined;
}

/**
 * The error to throw: n8n's own errors keep their class, anything else becomes a NodeOperationError.
 * With `itemIndex` (an item's error, not a trigger's), the error names that item unless it names one already.
 */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeError {
	if (isNodeError(error)) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

/**
 * For errors that end a workflow activation. n8n 1.x reports a failed activation with a NodeApiError's
 * description in place of its message (1.123 WorkflowService: `error.description ?? error.message`),
 * n8n 2.x with the message; a description that starts with the message shows the service's words on both.
 */
export function forActivation(error: unknown): unknown {
	if (isNodeError(error) && error.name === 'NodeApiError' && error.description && !error.description.includes(error.message)) {
		error.description = `${error.message} · ${error.description}`;
	}
	return error;
}

/** The `json` of an error item under "Continue (using error output)" / continueOnFail. */
export function errorItemJson(error: unknown): IDataObject {
	const json: IDataObject = { error: error instanceof Error ? error.message : String(error) };
	if (isNodeError(error)) {
		const httpCode = httpCodeOf(error);
		if (httpCode) json.statusCode = Number(httpCode);
		if (error.description) json.description = error.description;
	}
	return json;
}

/** What a service transport read from an error answer. */
export interface ServiceErrorDetails {
	/** The service's own words; absent when the body had none. */
	message?: string;
	/** The service's machine-readable code, when it sends one. */
	code?: string;
	/** Extra advice the service sent with the error. */
	hint?: string;
}

/** `value` when it is text with something besides spaces in it. */
export function asText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A `NodeApiError` that shows the service's message, HTTP status and error code. */
export function serviceError(
	node: INode,
	serviceName: string,
	response: HttpResponse,
	details: ServiceErrorDetails,
	itemIndex?: number,
): NodeApiError {
	const message =
		asText(details.message) ??
		(asText(response.body) as string | undefined)?.slice(0, 300) ??
		`${serviceName} answered HTTP ${response.statusCode}`;
	const body =
		typeof response.body === 'object' && response.body !== null
			? (response.body as JsonObject)
			: ({ body: response.body === undefined ? null : String(response.body) } as JsonObject);
	const description = [
		details.code ? `Error code: ${details.code}` : undefined,
		asText(details.hint),
		`HTTP ${response.statusCode}`,
	]
		.filter(Boolean)
		.join(' · ');
	const error = new NodeApiError(node, body, {
		message,
		description,
		httpCode: String(response.statusCode),
		itemIndex,
	});
	// NodeApiError replaces the message with a generic one for some status codes; keep the service's.
	error.message = message;
	return error;
}

/** The body as an object, `{}` when it is not one. */
export function objectBody(response: HttpResponse): Record<string, unknown> {
	return isRecord(response.body) ? response.body : {};
}

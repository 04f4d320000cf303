/**
 * Turns one input item into the body of `POST /vision-events`, from the mapped fields or from the
 * item's own JSON, fixes its event id, and (under strict validation) checks it before anything
 * is sent.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../../../common/guards';
import { jsonValue, parameterError } from '../../../common/parameters';
import { chooseEventId } from '../../eventId';
import type { EventIssue, EventValidator } from '../../schema';
import { inTimeZone } from '../../../common/time';
import { additionalFields, createProperties } from './createFields';
import { predictionsToAnnotations } from './predictions';
import { TYPE_FIELDS } from './typeFields';

/** An item ready to send. `body` is final except for the uploaded image added later. */
export interface PreparedEvent {
	body: IDataObject;
	/** Input binary field to upload and attach as the last image before sending. */
	imageBinaryProperty?: string;
	failOnWarnings: boolean;
	/** The uploaded image gets `images[0]`'s place (it holds the predictions) instead of being appended. */
	annotateUpload?: boolean;
	/** The node's own warnings for the output item (not Roboflow's; Fail on Warnings ignores them). */
	warnings?: IDataObject[];
}

const CONTEXT_FIELDS = ['deviceId', 'streamId', 'workflowId', 'workflowVersion'];
const MAX_LISTED_ISSUES = 20;
// Stands in for the image to be uploaded, so the images limit is checked before the upload.
const PENDING_IMAGE = { sourceId: 'pending-upload' };

const isPresent = (value: unknown) => value !== undefined && value !== null && value !== '';

/** A parameter typed as a number may still arrive as text from an expression. */
function numeric(value: unknown): unknown {
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return value;
}

/** Timestamps from expressions may be Date or Luxon objects; the API wants an ISO string. */
function timestampText(value: unknown): unknown {
	if (value instanceof Date) return value.toISOString();
	if (isRecord(value) && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return (value as unknown as { toISO: () => string }).toISO();
	}
	return typeof value === 'string' ? value.trim() : value;
}

// Body field → the field as the panel shows it. Type fields and the top level by their own name;
// Additional Fields under theirs (the body's `images` comes from Images (JSON)).
const PANEL_NAMES = new Map<string, string>([
	...createProperties.filter((p) => p.type !== 'collection').map((p): [string, string] => [p.name, p.displayName]),
	...(additionalFields.options as INodeProperties[]).map((p): [string, string] => [
		p.name === 'imagesJson' ? 'images' : p.name,
		`Additional Fields → ${p.displayName}`,
	]),
]);

/**
 * An issue's body path as Fields mode shows the field: `eventData.itemCount` → "Item Count",
 * `customMetadata.temp` → "Additional Fields → Custom Metadata → temp".
 */
function panelPath(path: string): string {
	const parts = path.split('.');
	if (parts[0] === 'eventData' && parts.length > 1) parts.shift();
	const label = PANEL_NAMES.get(parts[0]);
	if (label === undefined) return path;
	return parts.length > 1 ? `${label} → ${parts.slice(1).join('.')}` : label;
}

export function invalidEventError(node: INode, i: number, issues: EventIssue[]): NodeOperationError {
	const first = issues[0];
	const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
	const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `• ${issue.path} ${issue.message}`);
	if (issues.length > MAX_LISTED_ISSUES) listed.push(`• … ${issues.length - MAX_LISTED_ISSUES} more`);
	return new NodeOperationError(node, `Invalid vision event in item ${i}: ${first.path} ${first.message}${more}`, {
		itemIndex: i,
		description: `Nothing was sent for this item.\n${listed.join('\n')}\nFix the values, or set Options → Validation to "Server" to send as is and get Roboflow's warnings.`,
	});
}

/** customMetadata rows → flat object; type problems are issues (strict) or sent as typed (server). */
function metadataFromRows(rows: unknown, issues: EventIssue[]): IDataObject | undefined {
	if (!Array.isArray(rows) || rows.length === 0) return undefined;
	const metadata: IDataObject = {};
	for (const row of rows as IDataObject[]) {
		const key = String(row.key ?? '');
		const raw = row.value;
		let value: unknown = raw ?? '';
		if (Object.prototype.hasOwnProperty.call(metadata, key)) {
			issues.push({ path: `customMetadata.${key}`, message: 'is given more than once' });
		}
		if (row.type === 'number') {
			value = numeric(raw);
			if (typeof value !== 'number') issues.push({ path: `customMetadata.${key}`, message: 'is not a number' });
		} else if (row.type === 'boolean') {
			const text = String(raw).trim().toLowerCase();
			if (typeof raw === 'boolean') value = raw;
			else if (text === 'true' || text === 'false') value = text === 'true';
			else issues.push({ path: `customMetadata.${key}`, message: 'is not true or false' });
		} else if (typeof raw !== 'string') {
			value = raw === undefined || raw === null ? '' : String(raw);
		}
		metadata[key] = value as IDataObject[string];
	}
	return metadata;
}

function imagesFromJson(this: IExecuteFunctions, i: number, raw: unknown, issues: EventIssue[]): unknown {
	if (!isPresent(raw)) return undefined;
	const hint = 'Expected an array of image objects, e.g. [{"sourceId": "src-123"}]';
	const images = jsonValue(this, raw, 'Images (JSON)', i, hint);
	if (!Array.isArray(images)) issues.push({ path: 'images', message: 'must be an array of image objects' });
	else if (images.length === 0) return undefined;
	return images;
}

/**
 * Predictions (JSON) → annotations of the first image: the first of Images (JSON), else the
 * uploaded binary, else an image of annotations only. A prediction that cannot be converted is an
 * error for the item (whatever the Validation option: there is nothing sensible to send for it).
 */
function addPredictions(this: IExecuteFunctions, i: number, raw: unknown, prepared: PreparedEvent): void {
	if (!isPresent(raw) || (typeof raw === 'string' && raw.trim() === '')) return;
	const converted = predictionsToAnnotations(jsonValue(this, raw, 'Predictions (JSON)', i));
	if ('problem' in converted) {
		throw parameterError(
			this,
			'Predictions (JSON)',
			converted.problem,
			i,
			'Expected a Roboflow inference or Workflow output: {"predictions": [{"class", "confidence", "x", "y", "width", "height", "points"?, "keypoints"?}]}.',
		);
	}
	const { body } = prepared;
	const images = body.images;
	if (Array.isArray(images) && images.length > 0 && isRecord(images[0])) {
		images[0] = { ...images[0], ...converted.annotations };
	} else {
		body.images = [{ ...converted.annotations }];
		prepared.annotateUpload = prepared.imageBinaryProperty !== undefined;
	}
	if (converted.warnings.length > 0) {
		prepared.warnings = converted.warnings.map((message) => ({ type: 'predictions.truncated', message }));
	}
}

/** The body from the mapped parameters (input mode "Fields"). */
function bodyFromFields(this: IExecuteFunctions, i: number, issues: EventIssue[]): PreparedEvent {
	const eventType = this.getNodeParameter('eventType', i) as string;
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const eventData: IDataObject = {};
	for (const name of TYPE_FIELDS[eventType] ?? []) {
		const value = this.getNodeParameter(name, i, '') as unknown;
		if (isPresent(value)) eventData[name] = (name === 'itemCount' ? numeric(value) : value) as IDataObject[string];
	}
	if (isPresent(additional.externalId)) eventData.externalId = additional.externalId;
	const given = timestampText(this.getNodeParameter('timestamp', i, ''));
	const timestamp = typeof given === 'string' ? inTimeZone(given, this.getTimezone()) : given;
	const body: IDataObject = {
		eventId: chooseEventId(additional.eventId, additional.deduplicationKey) as string,
		eventType,
		useCaseId: this.getNodeParameter('useCaseId', i, '', { extractValue: true }) as string,
		timestamp: (isPresent(timestamp) ? timestamp : new Date().toISOString()) as string,
		eventData,
	};
	for (const name of CONTEXT_FIELDS) {
		if (isPresent(additional[name])) body[name] = additional[name];
	}
	const images = imagesFromJson.call(this, i, additional.imagesJson, issues);
	if (images !== undefined) body.images = images as IDataObject[];
	if (isPresent(additional.displayImagePosition)) {
		body.displayImagePosition = numeric(additional.displayImagePosition) as number;
	}
	const metadata = metadataFromRows((additional.customMetadata as IDataObject | undefined)?.entries, issues);
	if (metadata !== undefined) body.customMetadata = metadata;
	const binary = typeof additional.imageBinaryProperty === 'string' ? additional.imageBinaryProperty.trim() : '';
	const prepared: PreparedEvent = { body, imageBinaryProperty: binary || undefined, failOnWarnings: false };
	addPredictions.call(this, i, additional.predictionsJson, prepared);
	return prepared;
}

function atPath(json: IDataObject, path: string): unknown {
	let current: unknown = json;
	for (const key of path.split('.')) {
		if (!isRecord(current)) return undefined;
		current = current[key];
	}
	return current;
}

/** The body from the item's JSON (input mode "Item JSON"): sent as is, with id and time filled in. */
function bodyFromItem(this: IExecuteFunctions, i: number): PreparedEvent {
	const property = String(this.getNodeParameter('itemProperty', i, '') ?? '').trim();
	const json = this.getInputData()[i].json;
	const source = property ? atPath(json, property) : json;
	if (!isRecord(source)) {
		const message = property
			? `The property "${property}" of item ${i} is not an event object`
			: `The item is not an event object [item ${i}]`;
		throw new NodeOperationError(this.getNode(), message, {
			itemIndex: i,
			description: 'Item JSON mode sends a JSON object with eventType, eventData and the other API fields.',
		});
	}
	const { deduplicationKey, ...rest } = source;
	const body: IDataObject = { ...rest, eventId: chooseEventId(rest.eventId, deduplicationKey) as string };
	if (!isPresent(body.useCaseId)) {
		const useCaseId = this.getNodeParameter('useCaseId', i, '', { extractValue: true }) as string;
		if (isPresent(useCaseId)) body.useCaseId = useCaseId;
	}
	if (!isPresent(body.timestamp)) body.timestamp = new Date().toISOString();
	return { body, failOnWarnings: false };
}

/**
 * Builds item `i`'s event. The event id is fixed here, once, so every retry sends the same id
 * and overwrites rather than duplicates. Under strict validation an invalid event throws a
 * NodeOperationError naming the field (its body path in Item JSON mode) and the item; no request
 * is made for it.
 */
export function prepareEvent(this: IExecuteFunctions, i: number, validate: EventValidator): PreparedEvent {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const inputMode = this.getNodeParameter('inputMode', i, 'fields') as string;
	const issues: EventIssue[] = [];
	const prepared = inputMode === 'item' ? bodyFromItem.call(this, i) : bodyFromFields.call(this, i, issues);
	prepared.failOnWarnings = options.failOnWarnings === true;
	if (prepared.imageBinaryProperty) this.helpers.assertBinaryData(i, prepared.imageBinaryProperty);
	if (options.validation !== 'server') {
		const images = prepared.body.images;
		const checked = prepared.imageBinaryProperty && !prepared.annotateUpload
			? { ...prepared.body, images: [...(Array.isArray(images) ? images : []), PENDING_IMAGE] }
			: prepared.body;
		issues.push(...validate(checked));
		if (issues.length > 0) {
			// Item JSON is the body itself, so its paths name its fields; mapped fields go by their names.
			const named = inputMode === 'item' ? issues : issues.map((issue) => ({ ...issue, path: panelPath(issue.path) }));
			throw invalidEventError(this.getNode(), i, named);
		}
	}
	return prepared;
}

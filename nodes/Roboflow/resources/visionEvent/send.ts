import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { roboflowRequest } from '../../transport';
import { uploadImage } from '../image/uploadImage';
import type { PreparedEvent } from './buildEvent';

/** `POST /vision-events` answers `{eventId, created, warnings?, deprecations?}`. */
export interface CreateResponse {
	eventId?: string;
	created?: boolean;
	warnings?: IDataObject[];
	deprecations?: IDataObject[];
}

/**
 * Whether a 2xx answer to `POST /vision-events` confirms event `eventId`. The documented answer is
 * `{eventId, created}` (seed "Example Response"), so confirmed means: the body is an object whose
 * `created` is a boolean, and whose `eventId`, when present, is the id that was sent. `created:
 * false` still confirms (an upsert that overwrote the event stored under this id); it is passed on
 * as is. Anything else (`{}`, no `created`, a non-boolean one, another event's id, a proxy's page)
 * confirms nothing, whatever the status: the event may or may not be stored.
 */
export function confirmsCreate(response: unknown, eventId: string): response is CreateResponse & { created: boolean } {
	if (typeof response !== 'object' || response === null || Array.isArray(response)) return false;
	const answer = response as CreateResponse;
	return typeof answer.created === 'boolean' && (answer.eventId === undefined || answer.eventId === eventId);
}

/** The item error for an event a 2xx answer did not confirm; `why` says what the answer lacked. */
export function unconfirmedError(node: INode, i: number, eventId: string, why: string): NodeOperationError {
	return new NodeOperationError(node, `Roboflow did not confirm event ${eventId} of item ${i}`, {
		itemIndex: i,
		description: `${why} The event may or may not be stored. Running again is safe when the event keeps its ID (an explicit event ID or a deduplication key): the same ID overwrites instead of adding a copy.`,
	});
}

/** Uploads the item's binary and appends its `sourceId` to the event's images. */
export async function attachUpload(this: IExecuteFunctions, i: number, prepared: PreparedEvent): Promise<void> {
	if (!prepared.imageBinaryProperty) return;
	const { sourceId } = await uploadImage.call(this, i, prepared.imageBinaryProperty);
	const images = prepared.body.images;
	if (images === undefined) prepared.body.images = [{ sourceId }];
	// The predictions annotate the uploaded image when it is the event's only one.
	else if (prepared.annotateUpload && Array.isArray(images)) (images[0] as IDataObject).sourceId = sourceId;
	else if (Array.isArray(images)) images.push({ sourceId } as IDataObject);
	prepared.imageBinaryProperty = undefined;
}

function describeWarning(warning: IDataObject): string {
	const path = warning.path ?? warning.field ?? '(event)';
	return warning.type ? `${String(path)} (${String(warning.type)})` : String(path);
}

/**
 * The output item of a stored event. With "Fail on Warnings" an event stored with warnings is
 * an error for its item; the event itself stays stored under its id.
 */
export function eventResult(
	this: IExecuteFunctions,
	i: number,
	prepared: PreparedEvent,
	created: boolean,
	warnings: IDataObject[] | undefined,
	deprecations: IDataObject[] | undefined,
): IDataObject {
	const eventId = prepared.body.eventId as string;
	if (prepared.failOnWarnings && warnings && warnings.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Roboflow stored event ${eventId} of item ${i} with warnings: ${warnings.map(describeWarning).join(', ')}`,
			{
				itemIndex: i,
				description:
					'Roboflow dropped the invalid fields and stored the rest. Fix the fields and run again (the same event ID overwrites), or turn off Fail on Warnings.',
			},
		);
	}
	const result: IDataObject = { eventId, created };
	// Roboflow's warnings, after the node's own (predictions cut at the 1 000-entry limit).
	const all = [...(prepared.warnings ?? []), ...(warnings ?? [])];
	if (all.length > 0) result.warnings = all;
	if (deprecations && deprecations.length > 0) result.deprecations = deprecations;
	return result;
}

/**
 * One item, one request. Safe to retry on gateway errors and lost answers: the event id was
 * fixed before the first attempt, and the API overwrites an event sent again under its id.
 */
export async function sendEvent(this: IExecuteFunctions, i: number, prepared: PreparedEvent): Promise<IDataObject> {
	await attachUpload.call(this, i, prepared);
	const response = await roboflowRequest<unknown>(
		this,
		{ method: 'POST', path: '/vision-events', body: prepared.body, idempotency: 'idempotent' },
		i,
	);
	const eventId = prepared.body.eventId as string;
	if (!confirmsCreate(response, eventId)) {
		const shown = JSON.stringify(response ?? null).slice(0, 200);
		const why = `Roboflow answered POST /vision-events with ${shown} instead of {eventId, created}.`;
		throw unconfirmedError(this.getNode(), i, eventId, why);
	}
	return eventResult.call(this, i, prepared, response.created, response.warnings, response.deprecations);
}

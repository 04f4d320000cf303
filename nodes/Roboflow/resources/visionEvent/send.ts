import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createEvent } from '../../visionEventApi';
import { uploadBinary } from '../image/uploadBinary';
import type { PreparedEvent } from './buildEvent';

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
	const { sourceId } = await uploadBinary.call(this, i, prepared.imageBinaryProperty);
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
 * One item, one request: its binary uploaded first, then the event, which counts only when the
 * answer confirms it (retrying the create is safe, see createEvent).
 */
export async function sendEvent(this: IExecuteFunctions, i: number, prepared: PreparedEvent): Promise<IDataObject> {
	await attachUpload.call(this, i, prepared);
	const answer = await createEvent(this, prepared.body, i);
	if (!answer.confirmed) throw unconfirmedError(this.getNode(), i, prepared.body.eventId as string, answer.why);
	return eventResult.call(this, i, prepared, answer.created, answer.warnings, answer.deprecations);
}

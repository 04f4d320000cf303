import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { roboflowRequest } from '../../transport';
import { uploadImage } from '../image/upload';
import type { PreparedEvent } from './buildEvent';

/** `POST /vision-events` answers `{eventId, created, warnings?, deprecations?}`. */
export interface CreateResponse {
	eventId?: string;
	created?: boolean;
	warnings?: IDataObject[];
	deprecations?: IDataObject[];
}

/** Uploads the item's binary and appends its `sourceId` to the event's images. */
export async function attachUpload(this: IExecuteFunctions, i: number, prepared: PreparedEvent): Promise<void> {
	if (!prepared.imageBinaryProperty) return;
	const { sourceId } = await uploadImage.call(this, i, prepared.imageBinaryProperty);
	const images = prepared.body.images;
	if (images === undefined) prepared.body.images = [{ sourceId }];
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
	if (warnings && warnings.length > 0) result.warnings = warnings;
	if (deprecations && deprecations.length > 0) result.deprecations = deprecations;
	return result;
}

/**
 * One item, one request. Safe to retry on gateway errors and lost answers: the event id was
 * fixed before the first attempt, and the API overwrites an event sent again under its id.
 */
export async function sendEvent(this: IExecuteFunctions, i: number, prepared: PreparedEvent): Promise<IDataObject> {
	await attachUpload.call(this, i, prepared);
	const response = await roboflowRequest<CreateResponse>(
		this,
		{ method: 'POST', path: '/vision-events', body: prepared.body, idempotency: 'idempotent' },
		i,
	);
	return eventResult.call(
		this,
		i,
		prepared,
		response?.created ?? true,
		response?.warnings,
		response?.deprecations,
	);
}

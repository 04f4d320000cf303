import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId, parameterError } from '../../../common/parameters';

import { useCaseRlc } from '../../descriptions';
import { roboflowRequest } from '../../transport';

const properties: INodeProperties[] = [
	useCaseRlc,
	{
		displayName: 'Event IDs',
		name: 'eventIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. a1b2c3d4-e5f6-7890-abcd-ef1234567890, b2c3d4e5-…',
		description: 'IDs separated by commas, spaces or new lines, or a list from an expression. Deletion is permanent.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['visionEvent'], operation: ['delete'] } },
	properties,
);

/** The API deletes at most this many ids per request. */
export const DELETE_CHUNK = 1000;

interface DeleteResponse {
	deleted?: number;
	notFound?: string[];
}

/** A list from an expression, or text with ids separated by commas, spaces or line breaks. */
export function parseEventIds(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((v) => String(v ?? '')) : String(value ?? '').split(/[\s,;]+/);
	const ids = parts.map((id) => id.trim()).filter((id) => id !== '');
	return [...new Set(ids)];
}

/** `POST /vision-events/delete` in chunks of ≤1000 ids → one `{deleted, notFound}` per input item. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const useCaseId = locatorId(this, 'useCaseId', 'Use Case', i);
	const eventIds = parseEventIds(this.getNodeParameter('eventIds', i, ''));
	if (eventIds.length === 0) {
		throw parameterError(this, 'Event IDs', 'must not be empty', i, 'Give at least one event ID, as a list or separated by commas.');
	}
	let deleted = 0;
	const notFound: string[] = [];
	for (let start = 0; start < eventIds.length; start += DELETE_CHUNK) {
		// Repeating a delete is harmless: ids already gone come back under notFound.
		const response = await roboflowRequest<DeleteResponse>(
			this,
			{
				method: 'POST',
				path: '/vision-events/delete',
				body: { useCaseId, eventIds: eventIds.slice(start, start + DELETE_CHUNK) },
				idempotency: 'idempotent',
			},
			i,
		);
		deleted += response?.deleted ?? 0;
		notFound.push(...(response?.notFound ?? []));
	}
	return { deleted, notFound };
}

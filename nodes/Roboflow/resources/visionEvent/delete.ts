import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId, parameterError } from '../../../common/parameters';

import { useCaseRlc } from '../../descriptions';
import { deleteEvents } from '../../visionEventApi';

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

/** A list from an expression, or text with ids separated by commas, spaces or line breaks. */
export function parseEventIds(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((v) => String(v ?? '')) : String(value ?? '').split(/[\s,;]+/);
	const ids = parts.map((id) => id.trim()).filter((id) => id !== '');
	return [...new Set(ids)];
}

/** Deletes the item's event ids, however many → one `{deleted, notFound}` per input item. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const useCaseId = locatorId(this, 'useCaseId', 'Use Case', i);
	const eventIds = parseEventIds(this.getNodeParameter('eventIds', i, ''));
	if (eventIds.length === 0) {
		throw parameterError(this, 'Event IDs', 'must not be empty', i, 'Give at least one event ID, as a list or separated by commas.');
	}
	return await deleteEvents(this, useCaseId, eventIds, i);
}

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { EventType } from './schema';
import { LIMITS } from './schema';

/** The use case an operation works in: picked from the workspace's list, or given by id. */
export const useCaseRlc: INodeProperties = {
	displayName: 'Use Case',
	name: 'useCaseId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The use case the events belong to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchUseCases', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. a1b3c8e1',
			validation: [
				{
					type: 'regex',
					properties: {
						// Ids never contain spaces; the length is the API's limit.
						regex: `^\\S{1,${LIMITS.useCaseId}}$`,
						errorMessage: `Enter a use case ID (no spaces, at most ${LIMITS.useCaseId} characters)`,
					},
				},
			],
		},
	],
};

/** Options from API value → display name, ordered by display name as n8n's lint asks. */
export function optionsFrom(names: Record<string, string>): INodePropertyOptions[] {
	return Object.entries(names)
		.map(([value, name]) => ({ name, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The event types by their display names, for Create's Event Type and the Event Types filter. */
const EVENT_TYPE_NAMES: Record<EventType, string> = {
	quality_check: 'Quality Check',
	inventory_count: 'Inventory Count',
	safety_alert: 'Safety Alert',
	custom: 'Custom',
	operator_feedback: 'Operator Feedback',
};

export const eventTypeOptions = optionsFrom(EVENT_TYPE_NAMES);

/** The value type of a custom metadata row (Roboflow keeps strings, numbers and booleans apart). */
export const metadataTypeField: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	default: 'string',
	options: [
		{ name: 'Boolean', value: 'boolean' },
		{ name: 'Number', value: 'number' },
		{ name: 'String', value: 'string' },
	],
};

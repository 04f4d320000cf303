import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { locator } from '../common/descriptions';
import type { EventType } from './schema';
import { LIMITS } from './schema';

/** The use case an operation works in: picked from the workspace's list, or given by id. */
export const useCaseRlc = locator({
	name: 'useCaseId',
	displayName: 'Use Case',
	description: 'The use case the events belong to',
	searchListMethod: 'searchUseCases',
	idPlaceholder: 'e.g. a1b3c8e1',
	// Ids never contain spaces; the length is the API's limit.
	idRegex: `^\\S{1,${LIMITS.useCaseId}}$`,
	idError: `Enter a use case ID (no spaces, at most ${LIMITS.useCaseId} characters)`,
});

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

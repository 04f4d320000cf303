import type { INodeProperties } from 'n8n-workflow';

import { optionsFrom } from '../../descriptions';
import type { EventType } from '../../schema';

const fieldsMode = { inputMode: ['fields'] };
const forType = (eventType: EventType) => ({ show: { ...fieldsMode, eventType: [eventType] } });

/** A choice the event may leave out: "Not Set" (the default) sends no value. */
function optionalChoice(
	field: Pick<INodeProperties, 'displayName' | 'name'>,
	eventType: EventType,
	names: Record<string, string>,
): INodeProperties {
	return {
		...field,
		type: 'options',
		default: '',
		displayOptions: forType(eventType),
		options: optionsFrom({ ...names, '': 'Not Set' }),
	};
}

/** eventData fields per event type, in the order they appear in the panel and on the wire. */
export const TYPE_FIELDS: Record<string, string[]> = {
	quality_check: ['result'],
	inventory_count: ['location', 'itemCount', 'itemType'],
	safety_alert: ['alertType', 'severity', 'description'],
	custom: ['value'],
	operator_feedback: ['relatedEventId', 'feedback'],
};

/** The eventData fields, each shown only in "Fields" mode and only for its own event type. */
export const typeFields: INodeProperties[] = [
	optionalChoice({ displayName: 'Result', name: 'result' }, 'quality_check', { fail: 'Fail', pass: 'Pass' }),
	{
		displayName: 'Location',
		name: 'location',
		type: 'string',
		default: '',
		placeholder: 'e.g. warehouse-a',
		description: 'Where the count was taken (at most 1000 characters)',
		displayOptions: forType('inventory_count'),
	},
	{
		displayName: 'Item Count',
		name: 'itemCount',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'Number of items counted (a whole number, 0 or more)',
		displayOptions: forType('inventory_count'),
	},
	{
		displayName: 'Item Type',
		name: 'itemType',
		type: 'string',
		default: '',
		placeholder: 'e.g. pallets',
		description: 'Type of item counted (at most 1000 characters)',
		displayOptions: forType('inventory_count'),
	},
	{
		displayName: 'Alert Type',
		name: 'alertType',
		type: 'string',
		default: '',
		placeholder: 'e.g. no_hardhat',
		description: 'Letters, digits, underscores and dashes (at most 256 characters)',
		displayOptions: forType('safety_alert'),
	},
	optionalChoice({ displayName: 'Severity', name: 'severity' }, 'safety_alert', {
		high: 'High',
		low: 'Low',
		medium: 'Medium',
	}),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		description: 'What happened (at most 10,000 characters)',
		displayOptions: forType('safety_alert'),
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		description: 'Free-form event data (at most 10,000 characters)',
		displayOptions: forType('custom'),
	},
	{
		displayName: 'Related Event ID',
		name: 'relatedEventId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. a1b2c3d4-e5f6-7890-abcd-ef1234567890',
		description: 'The ID (UUID) of the event this feedback is about',
		displayOptions: forType('operator_feedback'),
	},
	{
		displayName: 'Feedback',
		name: 'feedback',
		type: 'options',
		default: 'correct',
		required: true,
		displayOptions: forType('operator_feedback'),
		options: [
			{ name: 'Correct', value: 'correct' },
			{ name: 'Inconclusive', value: 'inconclusive' },
			{ name: 'Incorrect', value: 'incorrect' },
		],
	},
];

import type { INodeProperties } from 'n8n-workflow';

import { collection } from '../../../common/descriptions';
import { eventTypeOptions, metadataTypeField, useCaseRlc } from '../../descriptions';
import { typeFields } from './typeFields';

const fieldsMode = { inputMode: ['fields'] };
const itemMode = { inputMode: ['item'] };

export const additionalFields: INodeProperties = {
	...collection('additionalFields', [
		{
			displayName: 'Custom Metadata',
			name: 'customMetadata',
			type: 'fixedCollection',
			placeholder: 'Add Metadata',
			default: {},
			typeOptions: { multipleValues: true },
			description: 'Up to 100 queryable key/value pairs',
			options: [
				{
					displayName: 'Entry',
					name: 'entries',
					values: [
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							description: 'Letters, digits, underscores, hyphens and spaces (at most 100 characters)',
						},
						metadataTypeField,
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Strings up to 1000 characters, numbers up to 6 decimal places, true or false',
						},
					],
				},
			],
		},
		{
			displayName: 'Deduplication Key',
			name: 'deduplicationKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.event_id }}-{{ $json.timestamp }}',
			description:
				'Any text that identifies the source event. The same key always gives the same event ID, so running again overwrites the event instead of adding a copy. Ignored when Event ID is set.',
		},
		{
			displayName: 'Device ID',
			name: 'deviceId',
			type: 'string',
			default: '',
			description: 'The device that produced the event (at most 256 characters)',
		},
		{
			displayName: 'Display Image Position',
			name: 'displayImagePosition',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, maxValue: 999, numberPrecision: 0 },
			description: 'Index in the images of the one the dashboard shows (0 = first)',
		},
		{
			displayName: 'Event ID',
			name: 'eventId',
			type: 'string',
			default: '',
			placeholder: 'e.g. a1b2c3d4-e5f6-7890-abcd-ef1234567890',
			description:
				'The event ID; use a UUID (v4), as Roboflow advises, so it is globally unique. An event with the same ID is overwritten. Empty = a new random ID.',
		},
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: 'Your own reference for the event (at most 1000 characters)',
			displayOptions: { hide: { '/eventType': ['operator_feedback'] } },
		},
		{
			displayName: 'Image Binary Field',
			name: 'imageBinaryProperty',
			type: 'string',
			default: '',
			placeholder: 'e.g. data',
			description:
				'Input binary field holding an image: it is uploaded first and attached to the event, after any Images (JSON)',
		},
		{
			displayName: 'Images (JSON)',
			name: 'imagesJson',
			type: 'json',
			default: '[]',
			description:
				'The API\'s images array: objects with sourceId, inputSourceId, label, objectDetections, classifications, instanceSegmentations, keypoints',
		},
		{
			displayName: 'Predictions (JSON)',
			name: 'predictionsJson',
			type: 'json',
			default: '',
			description:
				'A Roboflow inference or Workflow output (object detection, instance segmentation, keypoints, classification). Its predictions become the annotations of the first image: the first of Images (JSON), else the uploaded Image Binary Field.',
		},
		{
			displayName: 'Stream ID',
			name: 'streamId',
			type: 'string',
			default: '',
			description: 'The video stream the event comes from (at most 256 characters)',
		},
		{
			displayName: 'Workflow ID',
			name: 'workflowId',
			type: 'string',
			default: '',
			description: 'The workflow that produced the event (at most 256 characters)',
		},
		{
			displayName: 'Workflow Version',
			name: 'workflowVersion',
			type: 'string',
			default: '',
			description: 'Version of that workflow (at most 64 characters)',
		},
	]),
	displayOptions: { show: fieldsMode },
};

/** A whole-run setting, read once from item 0; create.ts checks it against `maxValue`. */
const runSettingOption = (
	displayName: string,
	name: string,
	defaultValue: number,
	max: number,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: defaultValue,
	typeOptions: { minValue: 1, maxValue: max, numberPrecision: 0 },
	description,
});

// The batch endpoint takes at most 100 events a request.
export const batchSizeOption = runSettingOption(
	'Batch Size',
	'batchSize',
	1,
	100,
	'1 = one request per item. 2–100 = send items together through the batch endpoint, this many per request; still one output item per input item.',
);

// Bounded, never unbounded; 100 lets one execution keep a slow (high-latency) API busy without
// hammering it (BENCHMARKS.md: ~50 is where 20 ms of latency stops mattering).
export const concurrencyOption = runSettingOption(
	'Concurrency',
	'concurrency',
	5,
	100,
	'Requests in flight at the same time (1–100). Raise it for a distant API; lower it to be gentler on it.',
);

const options: INodeProperties = collection('options', [
	batchSizeOption,
	concurrencyOption,
	{
		displayName: 'Fail on Warnings',
		name: 'failOnWarnings',
		type: 'boolean',
		default: false,
		description:
			'Whether an item whose event Roboflow stored with warnings (invalid fields dropped) becomes an error. The event stays stored.',
	},
	{
		displayName: 'Validation',
		name: 'validation',
		type: 'options',
		default: 'strict',
		options: [
			{
				name: 'Strict',
				value: 'strict',
				description:
					'Check every documented rule before sending; an invalid item is an error and nothing is sent for it',
			},
			{
				name: 'Server',
				value: 'server',
				description: 'Send as is; Roboflow stores the event and returns warnings for invalid fields',
			},
		],
	},
]);

export const createProperties: INodeProperties[] = [
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		options: [
			{ name: 'Fields', value: 'fields', description: 'Map each field of the event' },
			{
				name: 'Item JSON',
				value: 'item',
				description: 'Send the input item\'s JSON as the event body (fast for many items)',
			},
		],
	},
	// One parameter, useCaseId, in two roles: in Fields mode the event's use case (required); in
	// Item JSON mode only the fallback for items whose JSON has none, so it may stay empty.
	{ ...useCaseRlc, displayOptions: { show: fieldsMode } },
	{
		...useCaseRlc,
		required: false,
		description: 'Used for items whose JSON has no useCaseId',
		displayOptions: { show: itemMode },
	},
	{
		displayName: 'Item Property',
		name: 'itemProperty',
		type: 'string',
		default: '',
		placeholder: 'e.g. event',
		description:
			'Property (dot path) of the item holding the event body; empty = the whole item. A missing eventId is generated (from a deduplicationKey property, if any) and a missing timestamp is now.',
		displayOptions: { show: itemMode },
	},
	{
		displayName: 'Event Type',
		name: 'eventType',
		type: 'options',
		default: 'quality_check',
		required: true,
		displayOptions: { show: fieldsMode },
		options: eventTypeOptions,
	},
	...typeFields,
	{
		displayName: 'Timestamp',
		name: 'timestamp',
		type: 'dateTime',
		default: '',
		description: 'When the event happened (ISO 8601), between one year ago and tomorrow. Empty = now.',
		displayOptions: { show: fieldsMode },
	},
	additionalFields,
	options,
];

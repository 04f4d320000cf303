import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../common/descriptions';
import { itemLimit, locatorId, parameterError } from '../../../common/parameters';

import { collectPages } from '../../../common/paginate';
import { metadataTypeField, useCaseRlc } from '../../descriptions';
import { EVENT_TYPES, parseIsoTimestamp } from '../../schema';
import { inTimeZone } from '../../time';
import { roboflowRequest } from '../../transport';

const CONTEXT_FILTERS = [
	['deviceId', 'Device ID'],
	['externalId', 'External ID'],
	['streamId', 'Stream ID'],
	['workflowId', 'Workflow ID'],
] as const;

const EVENT_TYPE_NAMES: Record<string, string> = {
	quality_check: 'Quality Check',
	inventory_count: 'Inventory Count',
	safety_alert: 'Safety Alert',
	custom: 'Custom',
	operator_feedback: 'Operator Feedback',
};

const contextFilter = ([name, displayName]: (typeof CONTEXT_FILTERS)[number]): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	default: { condition: { operator: 'eq', value: '' } },
	options: [
		{
			displayName: 'Condition',
			name: 'condition',
			values: [
				{
					displayName: 'Operator',
					name: 'operator',
					type: 'options',
					default: 'eq',
					options: [
						{ name: 'Equals', value: 'eq' },
						{ name: 'Not Equals', value: 'neq' },
					],
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

const properties: INodeProperties[] = [
	useCaseRlc,
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		description: 'Only events at or after this time (ISO 8601). Empty = no lower bound.',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		description: 'Only events at or before this time (ISO 8601). Empty = no upper bound.',
	},
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		default: [],
		description: 'Only these types; none selected = all types',
		options: [...EVENT_TYPES]
			.map((value) => ({ name: EVENT_TYPE_NAMES[value], value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Custom Metadata',
				name: 'customMetadataFilters',
				type: 'fixedCollection',
				placeholder: 'Add Metadata Filter',
				default: {},
				typeOptions: { multipleValues: true },
				options: [
					{
						displayName: 'Filter',
						name: 'filter',
						values: [
							{ displayName: 'Field', name: 'field', type: 'string', default: '', description: 'Metadata key' },
							{
								displayName: 'Operator',
								name: 'operator',
								type: 'options',
								default: 'eq',
								options: [
									{ name: 'Equals', value: 'eq' },
									{ name: 'Greater Than', value: 'gt' },
									{ name: 'Greater Than or Equal', value: 'gte' },
									{ name: 'Less Than', value: 'lt' },
									{ name: 'Less Than or Equal', value: 'lte' },
									{ name: 'Not Equals', value: 'neq' },
								],
							},
							metadataTypeField,
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			...CONTEXT_FILTERS.map(contextFilter),
		],
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['visionEvent'], operation: ['query'] } },
	properties,
);

/** `POST /vision-events/query` answers a page of events and the cursor of the next one. */
interface QueryResponse {
	events?: IDataObject[];
	nextCursor?: string | null;
	hasMore?: boolean;
}

// The largest page the API serves; the docs' examples use 50 and 100.
const PAGE_SIZE = 100;

function fail(this: IExecuteFunctions, i: number, field: string, problem: string): never {
	throw parameterError(this, field, problem, i);
}

function timeBound(this: IExecuteFunctions, i: number, name: string): string | undefined {
	const raw = this.getNodeParameter(name, i, '') as unknown;
	const text = raw instanceof Date ? raw.toISOString() : String(raw ?? '').trim();
	if (text === '') return undefined;
	const value = inTimeZone(text, this.getTimezone());
	if (parseIsoTimestamp(value) === null) fail.call(this, i, name === 'startTime' ? 'Start Time' : 'End Time', 'must be an ISO 8601 date-time');
	return value;
}

function metadataValue(this: IExecuteFunctions, i: number, filter: IDataObject): unknown {
	const raw = String(filter.value ?? '');
	if (filter.type === 'number') {
		if (raw.trim() === '' || !Number.isFinite(Number(raw))) {
			fail.call(this, i, `Custom metadata filter "${String(filter.field)}"`, 'needs a number');
		}
		return Number(raw);
	}
	if (filter.type === 'boolean') {
		const text = raw.trim().toLowerCase();
		if (text !== 'true' && text !== 'false') {
			fail.call(this, i, `Custom metadata filter "${String(filter.field)}"`, 'needs true or false');
		}
		return text === 'true';
	}
	return raw;
}

/** The query body without paging fields; the filters are resent with every page. */
function queryBody(this: IExecuteFunctions, i: number): IDataObject {
	const body: IDataObject = { useCaseId: locatorId(this, 'useCaseId', 'Use Case', i) };
	const startTime = timeBound.call(this, i, 'startTime');
	const endTime = timeBound.call(this, i, 'endTime');
	if (startTime && endTime && (parseIsoTimestamp(startTime) as number) > (parseIsoTimestamp(endTime) as number)) {
		fail.call(this, i, 'Start Time', 'must not be after End Time');
	}
	if (startTime) body.startTime = startTime;
	if (endTime) body.endTime = endTime;
	const eventTypes = this.getNodeParameter('eventTypes', i, []) as string[];
	if (eventTypes.length > 0) body.eventTypes = eventTypes;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	for (const [name] of CONTEXT_FILTERS) {
		const condition = (filters[name] as IDataObject | undefined)?.condition as IDataObject | undefined;
		if (condition && String(condition.value ?? '') !== '') {
			body[name] = { operator: condition.operator ?? 'eq', value: String(condition.value) };
		}
	}
	const rows = ((filters.customMetadataFilters as IDataObject | undefined)?.filter ?? []) as IDataObject[];
	const metadataFilters = rows
		.filter((row) => String(row.field ?? '').trim() !== '')
		.map((row) => ({
			field: String(row.field).trim(),
			operator: (row.operator as string) ?? 'eq',
			value: metadataValue.call(this, i, row),
			type: (row.type as string) ?? 'string',
		}));
	if (metadataFilters.length > 0) body.customMetadataFilters = metadataFilters as unknown as IDataObject[];
	return body;
}

/** One output item per event, following `nextCursor` until done or `limit` is reached. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const body = queryBody.call(this, i);
	const limit = itemLimit(this, i);
	return await collectPages<IDataObject, string>(async (cursor, remaining) => {
		const page = await roboflowRequest<QueryResponse>(
			this,
			{
				method: 'POST',
				path: '/vision-events/query',
				body: { ...body, limit: Math.min(PAGE_SIZE, remaining ?? PAGE_SIZE), ...(cursor ? { cursor } : {}) },
				// A query changes nothing, so repeating it is harmless.
				idempotency: 'idempotent',
			},
			i,
		);
		return { items: page?.events ?? [], next: page?.hasMore === false ? null : page?.nextCursor };
	}, limit);
}

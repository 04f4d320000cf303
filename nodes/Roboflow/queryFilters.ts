/**
 * What the Query operation and the Vision Event Trigger share: the Event Types and Filters
 * parameters, the request body they make, and the paged `POST /vision-events/query`.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { collection } from '../common/descriptions';
import type { RequestContext } from '../common/http';
import type { ParameterReader } from '../common/parameters';
import { parameterError } from '../common/parameters';
import { collectPages } from '../common/paginate';
import { eventTypeOptions, metadataTypeField, optionsFrom } from './descriptions';
import { roboflowRequest } from './transport';

const CONTEXT_FILTERS = [
	['deviceId', 'Device ID'],
	['externalId', 'External ID'],
	['streamId', 'Stream ID'],
	['workflowId', 'Workflow ID'],
] as const;

const EQUALITY = { eq: 'Equals', neq: 'Not Equals' };

/** The Operator of a filter row (`eq` unless chosen otherwise). */
const operatorField = (options: INodePropertyOptions[]): INodeProperties => ({
	displayName: 'Operator',
	name: 'operator',
	type: 'options',
	default: 'eq',
	options,
});

const contextFilter = ([name, displayName]: (typeof CONTEXT_FILTERS)[number]): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	default: { condition: { operator: 'eq', value: '' } },
	options: [
		{
			displayName: 'Condition',
			name: 'condition',
			values: [operatorField(optionsFrom(EQUALITY)), { displayName: 'Value', name: 'value', type: 'string', default: '' }],
		},
	],
});

export const eventTypesProperty: INodeProperties = {
	displayName: 'Event Types',
	name: 'eventTypes',
	type: 'multiOptions',
	default: [],
	description: 'Only these types; none selected = all types',
	options: eventTypeOptions,
};

export const filtersProperty: INodeProperties = collection('filters', [
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
					operatorField(
						optionsFrom({
							...EQUALITY,
							gt: 'Greater Than',
							gte: 'Greater Than or Equal',
							lt: 'Less Than',
							lte: 'Less Than or Equal',
						}),
					),
					metadataTypeField,
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	...CONTEXT_FILTERS.map(contextFilter),
]);

function metadataValue(ctx: ParameterReader, i: number, filter: IDataObject): unknown {
	const raw = String(filter.value ?? '');
	// Named as the panel shows it, with the row's key so the user finds the row.
	const field = `Filters → Custom Metadata "${String(filter.field)}"`;
	if (filter.type === 'number') {
		if (raw.trim() === '' || !Number.isFinite(Number(raw))) throw parameterError(ctx, field, 'needs a number', i);
		return Number(raw);
	}
	if (filter.type === 'boolean') {
		const text = raw.trim().toLowerCase();
		if (text !== 'true' && text !== 'false') throw parameterError(ctx, field, 'needs true or false', i);
		return text === 'true';
	}
	return raw;
}

/** The Event Types and Filters parameters as query body fields (no use case, time or paging). */
export function eventFilters(ctx: ParameterReader, i: number): IDataObject {
	const body: IDataObject = {};
	const eventTypes = ctx.getNodeParameter('eventTypes', i, []) as string[];
	if (eventTypes.length > 0) body.eventTypes = eventTypes;
	const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
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
			value: metadataValue(ctx, i, row),
			type: (row.type as string) ?? 'string',
		}));
	if (metadataFilters.length > 0) body.customMetadataFilters = metadataFilters as unknown as IDataObject[];
	return body;
}

/** `POST /vision-events/query` answers a page of events and the cursor of the next one. */
interface QueryResponse {
	events?: IDataObject[];
	nextCursor?: string | null;
	hasMore?: boolean;
}

// The largest page the API serves; the docs' examples use 50 and 100.
const PAGE_SIZE = 100;

/**
 * The events matching `body` (newest first, as the API sends them), following `nextCursor` until
 * done or `limit` events are collected (undefined = all). The filters are resent with every page.
 */
export async function queryEvents(
	ctx: RequestContext,
	body: IDataObject,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages<IDataObject, string>(async (cursor, remaining) => {
		const page = await roboflowRequest<QueryResponse>(
			ctx,
			{
				method: 'POST',
				path: '/vision-events/query',
				body: { ...body, limit: Math.min(PAGE_SIZE, remaining ?? PAGE_SIZE), ...(cursor ? { cursor } : {}) },
				// A query changes nothing, so repeating it is harmless.
				idempotency: 'idempotent',
			},
			itemIndex,
		);
		return { items: page?.events ?? [], next: page?.hasMore === false ? null : page?.nextCursor };
	}, limit);
}

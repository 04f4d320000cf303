/**
 * What the Query operation and the Vision Event Trigger share: the Event Types and Filters
 * parameters, and the query body fields they make. The request itself is queryEvents in
 * visionEventApi.ts.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { collection } from '../common/descriptions';
import type { ParameterReader } from '../common/parameters';
import { parameterError } from '../common/parameters';
import { eventTypeOptions, metadataTypeField, optionsFrom } from './descriptions';

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

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../common/descriptions';
import { itemLimit, locatorId, parameterError } from '../../../common/parameters';

import { useCaseRlc } from '../../descriptions';
import { eventFilters, eventTypesProperty, filtersProperty } from '../../queryFilters';
import { queryEvents } from '../../visionEventApi';
import { dateTimeParameter } from '../../../common/time';

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
	eventTypesProperty,
	filtersProperty,
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['visionEvent'], operation: ['query'] } },
	properties,
);

/** The query body without paging fields; the filters are resent with every page. */
function queryBody(this: IExecuteFunctions, i: number): IDataObject {
	const body: IDataObject = { useCaseId: locatorId(this, 'useCaseId', 'Use Case', i) };
	const startTime = dateTimeParameter(this, 'startTime', 'Start Time', i);
	const endTime = dateTimeParameter(this, 'endTime', 'End Time', i);
	if (startTime && endTime && startTime.ms > endTime.ms) {
		throw parameterError(this, 'Start Time', 'must not be after End Time', i);
	}
	if (startTime) body.startTime = startTime.iso;
	if (endTime) body.endTime = endTime.iso;
	return { ...body, ...eventFilters(this, i) };
}

/** One output item per event, following `nextCursor` until done or `limit` is reached. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const body = queryBody.call(this, i);
	return await queryEvents(this, body, itemLimit(this, i), i);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../../common/descriptions';
import { locatorId, parameterError } from '../../../common/parameters';
import { sampleRateField, streamRlc } from '../../descriptions';
import { updateStream } from '../../streamApi';
import { positiveInteger } from '../../pipelineParameters';

const properties: INodeProperties[] = [
	streamRlc,
	collection('updateFields', [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name of the stream' },
		sampleRateField,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['stream'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const fields = this.getNodeParameter('updateFields', i, {}) as { name?: string; sampleRate?: number };
	const body: { name?: string; sample_rate?: number } = {};
	if (fields.name !== undefined) {
		const name = String(fields.name).trim();
		if (name === '') throw parameterError(this, 'Name', 'must not be empty', i);
		body.name = name;
	}
	if (fields.sampleRate !== undefined) body.sample_rate = positiveInteger(this, fields.sampleRate, 'Sample Rate', i);
	if (Object.keys(body).length === 0) {
		throw parameterError(this, 'Update Fields', 'must set at least one field', i, 'Add Name or Sample Rate.');
	}
	return await updateStream(this, streamId, body, i);
}

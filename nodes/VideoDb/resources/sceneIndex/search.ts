import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId, parameterError, requiredText } from '../../../common/parameters';
import { collection } from '../../../common/descriptions';
import { countField, sceneIndexRlc, streamRlc } from '../../descriptions';
import type { SearchOptions } from '../../sceneIndexApi';
import { searchSceneIndex } from '../../sceneIndexApi';
import { positiveInteger } from '../../pipelineParameters';

const properties: INodeProperties[] = [
	streamRlc,
	sceneIndexRlc,
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. forklift near a person',
		description: 'What to look for in the scene descriptions, in plain language',
	},
	collection('options', [
		countField('Max Results', 'resultThreshold', 5, 'Max number of results to return'),
		{
			displayName: 'Min Score',
			name: 'scoreThreshold',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.2,
			description: 'Only results scoring at least this much, from 0 to 1',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['sceneIndex'], operation: ['search'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const sceneIndexId = locatorId(this, 'sceneIndexId', 'Scene Index', i);
	const query = requiredText(this, 'query', 'Query', i);
	const options = this.getNodeParameter('options', i, {}) as { resultThreshold?: number; scoreThreshold?: number };
	const body: SearchOptions = {};
	if (options.resultThreshold !== undefined) {
		body.result_threshold = positiveInteger(this, options.resultThreshold, 'Max Results', i);
	}
	if (options.scoreThreshold !== undefined) {
		const score = Number(options.scoreThreshold);
		if (!Number.isFinite(score) || score < 0 || score > 1) throw parameterError(this, 'Min Score', 'must be between 0 and 1', i);
		body.score_threshold = score;
	}
	const results = await searchSceneIndex(this, streamId, sceneIndexId, query, body, i);
	return results.map((result) => ({ ...result, stream_id: streamId }));
}

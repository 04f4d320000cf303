import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../../common/descriptions';
import { parameterError, requiredText } from '../../../common/parameters';
import { runItems } from '../../../common/runItems';
import { runModel } from '../../inferenceApi';
import { imageFields, readImage, withInputBinaries } from './image';

const fraction = (displayName: string, name: string, fallback: number, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
	default: fallback,
	description,
});

const properties: INodeProperties[] = [
	{
		displayName: 'Model ID',
		name: 'modelId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'hard-hat-sample-txcpu/2',
		description: "The model's project and version, as project/version (the model's page under Deploy)",
	},
	...imageFields,
	collection('options', [
		fraction('Confidence', 'confidence', 0.4, 'Only predictions at least this confident (0–1); Roboflow uses 0.4 when not set and never less than 0.01'),
		fraction('Overlap', 'overlap', 0.3, 'How much two boxes of one class may overlap before the less confident one is dropped (0–1); Roboflow uses 0.3 when not set'),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['inference'], operation: ['runModel'] } }, properties);

/** `project/version`, the only form the model route and Roboflow's SDK take. */
function modelPath(this: IExecuteFunctions, i: number): { project: string; version: string } {
	const modelId = requiredText(this, 'modelId', 'Model ID', i);
	const parts = modelId.split('/').map((part) => part.trim());
	if (parts.length !== 2 || parts.some((part) => part === '')) {
		throw parameterError(this, 'Model ID', 'must be project/version', i, `"${modelId}" is not of the form project/version, e.g. hard-hat-sample-txcpu/2.`);
	}
	return { project: parts[0], version: parts[1] };
}

/** An option between 0 and 1, or undefined when not set. */
function optionalFraction(this: IExecuteFunctions, value: unknown, displayName: string, i: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(number) || number < 0 || number > 1) {
		throw parameterError(this, displayName, 'must be a number from 0 to 1', i, `Got ${JSON.stringify(value)}.`);
	}
	return number;
}

/** One request per item: the prediction answer as Roboflow returns it. */
async function runOnItem(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { project, version } = modelPath.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const confidence = optionalFraction.call(this, options.confidence, 'Confidence', i);
	const overlap = optionalFraction.call(this, options.overlap, 'Overlap', i);
	const image = await readImage.call(this, i);
	return await runModel(this, { project, version, image, confidence, overlap }, i);
}

/** One output item per input item, with the input item's binaries (the image goes on to the next node). */
export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return withInputBinaries(this, await runItems(this, runOnItem));
}

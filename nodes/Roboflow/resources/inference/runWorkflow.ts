import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../../common/descriptions';
import { isRecord } from '../../../common/guards';
import { jsonValue, parameterError, requiredText, trimmedText } from '../../../common/parameters';
import { runItems } from '../../../common/runItems';
import { keyWorkspace, runWorkflow } from '../../inferenceApi';
import { imageFields, readImage, withInputBinaries } from './image';

const properties: INodeProperties[] = [
	{
		displayName: 'Workspace',
		name: 'workspace',
		type: 'string',
		default: '',
		placeholder: 'my-workspace',
		description:
			"The workspace's URL name, as in app.roboflow.com/my-workspace. Empty = the workspace the API key belongs to.",
	},
	{
		displayName: 'Workflow ID',
		name: 'workflowId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'detect-count-and-visualize',
		description: "The workflow's URL name, shown under Deploy in the Workflow editor",
	},
	...imageFields,
	{
		displayName: 'Image Input Name',
		name: 'imageInputName',
		type: 'string',
		default: 'image',
		required: true,
		description: 'The name of the image input the workflow declares (Inputs block)',
	},
	collection('additionalFields', [
		{
			displayName: 'Other Inputs (JSON)',
			name: 'inputsJson',
			type: 'json',
			default: '{}',
			description: 'Values for the other inputs of the workflow, by name, e.g. {"confidence": 0.5}',
		},
		{
			displayName: 'Use Cached Definition',
			name: 'useCache',
			type: 'boolean',
			default: true,
			description: 'Whether Roboflow may use its cached copy of the workflow; turn off to run an edit at once',
		},
		{
			displayName: 'Workflow Version ID',
			name: 'workflowVersionId',
			type: 'string',
			default: '',
			description: 'Run this saved version instead of the latest',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['inference'], operation: ['runWorkflow'] } }, properties);

/** The other workflow inputs: a JSON object that leaves the image input to Image Source. */
function otherInputs(this: IExecuteFunctions, raw: unknown, imageInput: string, i: number): IDataObject {
	if (raw === undefined || raw === null || raw === '') return {};
	const value = jsonValue(this, raw, 'Other Inputs (JSON)', i);
	if (!isRecord(value)) throw parameterError(this, 'Other Inputs (JSON)', 'must be a JSON object of input names and values', i);
	if (imageInput in value) {
		throw parameterError(this, 'Other Inputs (JSON)', `must not set the image input "${imageInput}"`, i, 'The image comes from Image Source.');
	}
	return value;
}

/** One request per item: `{outputs, …}` as Roboflow answers it. */
async function runOnItem(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const workspace = trimmedText(this.getNodeParameter('workspace', i, ''));
	const workflowId = requiredText(this, 'workflowId', 'Workflow ID', i);
	const imageInput = requiredText(this, 'imageInputName', 'Image Input Name', i);
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const inputs = otherInputs.call(this, additional.inputsJson, imageInput, i);
	inputs[imageInput] = await readImage.call(this, i);
	return await runWorkflow(
		this,
		{
			workspace: workspace || (await keyWorkspace(this, i)),
			workflowId,
			inputs,
			useCache: additional.useCache !== false,
			workflowVersionId: trimmedText(additional.workflowVersionId) || undefined,
		},
		i,
	);
}

/** One output item per input item, with the input item's binaries (the image goes on to the next node). */
export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return withInputBinaries(this, await runItems(this, runOnItem));
}

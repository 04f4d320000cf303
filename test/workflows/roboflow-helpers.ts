/**
 * Shared set-up of the Roboflow workflow suites: one sandbox per suite, reset before every test,
 * and a runner for Start → [Binary] → Roboflow inside n8n's WorkflowExecute.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Roboflow } from '../../nodes/Roboflow/Roboflow.node';
import type { LoggedRequest, Sandbox } from '../../sandbox';
import { SANDBOX_KEYS } from '../../sandbox';
import { testNodeType } from '../helpers/nodeTypes';
import type { RunResult } from '../helpers/workflow';
import { PACKAGE, runWorkflow } from '../helpers/workflow';

export const ROBOFLOW_TYPE = `${PACKAGE}.roboflow`;
export const NODE = 'Roboflow';

export { useSandbox } from '../helpers/sandbox';

/**
 * Stand-in for a node that reads files: turns `json.imageBase64` (+ `fileName`, `mimeType`) into
 * the binary field `json.binaryField` (default `data`), the way n8n items carry binary data.
 */
export const binaryImageNode = testNodeType('binaryImage', async function () {
	return [
		this.getInputData().map((item, i) => {
			const { imageBase64, fileName, mimeType, binaryField, ...json } = item.json as IDataObject;
			if (typeof imageBase64 !== 'string') return { json, pairedItem: { item: i } };
			return {
				json,
				binary: {
					[(binaryField as string) ?? 'data']: {
						data: imageBase64,
						fileName: fileName as string,
						mimeType: (mimeType as string) ?? 'image/png',
					},
				},
				pairedItem: { item: i },
			};
		}),
	];
});

export interface RunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	apiKey?: string;
	/** Put the binary stand-in between Start and Roboflow. */
	binary?: boolean;
}

export async function runRoboflow(
	sandbox: Pick<Sandbox, 'roboflowUrl'> & Partial<Pick<Sandbox, 'inferenceUrl'>>,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunResult> {
	const roboflowNode = {
		name: NODE,
		type: ROBOFLOW_TYPE,
		parameters,
		continueOnFail: options.continueOnFail,
	};
	return await runWorkflow({
		nodes: options.binary
			? [{ name: 'Binary Image', type: 'test.binaryImage', parameters: {} }, roboflowNode]
			: [roboflowNode],
		nodeTypes: { [ROBOFLOW_TYPE]: new Roboflow(), 'test.binaryImage': binaryImageNode },
		credentials: {
			roboflowApi: {
				apiKey: options.apiKey ?? SANDBOX_KEYS.roboflow,
				baseUrl: sandbox.roboflowUrl,
				...(sandbox.inferenceUrl ? { inferenceUrl: sandbox.inferenceUrl } : {}),
			},
		},
		items: options.items,
	});
}

/** The create parameters in "Fields" mode, for use case `useCaseId`. */
export function createParams(useCaseId: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'visionEvent',
		operation: 'create',
		useCaseId: { __rl: true, mode: 'id', value: useCaseId },
		...extra,
	};
}

/** The create parameters in "Item JSON" mode. */
export function itemModeParams(options: IDataObject = {}, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'visionEvent',
		operation: 'create',
		inputMode: 'item',
		options,
		...extra,
	} as INodeParameters;
}

/** Roboflow API requests (not control calls) to `path`, e.g. `/vision-events`. */
export function apiCalls(sandbox: Sandbox, path?: string, method = 'POST'): LoggedRequest[] {
	return sandbox.requests({ service: 'roboflow', method, ...(path ? { path } : {}) });
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

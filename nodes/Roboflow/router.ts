import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemOperation } from '../common/runItems';
import { chosenOperation, runItems } from '../common/runItems';
import type { RoboflowOperation, RoboflowResource } from './node.type';
import * as image from './resources/image';
import * as inference from './resources/inference';
import * as useCase from './resources/useCase';
import * as visionEvent from './resources/visionEvent';

/**
 * An operation runs per item through the shared runner (`execute`), or takes all items at once
 * (`executeAll`) when it must group them, as Create does for the batch endpoint, or carry the
 * input items' binaries on, as the inference operations do.
 */
type OperationModule =
	| { execute: ItemOperation; executeAll?: undefined }
	| { executeAll: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>; execute?: undefined };

type OperationMap = { [R in RoboflowResource]: { [O in RoboflowOperation<R>]: OperationModule } };

export const operations: OperationMap = {
	visionEvent: { create: visionEvent.create, query: visionEvent.query, delete: visionEvent.delete },
	image: { upload: image.upload },
	useCase: { getAll: useCase.getAll, create: useCase.create },
	inference: { runWorkflow: inference.runWorkflow, runModel: inference.runModel },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const module = chosenOperation<OperationModule>(this, operations);
	const items = module.executeAll
		? await module.executeAll.call(this)
		: await runItems(this, module.execute);
	return [items];
}

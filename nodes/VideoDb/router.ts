import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOperation } from '../common/runItems';
import { runItems } from '../common/runItems';
import type { ResourceOperationMap } from './node.type';
import * as alert from './resources/alert';
import * as event from './resources/event';
import * as sceneIndex from './resources/sceneIndex';
import * as stream from './resources/stream';

export const operations: ResourceOperationMap<ItemOperation> = {
	event: { create: event.create.execute, getAll: event.getAll.execute },
	alert: {
		create: alert.create.execute,
		getAll: alert.getAll.execute,
		enable: alert.enable.execute,
		disable: alert.disable.execute,
	},
	stream: {
		create: stream.create.execute,
		get: stream.get.execute,
		getAll: stream.getAll.execute,
		update: stream.update.execute,
		start: stream.start.execute,
		stop: stream.stop.execute,
		getPlaybackUrl: stream.getPlaybackUrl.execute,
		export: stream.exportStream.execute,
	},
	sceneIndex: {
		create: sceneIndex.create.execute,
		get: sceneIndex.get.execute,
		getAll: sceneIndex.getAll.execute,
		updatePrompt: sceneIndex.updatePrompt.execute,
		start: sceneIndex.start.execute,
		stop: sceneIndex.stop.execute,
		getRecords: sceneIndex.getRecords.execute,
		search: sceneIndex.search.execute,
	},
};

/** Runs the chosen operation once per input item (resource and operation take no expressions). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const byOperation = (operations as Record<string, Record<string, ItemOperation> | undefined>)[resource];
	const execute = byOperation && Object.prototype.hasOwnProperty.call(byOperation, operation) ? byOperation[operation] : undefined;
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}
	return [await runItems(this, execute)];
}

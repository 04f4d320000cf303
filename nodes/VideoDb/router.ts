import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemOperation } from '../common/runItems';
import { chosenOperation, runItems } from '../common/runItems';
import type { VideoDbOperation, VideoDbResource } from './node.type';
import * as alert from './resources/alert';
import * as event from './resources/event';
import * as sceneIndex from './resources/sceneIndex';
import * as stream from './resources/stream';

/** Every VideoDB operation runs per item through the shared runner. */
type OperationModule = { execute: ItemOperation };

type OperationMap = { [R in VideoDbResource]: { [O in VideoDbOperation<R>]: OperationModule } };

export const operations: OperationMap = {
	event: { create: event.create, getAll: event.getAll },
	alert: { create: alert.create, getAll: alert.getAll, enable: alert.enable, disable: alert.disable },
	stream: {
		create: stream.create,
		get: stream.get,
		getAll: stream.getAll,
		update: stream.update,
		start: stream.start,
		stop: stream.stop,
		getPlaybackUrl: stream.getPlaybackUrl,
		export: stream.export,
	},
	sceneIndex: {
		create: sceneIndex.create,
		get: sceneIndex.get,
		getAll: sceneIndex.getAll,
		updatePrompt: sceneIndex.updatePrompt,
		start: sceneIndex.start,
		stop: sceneIndex.stop,
		getRecords: sceneIndex.getRecords,
		search: sceneIndex.search,
	},
};

/** Runs the chosen operation once per input item (resource and operation take no expressions). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const module = chosenOperation<OperationModule>(this, operations);
	return [await runItems(this, module.execute)];
}

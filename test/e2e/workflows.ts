/** Workflow JSON and run data shared by the trigger suites: a trigger wired to a NoOp, and a node's output items. */
import { randomUUID } from 'node:crypto';

import { SEED } from '../../sandbox';
import type { ExecutionSummary, WorkflowJson } from './n8n';

/** A node as the editor exports it, without its canvas position. */
type NodeJson = { id: string; name: string; type: string; typeVersion: number; parameters: object; [key: string]: unknown };
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** `trigger` → NoOp "Done": the smallest workflow whose executions keep what the trigger emitted. */
export function triggerWorkflow(name: string, trigger: NodeJson): WorkflowJson {
	return {
		name,
		nodes: [
			{ ...trigger, position: [0, 0] },
			{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { [trigger.name]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * VideoDB Alert Trigger for "person on dock" on `sceneIndexId` of `streamId` → Done. typeVersion 1.1 is
 * what a new node gets, 1 what older saved workflows hold.
 */
export function alertTriggerWorkflow(
	webhookId: string,
	credential: { id: string; name: string },
	{
		typeVersion = 1.1,
		streamId = SEED.streams.warehouseDock as string,
		sceneIndexId = SEED.sceneIndexes.dockActivity as string,
	}: { typeVersion?: number; streamId?: string; sceneIndexId?: string } = {},
): WorkflowJson {
	return triggerWorkflow(`e2e alert trigger ${webhookId.slice(0, 8)}`, {
		id: randomUUID(),
		name: 'VideoDB Alert Trigger',
		type: 'n8n-nodes-videodb-roboflow.videoDbAlertTrigger',
		typeVersion,
		webhookId,
		parameters: {
			streamId: rl(streamId),
			sceneIndexId: rl(sceneIndexId),
			eventSource: 'existing',
			eventId: rl(SEED.events.personOnDock),
			options: {},
		},
		credentials: { videoDbApi: credential },
	});
}

type RunData = Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>;

/** The JSON of the items `node` output in its first run of `execution` (empty when it output nothing). */
export function nodeItems(execution: ExecutionSummary, node: string): Array<Record<string, unknown>> {
	const runData = (execution.data as unknown as { resultData: { runData: RunData } }).resultData.runData;
	return (runData[node]?.[0]?.data?.main[0] ?? []).map((item) => item.json);
}

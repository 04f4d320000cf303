/**
 * Node types for the harness: `testNodeType` declares a stand-in node in one call, and
 * `makeNodeTypes` is the registry WorkflowExecute looks types up in.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, INodeTypes } from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

export const START = 'Start';

/** n8n's Manual Trigger, which workflow files start from; the harness stands in for it. */
export const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/**
 * A version-1 node type with one main input and output; `description` overrides the defaults
 * (inputs, credentials, properties). Without `execute` it is a declarative (routing) node.
 */
export function testNodeType(
	name: string,
	execute?: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>,
	description: Partial<INodeTypeDescription> = {},
): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: 1,
			description: `Test node ${name}`,
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
			...description,
		},
		...(execute ? { execute } : {}),
	};
}

/** Stand-in for the Manual Trigger: emits the items the test gives it. */
const startNode = testNodeType(
	'testStart',
	async function () {
		return [this.getInputData()];
	},
	{ inputs: [], group: ['input'] },
);

/** The given types plus the start node (`test.start`, and in workflow files the Manual Trigger). */
export function makeNodeTypes(types: Record<string, INodeType>): INodeTypes {
	const all: Record<string, INodeType> = { 'test.start': startNode, [MANUAL_TRIGGER]: startNode, ...types };
	return {
		getByName: (type) => all[type],
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(all[type], version),
		getKnownTypes: () => ({}),
	};
}

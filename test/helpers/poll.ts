/**
 * Drives a polling trigger the way n8n 2.41 does between activation and deactivation: one
 * Workflow object whose static data lives across polls, one n8n-core PollContext per activation
 * (n8n polls through the same context until the workflow is switched off), each poll run by
 * n8n-core's TriggersAndPollers. `restart()` is an n8n restart: a new Workflow loaded with the
 * static data n8n last saved (it saves it when a poll emits, and after activation).
 */
import { PollContext, TriggersAndPollers } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { TestCredentials } from './n8n';
import { credentialRefs, testAdditionalData } from './n8n';
import { makeNodeTypes } from './nodeTypes';

export interface PollHarness {
	/** Switches the workflow on (`activate`), or brings it back after a restart (`init`), and runs the activation poll. */
	activate(activation?: WorkflowActivateMode): Promise<INodeExecutionData[] | null>;
	/** One scheduled poll; the items it emits, or null. Throws what the poll throws. */
	poll(): Promise<INodeExecutionData[] | null>;
	/** *Fetch Test Event* in the editor: a poll in manual mode. */
	fetchTestEvent(): Promise<INodeExecutionData[] | null>;
	/** The node's static data as n8n holds it in memory. */
	staticData(): IDataObject;
	/** n8n restarts: the in-memory static data is lost, the last saved copy is loaded. */
	restart(): void;
	setParameters(parameters: INodeParameters): void;
}

export function pollHarness(options: {
	type: string;
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: TestCredentials;
}): PollHarness {
	const node: INode = {
		id: 'trigger-node',
		name: 'Trigger',
		type: options.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: credentialRefs(options.credentials),
	};
	const additionalData = testAdditionalData(options.credentials);
	const pollers = new TriggersAndPollers();
	let saved: IDataObject = {};
	let workflow: Workflow;
	let context: PollContext | undefined;

	const load = () => {
		workflow = new Workflow({
			id: 'poll-workflow',
			nodes: [{ ...node }],
			connections: {},
			nodeTypes: makeNodeTypes({ [options.type]: options.nodeType }),
			active: true,
			settings: {},
			staticData: JSON.parse(JSON.stringify(saved)) as IDataObject,
		});
	};
	const save = () => {
		saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	};
	const run = async (ctx: PollContext) => {
		const result = await pollers.runPollFunction(workflow, workflow.getNode('Trigger') as INode, ctx);
		// n8n saves static data with every emit (and after activation), not after an empty poll.
		if (result !== null) save();
		return result === null ? null : result[0];
	};
	const newContext = (mode: 'trigger' | 'manual', activation: WorkflowActivateMode) =>
		new PollContext(workflow, workflow.getNode('Trigger') as INode, additionalData, mode, activation);
	load();

	return {
		async activate(activation = 'activate') {
			context = newContext('trigger', activation);
			const result = await run(context);
			save();
			return result;
		},
		async poll() {
			if (!context) throw new Error('activate() first');
			return await run(context);
		},
		async fetchTestEvent() {
			return await run(newContext('manual', 'manual'));
		},
		staticData: () => workflow.getStaticData('node', workflow.getNode('Trigger') as INode),
		restart() {
			context = undefined;
			load();
		},
		setParameters(parameters) {
			node.parameters = parameters;
			save();
			load();
		},
	};
}

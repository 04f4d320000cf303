/**
 * Runs real workflows inside n8n-core's WorkflowExecute, the engine n8n itself uses, so node
 * tests exercise parameter resolution, expressions, credentials, pairedItem and error handling
 * the way n8n does. Only the credential store is a stand-in (./n8n.ts: fixture data, no DB).
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialTestRequest,
	IConnections,
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWorkflowBase,
	IWorkflowSettings,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import type { TestCredentials } from './n8n';
import { CREDENTIAL_TYPES, credentialRefs, testAdditionalData } from './n8n';
import { MANUAL_TRIGGER, makeNodeTypes, START, testNodeType } from './nodeTypes';

export { makeNodeTypes, START } from './nodeTypes';

export const PACKAGE = 'n8n-nodes-videodb-roboflow';

export interface RunOptions {
	/** The node(s) under test, chained after the start node in this order. */
	nodes: Array<Omit<INode, 'id' | 'position' | 'typeVersion'> & Partial<Pick<INode, 'typeVersion'>>>;
	nodeTypes: Record<string, INodeType>;
	credentials: TestCredentials;
	/** Items the start node emits (default one empty item). */
	items?: IDataObject[];
	/** Workflow settings, e.g. `{ timezone: 'UTC' }`. */
	settings?: IWorkflowSettings;
	/** Called once the run started, with what cancels it the way n8n's Stop button does. */
	started?: (cancel: () => void) => void;
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** The first output of a node's first run (json only); [] when it did not run. */
	json(nodeName: string): IDataObject[];
	items(nodeName: string): INodeExecutionData[];
	error: IRun['data']['resultData']['error'];
}

/** Builds Start → node1 → node2 … and runs it in WorkflowExecute, mode 'manual'. */
export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const nodes: INode[] = [
		{ id: 'start', name: START, type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} },
		...options.nodes.map((node, index) => ({
			typeVersion: 1,
			...node,
			id: `node-${index}`,
			position: [200 * (index + 1), 0] as [number, number],
			credentials: node.credentials ?? credentialRefs(options.credentials),
		})),
	];
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: NodeConnectionTypes.Main, index: 0 }]] };
	}
	return await execute({
		nodes,
		connections,
		settings: options.settings ?? {},
		nodeTypes: options.nodeTypes,
		credentials: options.credentials,
		start: START,
		items: options.items ?? [{}],
		started: options.started,
	});
}

/** A workflow as the editor exports it (the fields a run reads). */
export interface WorkflowFile {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

/**
 * Runs a workflow file from its Manual Trigger (which emits one empty item), mode 'manual'. The
 * nodes' credential references are kept; `credentials` answers for each credential type.
 */
export async function runWorkflowFile(
	workflow: WorkflowFile,
	options: Pick<RunOptions, 'nodeTypes' | 'credentials'>,
): Promise<RunResult> {
	const trigger = workflow.nodes.find((node) => node.type === MANUAL_TRIGGER);
	if (!trigger) throw new Error(`The workflow has no ${MANUAL_TRIGGER} node to start from`);
	return await execute({
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? {},
		nodeTypes: options.nodeTypes,
		credentials: options.credentials,
		start: trigger.name,
		items: [{}],
	});
}

interface Execution {
	nodes: INode[];
	connections: IConnections;
	settings: IWorkflowSettings;
	nodeTypes: Record<string, INodeType>;
	credentials: TestCredentials;
	/** The node the run starts at, and the items it emits. */
	start: string;
	items: IDataObject[];
	started?: (cancel: () => void) => void;
}

async function execute(options: Execution): Promise<RunResult> {
	const { nodes, connections, settings } = options;
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes,
		connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const workflow = new Workflow({
		id: workflowData.id,
		nodes,
		connections,
		nodeTypes: makeNodeTypes(options.nodeTypes),
		active: false,
		settings,
	});
	const additionalData = testAdditionalData(options.credentials, {
		executionId: 'test-execution',
		hooks: new ExecutionLifecycleHooks('manual', 'test-execution', workflowData),
	});
	const items = options.items.map((json) => ({ json }));
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode(options.start)!, data: { main: [items] }, source: null }],
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	options.started?.(() => execution.cancel());
	const run = await execution;
	const itemsOf = (name: string): INodeExecutionData[] =>
		run.data.resultData.runData[name]?.[0]?.data?.main?.[0] ?? [];
	return {
		run,
		status: run.status,
		items: itemsOf,
		json: (name) => itemsOf(name).map((item) => item.json),
		error: run.data.resultData.error,
	};
}

/**
 * The editor's credential "Test" in-process (test/e2e/package.e2e.test.ts runs it in a real n8n;
 * this one also lets tests check the request against the sandbox). Mirrors n8n's
 * CredentialsTester.runRequestTest (packages/cli credentials-tester.service.ts): the test request
 * is the routing request of a node's one property; a failed request fails the test; then each
 * `responseSuccessBody` rule fails it when the body's value at `key` equals the rule's `value`.
 */
export async function testCredential(
	type: string,
	data: TestCredentials[string],
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const test = CREDENTIAL_TYPES[type].test as ICredentialTestRequest;
	const node = testNodeType('credentialTest', undefined, {
		credentials: [{ name: type, required: true }],
		properties: [{ displayName: 'Test', name: 'test', type: 'hidden', default: '', routing: { request: test.request } }],
	});
	const result = await runWorkflow({
		nodes: [{ name: 'Credential Test', type: 'test.credentialTest', parameters: {} }],
		nodeTypes: { 'test.credentialTest': node },
		credentials: { [type]: data },
	});
	if (result.status !== 'success') return { status: 'Error', message: result.error?.message ?? 'failed' };
	const body = result.json('Credential Test')[0] ?? {};
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = rule.properties.key.split('.').reduce<unknown>((v, k) => (v as IDataObject)?.[k], body);
		if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * The context n8n builds when the editor asks a node's list search for the parameter at `path`
 * while the node holds `parameters`: n8n-core's own LoadOptionsContext, so credentials,
 * `getCurrentNodeParameter(…, { extractValue: true })` and the request helpers are n8n's.
 */
export function listSearchContext(options: {
	type: string;
	nodeType: INodeType;
	parameters: INodeParameters;
	path: string;
	credentials: TestCredentials;
}): ILoadOptionsFunctions {
	const node: INode = {
		id: 'list-search-node',
		name: 'Node',
		type: options.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: credentialRefs(options.credentials),
	};
	const workflow = new Workflow({
		id: 'list-search',
		nodes: [node],
		connections: {},
		nodeTypes: makeNodeTypes({ [options.type]: options.nodeType }),
		active: false,
		settings: {},
	});
	const additionalData = testAdditionalData(options.credentials, { currentNodeParameters: options.parameters });
	return new LoadOptionsContext(workflow, node, additionalData, `parameters.${options.path}`);
}

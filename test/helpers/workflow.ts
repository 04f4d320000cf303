/**
 * Runs real workflows inside n8n-core's WorkflowExecute, the engine n8n itself uses, so node
 * tests exercise parameter resolution, expressions, credentials, pairedItem and error handling
 * the way n8n does. Only the credential store is a stand-in (fixture data instead of a DB).
 */
import { ErrorReporter, ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeParameters,
	IWorkflowSettings,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { RoboflowApi } from '../../credentials/RoboflowApi.credentials';
import { VideoDbApi } from '../../credentials/VideoDbApi.credentials';

// n8n-core's error reporter prints every failed request's stack; failure paths are what many
// tests exercise, and they assert on the run data instead. TEST_VERBOSE=1 keeps the output.
// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test helper, not node code: TEST_VERBOSE from the environment
if (!process.env.TEST_VERBOSE) (ErrorReporter.prototype as unknown as { defaultReport: () => void }).defaultReport = () => {};

export const PACKAGE = 'n8n-nodes-videodb-roboflow';
export const START = 'Start';

/** Stand-in for the Manual Trigger: emits the items the test gives it. */
class StartNode implements INodeType {
	description = {
		displayName: 'Start',
		name: 'testStart',
		group: ['input'],
		version: 1,
		description: 'Emits the test input items',
		defaults: { name: START },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	videoDbApi: new VideoDbApi(),
	roboflowApi: new RoboflowApi(),
};

/** Fixture credential store that applies `authenticate` the way n8n's CredentialsHelper does. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const auth = CREDENTIAL_TYPES[typeName]?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const resolve = (value: unknown) =>
			workflow && node
				? workflow.expression.getParameterValue(value as string, null, 0, 0, node.name, [], 'internal', {
						$credentials: credentials,
					})
				: value;
		for (const part of ['headers', 'qs', 'body'] as const) {
			const values = auth.properties[part] as IDataObject | undefined;
			if (!values) continue;
			const target = ((requestOptions as unknown as Record<string, IDataObject>)[part] ??= {});
			for (const [key, value] of Object.entries(values)) target[key] = resolve(value) as IDataObject[string];
		}
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

export function makeNodeTypes(types: Record<string, INodeType>): INodeTypes {
	const all: Record<string, INodeType> = { 'test.start': new StartNode(), ...types };
	return {
		getByName: (type) => all[type],
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(all[type], version),
		getKnownTypes: () => ({}),
	};
}

export interface RunOptions {
	/** The node(s) under test, chained after the start node in this order. */
	nodes: Array<Omit<INode, 'id' | 'position' | 'typeVersion'> & Partial<Pick<INode, 'typeVersion'>>>;
	nodeTypes: Record<string, INodeType>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Items the start node emits (default one empty item). */
	items?: IDataObject[];
	/** Workflow settings, e.g. `{ timezone: 'UTC' }`. */
	settings?: IWorkflowSettings;
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
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes,
		connections,
		settings: options.settings ?? {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		nodes,
		connections,
		nodeTypes: makeNodeTypes(options.nodeTypes),
		active: false,
		settings: options.settings ?? {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	const additionalData = {
		executionId: 'test-execution',
		hooks,
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		currentNodeParameters: undefined,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode(START)!, data: { main: [items] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
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

function credentialRefs(credentials: Record<string, ICredentialDataDecryptedObject>) {
	return Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: `${type}-id`, name: type }]));
}

/** A declarative node whose one property carries the credential's test request, as n8n builds it. */
function credentialTestNode(type: string, request: ICredentialTestRequest['request']): INodeType {
	return {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Credential Test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: type, required: true }],
			properties: [{ displayName: 'Test', name: 'test', type: 'hidden', default: '', routing: { request } }],
		},
	};
}

/**
 * Tests a credential the way n8n's CredentialsTester does: its test request runs through the
 * RoutingNode; a non-2xx answer fails; each `responseSuccessBody` rule fails the test when the
 * body's value at `key` equals the rule's `value`.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const test = CREDENTIAL_TYPES[type].test as ICredentialTestRequest;
	const result = await runWorkflow({
		nodes: [{ name: 'Credential Test', type: 'test.credentialTest', parameters: {} }],
		nodeTypes: { 'test.credentialTest': credentialTestNode(type, test.request) },
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
	credentials: Record<string, ICredentialDataDecryptedObject>;
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
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		currentNodeParameters: options.parameters,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, `parameters.${options.path}`);
}

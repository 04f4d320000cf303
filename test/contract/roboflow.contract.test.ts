/**
 * Contract suite, Roboflow: every Roboflow call the package makes, made the way the package makes
 * it (the Roboflow node in n8n's WorkflowExecute, its use case picker, the credential test), each
 * exchange held against the contract written from Roboflow's own clients, and each inference call
 * against the one written from its inference server. `npm test` runs it against the sandbox;
 * `npm run test:live` with ROBOFLOW_API_KEY against the real service (reads, plus vision events
 * written into ROBOFLOW_USE_CASE_ID and deleted again; inference with ROBOFLOW_MODEL_ID and
 * ROBOFLOW_WORKFLOW_ID, which only read).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Roboflow } from '../../nodes/Roboflow/Roboflow.node';
import { listSearchContext, testCredential } from '../helpers/workflow';
import { createParams, itemModeParams, NODE, ROBOFLOW_TYPE, runRoboflow, type RunOptions } from '../workflows/roboflow-helpers';
import { dockItem, useImageServer } from '../workflows/roboflow-inference-helpers';
import { conformanceRows, offeredOperations } from './conformance-doc';
import { inferenceSpec, roboflowSpec } from './roboflow-spec';
import type { Target } from './target';
import { LIVE, startTarget, targetAvailable, targetIds } from './target';

let target: Target;
const ran = new Set<string>();
const calls = new Set<string>();
const inferenceCalls = new Set<string>();
const ids = targetIds('roboflow');
const useCase = () => ({ __rl: true, mode: 'id', value: ids.useCaseId! });
const withUseCase = ids.useCaseId ? test : test.skip;
const withModel = ids.modelId ? test : test.skip;
const withWorkflow = ids.workflowId ? test : test.skip;
const images = useImageServer();
/** Calls that create what the API cannot delete (use cases, image sources): the sandbox only. */
const sandboxOnly = LIVE ? test.skip : test;
// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

beforeAll(async () => {
	target = await startTarget('roboflow');
});
afterAll(async () => await target?.close());

function conforms(): void {
	for (const exchange of target.recorder.exchanges) {
		const id = roboflowSpec().operationOf(exchange);
		if (id) calls.add(id);
	}
	for (const exchange of target.inference?.exchanges ?? []) {
		const id = inferenceSpec().operationOf(exchange);
		if (id) inferenceCalls.add(id);
	}
	expect(target.problems()).toEqual([]);
}

async function node(parameters: INodeParameters, options: RunOptions = {}): Promise<IDataObject[]> {
	const result = await runRoboflow({ roboflowUrl: target.baseUrl, inferenceUrl: target.inferenceUrl }, parameters, { apiKey: target.apiKey, ...options });
	if (result.status !== 'success') throw new Error(`${String(parameters.resource)} → ${String(parameters.operation)}: ${result.error?.message}`);
	ran.add(`${String(parameters.resource)}.${String(parameters.operation)}`);
	conforms();
	return result.json(NODE);
}

const suite = targetAvailable('roboflow') ? describe : describe.skip;

suite(`Roboflow, every call against ${LIVE ? 'the real service' : 'the sandbox'}`, () => {
	test('credential test: GET /', async () => {
		expect((await testCredential('roboflowApi', { apiKey: target.apiKey, baseUrl: target.baseUrl })).status).toBe('OK');
		conforms();
	});

	test('Use Case → Get Many (active, inactive) and the use case picker', async () => {
		await node({ resource: 'useCase', operation: 'getAll' });
		await node({ resource: 'useCase', operation: 'getAll', status: 'inactive' });
		const context = listSearchContext({
			type: ROBOFLOW_TYPE,
			nodeType: new Roboflow(),
			parameters: { resource: 'visionEvent', operation: 'query' },
			path: 'useCaseId',
			credentials: { roboflowApi: { apiKey: target.apiKey, baseUrl: target.baseUrl } },
		});
		await new Roboflow().methods.listSearch.searchUseCases.call(context, '');
		conforms();
	});

	withUseCase('Vision Event → Create (one, and a batch of two), Query (paged) and Delete them again', async () => {
		const stamp = `contract-${Date.now()}`;
		const [one] = await node(createParams(ids.useCaseId!, { eventType: 'custom', value: 'contract check', additionalFields: { externalId: stamp } }));
		const now = Date.now();
		const rows = [0, 1].map((n) => ({ eventType: 'custom', useCaseId: ids.useCaseId, timestamp: new Date(now - n * 1000).toISOString(), eventData: { value: `contract check ${n}`, externalId: stamp } }));
		const batch = await node(itemModeParams({ batchSize: 2 }), { items: rows });
		const created = [one, ...batch].map((out) => String(out.eventId));
		const found = await node({ resource: 'visionEvent', operation: 'query', useCaseId: useCase(), startTime: new Date(now - 3_600_000).toISOString(), returnAll: true });
		expect(found.map((event) => event.eventId)).toEqual(expect.arrayContaining(created));
		await node({ resource: 'visionEvent', operation: 'query', useCaseId: useCase(), limit: 1 });
		const [deleted] = await node({ resource: 'visionEvent', operation: 'delete', useCaseId: useCase(), eventIds: created.join(',') });
		expect(deleted).toMatchObject({ deleted: 3 });
	});

	sandboxOnly('Image → Upload; Vision Event → Create with an image binary (upload, then the event); Use Case → Create', async () => {
		const image = { imageBase64: PNG, fileName: 'dock.png', mimeType: 'image/png' };
		await node({ resource: 'image', operation: 'upload', binaryPropertyName: 'data', additionalFields: { name: 'dock', metadata: '{"camera":"dock"}' } }, { binary: true, items: [image] });
		await node(createParams(ids.useCaseId!, { eventType: 'custom', value: 'with an image', additionalFields: { imageBinaryProperty: 'data' } }), { binary: true, items: [image] });
		await node({ resource: 'useCase', operation: 'create', name: `Contract check ${Date.now()}` });
	});

	withModel('Inference → Run Model on an image binary; in the sandbox also on an image URL', async () => {
		const [answer] = await node({ resource: 'inference', operation: 'runModel', modelId: ids.modelId!, options: { confidence: 0.3 } }, { binary: true, items: [dockItem()] });
		expect(answer).toHaveProperty('predictions');
		if (LIVE) return;
		await node({ resource: 'inference', operation: 'runModel', modelId: ids.modelId!, imageSource: 'url', imageUrl: images.url('dock.png') });
	});

	withWorkflow('Inference → Run Workflow on an image binary (an empty Workspace: the key\'s own, from GET /)', async () => {
		const [answer] = await node(
			{ resource: 'inference', operation: 'runWorkflow', workspace: ids.workspace ?? '', workflowId: ids.workflowId!, additionalFields: { useCache: false } },
			{ binary: true, items: [dockItem()] },
		);
		expect(Array.isArray(answer.outputs)).toBe(true);
	});

	sandboxOnly('coverage: every Roboflow operation of the node ran, and every call made has its row in docs/CONFORMANCE.md', () => {
		expect([...ran].sort()).toEqual(offeredOperations(new Roboflow().description));
		expect([...calls].sort()).toEqual(conformanceRows('Roboflow').sort());
		expect([...inferenceCalls].sort()).toEqual(conformanceRows('Roboflow hosted inference').sort());
	});
});

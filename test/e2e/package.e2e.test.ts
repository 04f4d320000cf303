/**
 * The package inside a real n8n (2.41.1; N8N_VERSION=1.123.x for the last 1.x line): installed the way
 * Community Nodes installs it, its node and credential types are what the editor lists (tool variants
 * included), the locators' list searches answer, and n8n's own credential test (the editor's "Test"
 * request) passes with a good key and fails with a wrong one, against the local sandbox.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test, not node code: reads the installed package files
import { existsSync, readFileSync } from 'node:fs';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test, not node code: paths of the installed package
import { join } from 'node:path';

import { SANDBOX_KEYS, SEED, startSandbox } from '../../sandbox';
import { REPO_ROOT, startN8n, type N8n } from './n8n';

const PKG = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

/** The node types the package must ship , as n8n names them: `<package>.<node name>`. */
const REQUIRED_NODE_TYPES = ['videoDb', 'videoDbAlertTrigger', 'roboflow', 'roboflowTrigger'].map((n) => `${PKG.name}.${n}`);
const REQUIRED_CREDENTIAL_TYPES = ['videoDbApi', 'roboflowApi'];

/** Node type names declared by the built files listed in package.json `n8n.nodes` (those that exist). */
async function declaredNodeTypes(): Promise<string[]> {
	const names: string[] = [];
	for (const file of PKG.n8n.nodes) {
		const abs = join(REPO_ROOT, file);
		if (!existsSync(abs)) continue; // reported by the "declared files" test
		const mod = (await import(abs)) as Record<string, new () => { description: { name: string } }>;
		for (const Cls of Object.values(mod)) {
			if (typeof Cls === 'function') names.push(`${PKG.name}.${new Cls().description.name}`);
		}
	}
	return names;
}

describe('package in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Awaited<ReturnType<typeof startSandbox>>;

	beforeAll(async () => {
		sandbox = await startSandbox();
		n8n = await startN8n({ packageDir: REPO_ROOT });
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
	});

	it('installs the packed package under .n8n/nodes/node_modules with every declared file', () => {
		const installed = join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', PKG.name);
		const missing = [...PKG.n8n.nodes, ...PKG.n8n.credentials].filter((f) => !existsSync(join(installed, f)));
		expect(missing).toEqual([]);
	});

	it('loads the package without errors', () => {
		const lines = n8n.logs().split('\n');
		// n8n logs the failing file (e.g. "Cannot find module …/dist/nodes/X/X.node.js") right after this line.
		const failures = lines
			.map((line, i) => ({ line, i }))
			.filter(({ line }) => line.includes(`Failed to load package "${PKG.name}"`))
			.map(({ i }) => lines.slice(i, i + 2).join(' | '));
		expect(failures).toEqual([]);
	});

	it('lists the four nodes in the editor node list (GET /types/nodes.json)', async () => {
		const types = new Set((await n8n.nodeTypes()).map((t) => t.name));
		const expected = [...new Set([...REQUIRED_NODE_TYPES, ...(await declaredNodeTypes())])].sort();
		expect(expected.filter((name) => !types.has(name))).toEqual([]);
	});

	it('knows both credential types (GET /types/credentials.json)', async () => {
		const types = new Set((await n8n.credentialTypes()).map((t) => t.name));
		expect(REQUIRED_CREDENTIAL_TYPES.filter((name) => !types.has(name))).toEqual([]);
	});

	it('offers the VideoDB and Roboflow nodes as AI agent tools (usableAsTool), not the trigger', async () => {
		const types = new Set((await n8n.nodeTypes()).map((t) => t.name));
		const tools = ['videoDbTool', 'roboflowTool', 'videoDbAlertTriggerTool'].map((n) => `${PKG.name}.${n}`);
		expect(tools.map((name) => types.has(name))).toEqual([true, true, false]);
	});

	it("answers the locators' list searches the editor sends (streams, then the chosen stream's scene indexes)", async () => {
		const credentials = { videoDbApi: { id: await n8n.createCredential('videoDbApi', 'VideoDB lists', { apiKey: SANDBOX_KEYS.videodb, baseUrl: sandbox.videodbUrl }), name: 'VideoDB lists' } };
		const search = async (path: string, methodName: string, streamId: string) =>
			await n8n.rest<{ results: Array<{ name: string; value: string }> }>('POST', '/dynamic-node-parameters/resource-locator-results', {
				path,
				methodName,
				nodeTypeAndVersion: { name: `${PKG.name}.videoDbAlertTrigger`, version: 1.1 },
				currentNodeParameters: { streamId: { __rl: true, mode: 'list', value: streamId }, sceneIndexId: { __rl: true, mode: 'list', value: '' } },
				credentials,
				filter: '',
			});
		const streams = await search('streamId', 'searchStreams', '');
		expect(streams.results).toContainEqual(expect.objectContaining({ name: 'Warehouse dock camera', value: SEED.streams.warehouseDock }));
		const indexes = await search('sceneIndexId', 'searchSceneIndexes', SEED.streams.warehouseDock);
		expect(indexes.results.map((r) => r.value)).toContain(SEED.sceneIndexes.dockActivity);
	});

	describe("n8n's credential test (POST /rest/credentials/test)", () => {
		const cases = () => [
			{ type: 'videoDbApi', baseUrl: sandbox.videodbUrl, good: SANDBOX_KEYS.videodb },
			{ type: 'roboflowApi', baseUrl: sandbox.roboflowUrl, good: SANDBOX_KEYS.roboflow },
		];

		it.each(['videoDbApi', 'roboflowApi'])('%s: a good key passes', async (type) => {
			const c = cases().find((x) => x.type === type)!;
			const id = await n8n.createCredential(type, `${type} good`, { apiKey: c.good, baseUrl: c.baseUrl });
			const result = await n8n.testCredential(id);
			expect(result).toEqual({ status: 'OK', message: expect.any(String) });
		});

		it.each(['videoDbApi', 'roboflowApi'])('%s: a wrong key fails', async (type) => {
			const c = cases().find((x) => x.type === type)!;
			const id = await n8n.createCredential(type, `${type} wrong`, {
				apiKey: 'wrong-key-0000',
				baseUrl: c.baseUrl,
			});
			const result = await n8n.testCredential(id);
			expect(result.status).toBe('Error');
			expect(result.message).toEqual(expect.any(String));
		});
	});
});

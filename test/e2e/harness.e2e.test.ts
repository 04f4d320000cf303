/**
 * Self-test of the e2e harness with n8n's built-in nodes only, so it stays meaningful while the
 * package's own nodes change: start, REST as the owner, public API, import, manual run, executions,
 * publish/unpublish of a webhook workflow, publication status, test listening, logs, stop.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test, not node code: checks the user folder is removed
import { existsSync } from 'node:fs';

import { REPO_ROOT, startN8n, type N8n } from './n8n';

const MANUAL_WF = {
	name: 'e2e harness manual',
	nodes: [
		{
			id: '5b0c1a52-0000-4000-8000-000000000001',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: '5b0c1a52-0000-4000-8000-000000000002',
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: {
				assignments: {
					assignments: [{ id: 'a1', name: 'answer', value: '={{ 40 + 2 }}', type: 'number' }],
				},
				options: {},
			},
		},
	],
	connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

const HOOK_PATH = 'e2e-harness-hook';
const HOOK_WF = {
	name: 'e2e harness webhook',
	nodes: [
		{
			id: '5b0c1a52-0000-4000-8000-000000000011',
			name: 'Hook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '5b0c1a52-1111-4000-8000-000000000011',
			parameters: { httpMethod: 'POST', path: HOOK_PATH, responseMode: 'onReceived', options: {} },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

describe('e2e harness (built-in nodes only)', () => {
	let n8n: N8n;

	beforeAll(async () => {
		n8n = await startN8n({ packageDir: REPO_ROOT });
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('is ready, logged in as the owner, with the public API available', async () => {
		const me = await n8n.rest<{ email: string }>('GET', '/login');
		expect(me.email).toBe('owner@e2e.test');
		const page = await n8n.publicApi<{ data: unknown[] }>('GET', '/workflows');
		expect(Array.isArray(page.data)).toBe(true);
	});

	it('imports and runs a workflow manually; executions carry the run data', async () => {
		const id = await n8n.importWorkflow(MANUAL_WF);
		const started = await n8n.runManually(id, { triggerToStartFrom: { name: 'Start' } });
		expect(started.executionId).toBeDefined();
		const [exec] = await n8n.waitForExecutions(id, 1, 30000);
		expect(exec.status).toBe('success');
		expect(exec.mode).toBe('manual');
		expect(exec.data?.resultData.runData.Set[0].data?.main[0]?.[0].json).toEqual({ answer: 42 });
	});

	it('publishes a webhook workflow live, serves it, and unpublishes it', async () => {
		const id = await n8n.importWorkflow(HOOK_WF);
		expect((await n8n.publicationStatus(id)).status).toBe('not_published');
		await n8n.activate(id);
		expect((await n8n.publicationStatus(id)).status).toBe('published');

		expect(n8n.webhookBaseUrl).toBe(`${n8n.baseUrl}/`);
		const res = await n8n.webhook(HOOK_PATH, { body: { hello: 'e2e' } });
		expect(res.status).toBe(200);
		const [exec] = await n8n.waitForExecutions(id, 1, 30000);
		expect(exec.mode).toBe('webhook');
		expect(exec.data?.resultData.runData.Hook[0].data?.main[0]?.[0].json.body).toEqual({ hello: 'e2e' });

		await n8n.deactivate(id);
		const after = await n8n.webhook(HOOK_PATH, { rawBody: 'plain', headers: { 'content-type': 'text/plain' } });
		expect(after.status).toBe(404);
	});

	it('test listening: runManually from a trigger waits for the test webhook', async () => {
		const id = await n8n.importWorkflow({ ...HOOK_WF, name: 'e2e harness listen' });
		const started = await n8n.runManually(id, { triggerToStartFrom: { name: 'Hook' } });
		expect(started.waitingForWebhook).toBe(true);
		const res = await n8n.webhook(HOOK_PATH, { test: true, body: { listening: true } });
		expect(res.status).toBe(200);
		const [exec] = await n8n.waitForExecutions(id, 1, 30000);
		expect(exec.mode).toBe('manual');
	});

	it('captures the n8n log', () => {
		expect(n8n.logs()).toMatch(/Editor is now accessible|n8n ready|Version: 2\.41\.1/);
		expect(existsSync(n8n.logFile)).toBe(true);
	});

	it('stop() ends n8n and its task runner and removes the user folder', async () => {
		const second = await startN8n({ packageDir: REPO_ROOT });
		const pid = second.pid!;
		await second.stop();
		expect(second.isRunning).toBe(false);
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test, not node code: checks the process group is gone
		expect(() => process.kill(-pid, 0)).toThrow();
		expect(existsSync(second.userFolder)).toBe(false);
	});
});

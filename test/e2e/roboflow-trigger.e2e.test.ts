/**
 * The Roboflow Vision Event Trigger inside a real n8n 2.41.1, against the sandbox: published with
 * n8n's smallest poll interval (every minute), it picks up the vision events another workflow
 * records, each once, also a late one and across a failed poll. Waits span real polls (~1 min each).
 */
import { randomUUID } from 'node:crypto';

import { SANDBOX_KEYS, SEED, startSandbox, type Sandbox } from '../../sandbox';
import { REPO_ROOT, startN8n, type ExecutionSummary, type N8n } from './n8n';
import { nodeItems, triggerWorkflow } from './workflows';

const TRIGGER = 'Roboflow Vision Event Trigger';
const UC = SEED.useCases.lineAQuality;
const POLL_WAIT_MS = 200_000;
const figures: Record<string, number> = {};

const emitted = (e: ExecutionSummary) => nodeItems(e, TRIGGER);

/** The trigger on use case UC, polling every minute for failed quality checks → Done. */
function pollingWorkflow(credential: { id: string; name: string }) {
	return triggerWorkflow('e2e roboflow trigger', {
		id: 'a0c1e2f3-0000-4000-8000-000000000001',
		name: TRIGGER,
		type: 'n8n-nodes-videodb-roboflow.roboflowTrigger',
		typeVersion: 1,
		parameters: {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			useCaseId: { __rl: true, mode: 'id', value: UC },
			eventTypes: ['quality_check'],
			filters: {},
		},
		credentials: { roboflowApi: credential },
	});
}

/** Manual Trigger → Roboflow Create Vision Event (a failed quality check on device e2e-line). */
function producerWorkflow(credential: { id: string; name: string }) {
	return {
		name: 'e2e roboflow producer',
		nodes: [
			{
				id: 'a0c1e2f3-0000-4000-8000-000000000011',
				name: 'Run now',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a0c1e2f3-0000-4000-8000-000000000012',
				name: 'Record',
				type: 'n8n-nodes-videodb-roboflow.roboflow',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'visionEvent',
					operation: 'create',
					useCaseId: { __rl: true, mode: 'id', value: UC },
					eventType: 'quality_check',
					result: 'fail',
					additionalFields: { deviceId: 'e2e-line' },
				},
				credentials: { roboflowApi: credential },
			},
		],
		connections: { 'Run now': { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

describe('Roboflow Vision Event Trigger in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let triggerId: string;
	let producerId: string;
	let produced = 0;
	let recordedAfterActivation = '';
	let firstPollAt = 0;

	/** Runs the producer workflow once; returns the id of the event it recorded. */
	async function produce(): Promise<string> {
		await n8n.runManually(producerId, { triggerToStartFrom: { name: 'Run now' } });
		const runs = await n8n.waitForExecutions(producerId, ++produced, 60000);
		const last = runs[runs.length - 1];
		expect(last.status).toBe('success');
		return nodeItems(last, 'Record')[0].eventId as string;
	}

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		n8n = await startN8n({ packageDir: REPO_ROOT });
		const id = await n8n.createCredential('roboflowApi', 'Roboflow sandbox', {
			apiKey: SANDBOX_KEYS.roboflow,
			baseUrl: sandbox.roboflowUrl,
		});
		triggerId = await n8n.importWorkflow(pollingWorkflow({ id, name: 'Roboflow sandbox' }));
		producerId = await n8n.importWorkflow(producerWorkflow({ id, name: 'Roboflow sandbox' }));
	});

	afterAll(async () => {
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test, not node code: prints the figures
		process.stdout.write(`Roboflow trigger e2e figures (ms): ${JSON.stringify(figures)}\n`);
		await n8n?.stop();
		await sandbox?.close();
	});

	it('published, it starts at now and emits the event another workflow records, once', async () => {
		const before = await produce();
		await n8n.activate(triggerId);
		expect(await n8n.executions({ workflowId: triggerId })).toHaveLength(0);
		recordedAfterActivation = await produce();
		const t0 = Date.now();
		const [first] = await n8n.waitForExecutions(triggerId, 1, POLL_WAIT_MS);
		figures.recordToExecutionMs = Date.now() - t0;
		expect(first.status).toBe('success');
		expect(emitted(first)).toEqual([expect.objectContaining({ eventId: recordedAfterActivation, eventData: { result: 'fail' } })]);
		expect(emitted(first).map((e) => e.eventId)).not.toContain(before);
		firstPollAt = Date.parse(first.startedAt);
	}, POLL_WAIT_MS + 90_000);

	it('a failed poll emits nothing; the next emits a late event and a new one, oldest first, and nothing twice', async () => {
		// The next poll's query fails (500 is not retried): n8n records an error execution.
		sandbox.addFault({ path: '/roboflow/vision-events/query', status: 500, body: { error: 'Query backend unavailable' } });
		const fresh = await produce();
		const late = randomUUID();
		// Happened just before the first poll (inside the window it already read, after the trigger
		// started), recorded only now.
		const stamp = new Date(firstPollAt - 200).toISOString();
		const res = await fetch(`${sandbox.roboflowUrl}/vision-events`, {
			method: 'POST',
			headers: { authorization: `Bearer ${SANDBOX_KEYS.roboflow}`, 'content-type': 'application/json' },
			body: JSON.stringify({ eventId: late, eventType: 'quality_check', useCaseId: UC, timestamp: stamp, eventData: { result: 'fail' } }),
		});
		expect(res.status).toBe(201);
		const t0 = Date.now();
		const runs = await n8n.waitForExecutions(triggerId, 3, 2 * POLL_WAIT_MS);
		figures.failedThenRecoveredMs = Date.now() - t0;
		expect(runs.map((r) => r.status)).toEqual(['success', 'error', 'success']);
		expect(JSON.stringify(runs[1].data)).toContain('Query backend unavailable');
		expect(emitted(runs[2]).map((e) => e.eventId)).toEqual([late, fresh]);
		const all = runs.flatMap(emitted).map((e) => e.eventId);
		expect(new Set(all).size).toBe(all.length);
		expect(all).toContain(recordedAfterActivation);
	}, 2 * POLL_WAIT_MS + 90_000);
});

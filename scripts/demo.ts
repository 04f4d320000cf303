/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- `npm start` tooling, not node code: starts child processes, handles signals, prints progress to the console */
/**
 * `npm start` after install and build (scripts/start.sh): the sandbox of both APIs, a real n8n with
 * this package, the two credentials, the examples imported, *VideoDB alert → Roboflow vision event*
 * published, then a simulated detection every few seconds and one line per finished execution.
 * With VIDEODB_API_KEY and ROBOFLOW_API_KEY set it uses the real services and simulates nothing.
 *
 * Env: N8N_PORT (5678), SANDBOX_PORT (free), DEMO_INTERVAL_MS (4000), DEMO_MAX_DETECTIONS (0 = run
 * until Ctrl-C; N = stop after N finished executions), DEV_HOME (.cache/dev-home), START_T0 (epoch ms);
 * real services: VIDEODB_API_KEY, ROBOFLOW_API_KEY, WEBHOOK_URL or N8N_WEBHOOK_URL (public address),
 * VIDEODB_STREAM_ID, VIDEODB_SCENE_INDEX_ID, ROBOFLOW_USE_CASE_ID (the trigger's stream, scene index
 * and the use case to record in).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { freePorts, runtimePaths, type N8n } from '../test/e2e/n8n';
import { sleep } from '../test/e2e/until';
import {
	ALERT_EXAMPLE,
	CREDENTIAL_NAMES,
	describeAlertExecution,
	EXAMPLE_FILES,
	findRepoRoot,
	loadExamples,
	nodeOutput,
	retarget,
} from './demo-lib';
import { DEMO_LOGIN, isPortFree, killAllSync, launchN8n, spawnWatched, stopGroup } from './demo-n8n';

// The sandbox's seed (sandbox/seed.ts), as the example workflows reference it.
const SEED_IDS = { streamId: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0001', sceneIndexId: 'a3f1c2d4e5b60718', useCaseId: 'c3d5eaf3' };
const SANDBOX_KEYS = { videodb: 'sk-sandbox-videodb', roboflow: 'rf-sandbox-roboflow' };
/** Simulated detections, in turn: confidences around the 0.8 threshold, some delivered twice. */
const PLAN: Array<{ confidence: number; times: 1 | 2 }> = [
	{ confidence: 0.93, times: 2 },
	{ confidence: 0.42, times: 1 },
	{ confidence: 0.88, times: 1 },
	{ confidence: 0.97, times: 1 },
	{ confidence: 0.71, times: 2 },
	{ confidence: 0.84, times: 1 },
	{ confidence: 0.99, times: 2 },
	{ confidence: 0.63, times: 1 },
];
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);
const STALL_MS = 60000;

const env = process.env;
const T0 = Number(env.START_T0) || Date.now();
const say = (text: string) => console.log(`[start ${String(Math.round((Date.now() - T0) / 1000)).padStart(4)}s] ${text}`);

/** Runs a long step, printing its name and elapsed seconds every 5 s until it is done. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
	const t = Date.now();
	say(`${name} …`);
	const beat = setInterval(() => say(`  … ${name} (${Math.round((Date.now() - t) / 1000)}s)`), 5000);
	try {
		const result = await run();
		say(`${name}: done in ${((Date.now() - t) / 1000).toFixed(1)}s`);
		return result;
	} finally {
		clearInterval(beat);
	}
}

let n8n: N8n | undefined;
let sandbox: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number, why: string): Promise<never> {
	if (!stopping) {
		stopping = true;
		say(`${why}: stopping n8n and the sandbox …`);
		await Promise.all([n8n?.stop(10000), sandbox ? stopGroup(sandbox) : undefined]);
		say('stopped; bye');
	}
	process.exit(code);
}

async function startSandbox(root: string, logDir: string): Promise<string> {
	const port = Number(env.SANDBOX_PORT) || (await freePorts(1))[0];
	const url = `http://127.0.0.1:${port}`;
	const childEnv = { ...(env as Record<string, string>), SANDBOX_PORT: String(port), SANDBOX_HOST: '127.0.0.1' };
	sandbox = spawnWatched(process.execPath, [join(root, 'build', 'sandbox', 'cli.js')], childEnv, root, join(logDir, 'sandbox.log'));
	for (let i = 0; i < 100; i++) {
		if (sandbox.exitCode !== null) break;
		try {
			if ((await fetch(`${url}/_sandbox/state`, { signal: AbortSignal.timeout(1000) })).ok) return url;
		} catch {
			// not listening yet
		}
		await sleep(100);
	}
	throw new Error(`the sandbox did not start on port ${port}; see ${join(logDir, 'sandbox.log')}`);
}

interface Detection {
	deliveries?: Array<{ status: number; payload?: { timestamp?: string } }>;
	error?: string;
}

async function detect(sandboxUrl: string, n: number, notes: Map<string, string>): Promise<void> {
	const { confidence, times } = PLAN[n % PLAN.length];
	const res = await fetch(`${sandboxUrl}/_sandbox/detections`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ stream_id: SEED_IDS.streamId, scene_index_id: SEED_IDS.sceneIndexId, confidence, times }),
	});
	const body = (await res.json()) as Detection;
	if (!res.ok) {
		say(`detection not delivered: ${body.error ?? res.status}`);
		return;
	}
	const deliveries = body.deliveries ?? [];
	const timestamp = deliveries[0]?.payload?.timestamp;
	if (timestamp && times === 2) {
		const statuses = deliveries.map((d) => d.status).join(', ');
		notes.set(timestamp, `(delivered twice, HTTP ${statuses}: de-duplicated to one execution)`);
	}
}

async function main(): Promise<void> {
	const root = findRepoRoot();
	const real = Boolean(env.VIDEODB_API_KEY && env.ROBOFLOW_API_KEY);
	const maxExecutions = Math.max(0, Number(env.DEMO_MAX_DETECTIONS ?? 0) || 0);
	const intervalMs = Math.max(500, Number(env.DEMO_INTERVAL_MS ?? 4000) || 4000);
	const port = Number(env.N8N_PORT ?? 5678);
	const userFolder = env.DEV_HOME ?? join(root, '.cache', 'dev-home');
	// Beside a custom DEV_HOME (the e2e test runs its own npm start next to a developer's).
	const logDir = env.DEV_HOME ? `${env.DEV_HOME.replace(/\/+$/, '')}.logs` : join(root, '.cache', 'dev-logs');
	mkdirSync(logDir, { recursive: true });
	if (!(await isPortFree(port))) {
		throw new Error(`port ${port} is in use (another npm start?). Stop it, or choose another: N8N_PORT=5700 npm start`);
	}

	process.on('exit', killAllSync);
	process.once('SIGINT', () => void shutdown(0, 'Ctrl-C'));
	process.once('SIGTERM', () => void shutdown(0, 'SIGTERM'));
	process.once('SIGHUP', () => void shutdown(0, 'SIGHUP'));

	let sandboxUrl = '';
	if (real) {
		say('VIDEODB_API_KEY and ROBOFLOW_API_KEY are set: using the real VideoDB and Roboflow (no sandbox, no simulated detections)');
	} else {
		sandboxUrl = await step('start the sandbox (local VideoDB + Roboflow)', async () => await startSandbox(root, logDir));
	}
	const webhookUrl = env.N8N_WEBHOOK_URL || env.WEBHOOK_URL || `http://127.0.0.1:${port}/`;
	n8n = await step(`start n8n ${runtimePaths().env.N8N_LINE_VERSION} on port ${port}`, async () =>
		await launchN8n({ root, userFolder, port, webhookUrl, logFile: join(logDir, 'n8n.log') }),
	);
	const live = n8n;

	await step('create the credentials', async () => {
		await live.createCredential('videoDbApi', CREDENTIAL_NAMES.videoDbApi, {
			apiKey: real ? env.VIDEODB_API_KEY : SANDBOX_KEYS.videodb,
			baseUrl: real ? 'https://api.videodb.io' : `${sandboxUrl}/videodb`,
		});
		await live.createCredential('roboflowApi', CREDENTIAL_NAMES.roboflowApi, {
			apiKey: real ? env.ROBOFLOW_API_KEY : SANDBOX_KEYS.roboflow,
			baseUrl: real ? 'https://api.roboflow.com' : `${sandboxUrl}/roboflow`,
			inferenceUrl: real ? 'https://serverless.roboflow.com' : `${sandboxUrl}/inference`,
		});
	});

	const ids = real
		? { streamId: env.VIDEODB_STREAM_ID ?? '', sceneIndexId: env.VIDEODB_SCENE_INDEX_ID ?? '', useCaseId: env.ROBOFLOW_USE_CASE_ID ?? '' }
		: SEED_IDS;
	const canPublish = !real || Boolean(ids.streamId && ids.sceneIndexId && ids.useCaseId && (env.N8N_WEBHOOK_URL || env.WEBHOOK_URL));
	const workflowIds = await step('import the example workflows', async () => {
		const out = new Map<string, string>();
		for (const [file, workflow] of loadExamples(root)) {
			const json =
				real && canPublish
					? retarget(workflow, [
							{ parameter: 'streamId', from: SEED_IDS.streamId, to: ids.streamId },
							{ parameter: 'sceneIndexId', from: SEED_IDS.sceneIndexId, to: ids.sceneIndexId },
							{ parameter: 'useCaseId', from: SEED_IDS.useCaseId, to: ids.useCaseId },
						])
					: workflow;
			out.set(file, await live.importWorkflow(json));
		}
		return out;
	});
	const alertWorkflowId = workflowIds.get(EXAMPLE_FILES.alertToRoboflow) as string;
	if (canPublish) {
		await step('publish "VideoDB alert → Roboflow vision event" (registers its VideoDB alert)', async () => {
			await live.activate(alertWorkflowId, { timeoutMs: 60000 });
		});
	}

	const editor = `http://127.0.0.1:${port}`;
	console.log('');
	console.log(`  n8n editor:  ${editor}/workflow/${alertWorkflowId}`);
	console.log(`  login:       ${DEMO_LOGIN.email}  /  ${DEMO_LOGIN.password}`);
	console.log(`  examples:    ${[...workflowIds.keys()].join(', ')}`);
	if (!real) console.log(`  sandbox:     ${sandboxUrl} (VideoDB ${sandboxUrl}/videodb, Roboflow ${sandboxUrl}/roboflow and ${sandboxUrl}/inference, state at /_sandbox/state)`);
	console.log(`  logs:        ${logDir}`);
	console.log('  Ctrl-C stops everything.');
	console.log('');
	if (real && !canPublish) {
		say('not published: set VIDEODB_STREAM_ID, VIDEODB_SCENE_INDEX_ID, ROBOFLOW_USE_CASE_ID and a public WEBHOOK_URL, or pick them in the editor and publish');
	}
	if (!real) say(`simulating a detection on "Warehouse dock camera" every ${intervalMs / 1000}s (some delivered twice, some below 0.8)`);
	else if (canPublish) say('waiting for VideoDB alerts (nothing is simulated with real services)');

	const notes = new Map<string, string>();
	const printed = new Set<string>();
	let sent = 0;
	let nextDetection = Date.now();
	for (;;) {
		// A signal's shutdown is stopping n8n; it ends the process itself.
		if (stopping) {
			await sleep(1000);
			continue;
		}
		if (!live.isRunning) throw new Error(`n8n exited unexpectedly.\n${live.logTail(30)}`);
		if (!real && Date.now() >= nextDetection && (maxExecutions === 0 || sent < maxExecutions)) {
			nextDetection = Date.now() + intervalMs;
			await detect(sandboxUrl, sent++, notes);
		}
		if (canPublish) {
			const executions = await live.executions({ workflowId: alertWorkflowId, limit: 20 });
			const done = executions.filter((e) => FINISHED.has(e.status) && !printed.has(e.id)).sort((a, b) => Number(a.id) - Number(b.id));
			for (const execution of done) {
				printed.add(execution.id);
				const stamp = String(nodeOutput(execution.data, ALERT_EXAMPLE.trigger)?.timestamp ?? '');
				say(describeAlertExecution(execution, notes.get(stamp) ?? ''));
				notes.delete(stamp);
			}
			if (maxExecutions > 0 && printed.size >= maxExecutions) await shutdown(0, `${printed.size} executions done (DEMO_MAX_DETECTIONS=${maxExecutions})`);
			// Bounded: every planned detection is out and their executions do not come.
			if (!real && maxExecutions > 0 && sent >= maxExecutions && Date.now() - nextDetection > STALL_MS) {
				await shutdown(1, `only ${printed.size} of ${maxExecutions} executions after ${STALL_MS / 1000}s`);
			}
		}
		await sleep(1000);
	}
}

main().catch(async (error: unknown) => {
	if (stopping) return;
	console.error(`[start] ERROR: ${error instanceof Error ? error.message : String(error)}`);
	if (n8n) console.error(`[start] n8n log: ${n8n.logFile}`);
	await shutdown(1, 'failed');
});

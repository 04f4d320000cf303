/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- test tooling, not node code: starts n8n as a child process (environment, log folders) and passes start-up errors on as they are */
/**
 * Harness for end-to-end tests against a REAL n8n (2.41.1 on Node 24, installed by scripts/install-n8n.sh
 * into .cache/runtime). It runs inside jest on the system Node 20 and spawns n8n as a child process.
 *
 * Each startN8n() gets a fresh user folder, free ports, the package under test installed the way the
 * Community Nodes installer leaves it (`<userFolder>/.n8n/nodes/node_modules/<name>`, a real copy of the
 * packed package), an owner account and a cookie session. stop() (and the test process exiting) kills
 * n8n and its task runner.
 *
 * This file starts n8n; the pieces live in harness/: runtime (paths, env, ports), install (the
 * package), processes (kills, watchdog), client (HTTP), instance (the N8n object), types.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { installPackage } from './harness/install';
import { N8n } from './harness/instance';
import { installExitHook, liveChildren, WATCHDOG } from './harness/processes';
import { freePorts, REPO_ROOT, runtimePaths } from './harness/runtime';
import type { StartOptions } from './harness/types';
import { sleep } from './until';

export { N8nHttpError, OWNER, type HttpResult, type RequestOptions } from './harness/client';
export { N8n } from './harness/instance';
export { freePorts, REPO_ROOT, runtimePaths } from './harness/runtime';
export type { CredentialTestResult, ExecutionSummary, PublicationStatus, SavedWorkflow, StartOptions, WorkflowJson } from './harness/types';

/**
 * Starts a real n8n with the package installed; resolves once /healthz/readiness answers 200 and the
 * owner is set up and logged in (cookie). Throws with n8n's log tail if it exits or is not ready in time.
 */
export async function startN8n(options: StartOptions = {}): Promise<N8n> {
	// Free ports are picked before n8n binds them; if another process takes one in between, n8n exits
	// with EADDRINUSE ("Task Broker's port … is already in use" for the broker): try again on new ports.
	for (let attempt = 1; ; attempt++) {
		try {
			return await startOnce(options);
		} catch (error) {
			const clash = /EADDRINUSE|already in use/.test((error as Error).message);
			if (!clash || options.port !== undefined || attempt >= 3) throw error;
		}
	}
}

async function startOnce(options: StartOptions): Promise<N8n> {
	const t0 = Date.now();
	const { env: baseEnv, node, n8nBin } = runtimePaths();
	installExitHook();
	const [freeHttp, brokerPort] = await freePorts(2);
	const port = options.port ?? freeHttp;
	const webhookUrl = options.webhookUrl ?? `http://127.0.0.1:${port}/`;
	const keep = options.keepUserFolder ?? process.env.E2E_KEEP === '1';

	const packageDir = options.packageDir ?? REPO_ROOT;
	const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-home-'));
	const packageName = options.userFolder
		? (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string }).name
		: installPackage(userFolder, packageDir, options.installMode ?? 'pack');

	const logDir = process.env.E2E_N8N_LOG_DIR ?? join(REPO_ROOT, '.cache', 'e2e-logs');
	mkdirSync(logDir, { recursive: true });
	const logFile = join(logDir, `n8n-${new Date().toISOString().replace(/[:.]/g, '-')}-${port}.log`);

	const env: Record<string, string> = {
		...baseEnv,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_WEBHOOK_URL: webhookUrl,
		WEBHOOK_URL: webhookUrl,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		...(options.env ?? {}),
		// read by the watchdog wrapper
		WATCH_PID: String(process.pid),
		E2E_N8N_LOG: logFile,
		E2E_USER_FOLDER: userFolder,
		E2E_KEEP_HOME: keep ? '1' : '0',
	};
	// Jest and ts-jest variables must not leak into n8n (NODE_OPTIONS could load the wrong hooks).
	delete env.NODE_OPTIONS;
	delete env.JEST_WORKER_ID;
	delete env.NODE_ENV;

	const command = options.command ?? 'start';
	if (command === 'worker') {
		// A worker has no HTTP server of its own; its health server (on `port`) is the readiness signal.
		Object.assign(env, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' });
	}
	const child = spawn('bash', ['-c', WATCHDOG, 'n8n-watchdog', node, n8nBin, command, ...(options.args ?? [])], {
		cwd: userFolder,
		env,
		detached: true,
		stdio: 'ignore',
	});
	liveChildren.add(child);
	const n8n = new N8n(port, brokerPort, userFolder, webhookUrl, packageName, logFile, child, keep);

	try {
		const spawnedAt = Date.now();
		await waitReady(n8n, options.readyTimeoutMs ?? 120000);
		n8n.readyMs = Date.now() - spawnedAt;
		if (command === 'start') await n8n.setupOwner();
	} catch (error) {
		await n8n.stop();
		throw new Error(`${(error as Error).message}\n(n8n log: ${logFile})`);
	}
	n8n.startupMs = Date.now() - t0;
	return n8n;
}

async function waitReady(n8n: N8n, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!n8n.isRunning) {
			const exit = await n8n.waitForExit();
			throw new Error(`n8n exited before it was ready (code ${exit.code}, signal ${exit.signal}).\n--- n8n log tail ---\n${n8n.logTail(60)}`);
		}
		try {
			const r = await fetch(`${n8n.baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			if (r.status === 200) return;
		} catch {
			// not listening yet
		}
		await sleep(200);
	}
	throw new Error(`n8n was not ready within ${timeoutMs} ms.\n--- n8n log tail ---\n${n8n.logTail(60)}`);
}

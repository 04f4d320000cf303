/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- dev tooling, not node code: starts and stops n8n as a child process group (watchdog, signals, files, ports) */
/**
 * Starts the processes of `npm start` the way the e2e harness (test/e2e/n8n.ts) starts n8n — same
 * runtime environment (scripts/env.sh), the package placed where the Community Nodes installer puts
 * it, each process under a small bash watchdog in its own process group — but with a persistent user
 * folder (.cache/dev-home, re-seeded every start), a fixed editor port and the demo's own login.
 * The running n8n is driven through the harness's N8n class (REST, credentials, import, executions).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { WATCHDOG } from '../test/e2e/harness/processes';
import { freePorts, N8n, OWNER, runtimePaths } from '../test/e2e/n8n';
import { sleep } from '../test/e2e/until';

/** The demo's editor login (printed by `npm start`; the instance only listens on 127.0.0.1). */
export const DEMO_LOGIN = {
	email: 'demo@videodb-roboflow.local',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Demo-Passw0rd!',
};

const started = new Set<ChildProcess>();

/** Spawns `command args…` under the watchdog, in its own process group (so Ctrl-C reaches it only through us). */
export function spawnWatched(command: string, args: string[], env: Record<string, string>, cwd: string, log: string): ChildProcess {
	// The harness's watchdog; the folders here are ours and kept (E2E_KEEP_HOME).
	const child = spawn('bash', ['-c', WATCHDOG, 'watchdog', command, ...args], {
		cwd,
		env: { ...env, WATCH_PID: String(process.pid), E2E_N8N_LOG: log, E2E_KEEP_HOME: '1' },
		detached: true,
		stdio: 'ignore',
	});
	started.add(child);
	child.once('exit', () => started.delete(child));
	return child;
}

/** Synchronous last resort (process 'exit'): SIGKILL every group still running. */
export function killAllSync(): void {
	for (const child of started) {
		try {
			if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
}

/** SIGTERM the group, wait up to `graceMs`, then SIGKILL it. */
export async function stopGroup(child: ChildProcess, graceMs = 10000): Promise<void> {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {
		return;
	}
	const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
	if ((await Promise.race([exited.then(() => 'done' as const), timer])) === 'timeout') {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// gone meanwhile
		}
	}
}

export async function isPortFree(port: number): Promise<boolean> {
	return await new Promise<boolean>((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Copies package.json + dist/ to `<userFolder>/.n8n/nodes/node_modules/<name>` without dev/peer deps. */
function installPackage(root: string, userFolder: string): string {
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', String(pkg.name));
	mkdirSync(target, { recursive: true });
	cpSync(join(root, 'dist'), join(target, 'dist'), { recursive: true });
	delete pkg.devDependencies;
	delete pkg.peerDependencies;
	delete pkg.optionalDependencies;
	delete pkg.scripts;
	writeFileSync(join(target, 'package.json'), JSON.stringify(pkg, null, 2));
	return String(pkg.name);
}

export interface LaunchOptions {
	root: string;
	userFolder: string;
	port: number;
	webhookUrl: string;
	logFile: string;
	readyTimeoutMs?: number;
}

/** Starts n8n with a re-seeded user folder; resolves once it is ready and the owner is logged in. */
export async function launchN8n(opts: LaunchOptions): Promise<N8n> {
	const { env } = runtimePaths();
	const brokerPort = Number(process.env.N8N_RUNNERS_BROKER_PORT ?? (await freePorts(1))[0]);
	rmSync(opts.userFolder, { recursive: true, force: true });
	mkdirSync(opts.userFolder, { recursive: true });
	const name = installPackage(opts.root, opts.userFolder);
	const n8nEnv: Record<string, string> = {
		...env,
		N8N_USER_FOLDER: opts.userFolder,
		N8N_PORT: String(opts.port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_WEBHOOK_URL: opts.webhookUrl,
		WEBHOOK_URL: opts.webhookUrl,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${opts.port}/`,
	};
	delete n8nEnv.NODE_OPTIONS;
	writeFileSync(opts.logFile, '');
	const child = spawnWatched(join(env.NODE24_HOME, 'bin', 'node'), [env.N8N_BIN, 'start'], n8nEnv, opts.userFolder, opts.logFile);
	// keepUserFolder: the folder is ours (.cache/dev-home) and is re-seeded by the next start.
	const n8n = new N8n(opts.port, brokerPort, opts.userFolder, opts.webhookUrl, name, opts.logFile, child, true);
	const deadline = Date.now() + (opts.readyTimeoutMs ?? 180000);
	for (;;) {
		if (!n8n.isRunning) throw new Error(`n8n exited before it was ready.\n--- n8n log (${opts.logFile}) ---\n${n8n.logTail(40)}`);
		if (Date.now() > deadline) throw new Error(`n8n was not ready in time.\n--- n8n log (${opts.logFile}) ---\n${n8n.logTail(40)}`);
		try {
			const r = await fetch(`${n8n.baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			if (r.status === 200) break;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	// The harness's setupOwner() signs up OWNER; the demo has its own login.
	Object.assign(OWNER, DEMO_LOGIN);
	await n8n.setupOwner();
	return n8n;
}

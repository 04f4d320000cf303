/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling, not node code: reads scripts/env.sh through bash, the environment and free ports */
/**
 * Where the pinned n8n runtime lives (scripts/env.sh is the one definition), and free ports for it.
 * N8N_VERSION in the environment selects the n8n line (scripts/n8n-lines.sh); unset = the default.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder up that holds scripts/env.sh (this file also runs compiled, from build/). */
export const REPO_ROOT = (() => {
	let dir = __dirname;
	while (!existsSync(join(dir, 'scripts', 'env.sh')) && dirname(dir) !== dir) dir = dirname(dir);
	return existsSync(join(dir, 'scripts', 'env.sh')) ? dir : resolve(__dirname, '..', '..', '..');
})();

/** Reads scripts/env.sh so the harness and the shell scripts share one definition of the runtime env. */
function runtimeEnv(): Record<string, string> {
	const out = execFileSync('bash', ['-c', '. "$1" >/dev/null && env -0', 'env.sh', join(REPO_ROOT, 'scripts', 'env.sh')], {
		env: process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 16 * 1024 * 1024,
	}).toString('utf8');
	const env: Record<string, string> = {};
	for (const entry of out.split('\0')) {
		const eq = entry.indexOf('=');
		if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
	}
	// The line selector is ours; n8n reads N8N_VERSION as its own release name (task runner, Sentry).
	delete env.N8N_VERSION;
	return env;
}

/** The n8n version a completed install recorded (`n8n=<version>` in .complete), if any. */
function installedVersion(runtimeDir: string): string | undefined {
	try {
		return /\bn8n=(\S+)/.exec(readFileSync(join(runtimeDir, '.complete'), 'utf8'))?.[1];
	} catch {
		return undefined;
	}
}

/** The runtime's paths; throws a clear message when scripts/install-n8n.sh has not completed. */
export function runtimePaths(): { env: Record<string, string>; node: string; n8nBin: string; runtimeDir: string } {
	const env = runtimeEnv();
	const runtimeDir = env.N8N_RUNTIME_DIR;
	const node = join(env.N8N_NODE_HOME, 'bin', 'node');
	const n8nBin = env.N8N_BIN;
	const selector = process.env.N8N_VERSION ? `N8N_VERSION=${process.env.N8N_VERSION} ` : '';
	// N8N_RUNTIME_DIR set by hand can point at another line's runtime than N8N_VERSION selects.
	const installed = installedVersion(runtimeDir);
	if (installed !== undefined && installed !== env.N8N_LINE_VERSION) {
		throw new Error(
			`${runtimeDir} holds n8n ${installed}, but ${selector || 'the default line '}needs n8n ${env.N8N_LINE_VERSION}: unset N8N_RUNTIME_DIR or point it at that line's runtime.`,
		);
	}
	if (installed === undefined || !existsSync(node) || !existsSync(n8nBin)) {
		throw new Error(
			`The n8n runtime is not installed in ${runtimeDir}. Run \`${selector}bash scripts/install-n8n.sh\` (or \`${selector}npm run test:e2e\`, which does it).`,
		);
	}
	return { env, node, n8nBin, runtimeDir };
}

/** Finds `count` distinct free TCP ports on 127.0.0.1 (all held open until every one is known). */
export async function freePorts(count: number): Promise<number[]> {
	const servers = await Promise.all(
		Array.from(
			{ length: count },
			async () =>
				await new Promise<ReturnType<typeof createServer>>((res, rej) => {
					const s = createServer();
					s.unref();
					s.once('error', rej);
					s.listen(0, '127.0.0.1', () => res(s));
				}),
		),
	);
	const ports = servers.map((s) => (s.address() as { port: number }).port);
	await Promise.all(servers.map(async (s) => await new Promise<void>((r) => s.close(() => r()))));
	return ports;
}

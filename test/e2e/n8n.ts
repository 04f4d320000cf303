/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error */
/**
 * Harness for end-to-end tests against a REAL n8n (2.41.1 on Node 24, installed by scripts/install-n8n.sh
 * into .cache/runtime). It runs inside jest on the system Node 20 and spawns n8n as a child process.
 *
 * Each startN8n() gets a fresh user folder, free ports, the package under test installed the way the
 * Community Nodes installer leaves it (`<userFolder>/.n8n/nodes/node_modules/<name>`, a real copy of the
 * packed package), an owner account and a cookie session. stop() (and the test process exiting) kills
 * n8n and its task runner.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	appendFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import type { IConnections, INode, INodeTypeDescription, IRunExecutionData } from 'n8n-workflow';

/** The repository root: the nearest folder up that holds scripts/env.sh (this file also runs compiled, from build/). */
export const REPO_ROOT = (() => {
	let dir = __dirname;
	while (!existsSync(join(dir, 'scripts', 'env.sh')) && dirname(dir) !== dir) dir = dirname(dir);
	return existsSync(join(dir, 'scripts', 'env.sh')) ? dir : resolve(__dirname, '..', '..');
})();

export const OWNER = {
	email: 'owner@e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-Passw0rd!',
};

export interface StartOptions {
	/** Port for n8n's HTTP server; default: a free port. */
	port?: number;
	/** Root of the built package to install (needs package.json + dist/); default: the repo root. */
	packageDir?: string;
	/** 'pack' (default): `npm pack` + extract, exactly the published file set. 'copy': package.json + dist/. */
	installMode?: 'pack' | 'copy';
	/** Public base URL for webhooks (N8N_WEBHOOK_URL); default `http://127.0.0.1:<port>/`. */
	webhookUrl?: string;
	/** Extra environment for n8n (wins over the defaults). */
	env?: Record<string, string>;
	/** Readiness bound in ms (default 120000). */
	readyTimeoutMs?: number;
	/** Keep the user folder after stop() (also E2E_KEEP=1). */
	keepUserFolder?: boolean;
}

export interface HttpResult<T = unknown> {
	status: number;
	headers: Headers;
	text: string;
	/** Parsed JSON body, or undefined when the body is not JSON. */
	json: T;
}

export interface RequestOptions {
	/** JSON body (sent with content-type application/json). */
	body?: unknown;
	/** Body sent as is (set the content-type in headers yourself); wins over `body`. */
	rawBody?: string;
	/** 'cookie' (owner session, default for request()), 'apiKey' (public API) or 'none'. */
	auth?: 'cookie' | 'apiKey' | 'none';
	/** Extra headers; they win over the defaults. */
	headers?: Record<string, string>;
	timeoutMs?: number;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
	/** Full run data (`resultData.runData[<node>][0].data.main[0][i].json` ...). */
	data?: IRunExecutionData;
	[key: string]: unknown;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed' | string;
	liveVersionId?: string | null;
	pendingVersionId?: string | null;
	triggers?: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

/** Workflow JSON as the editor exports it (only `nodes` and `connections` are needed). */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: Array<{ name: string; type: string; typeVersion: number; parameters: object; [key: string]: unknown }>;
	connections: object;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	meta?: Record<string, unknown>;
	[key: string]: unknown;
}

/** A workflow as `GET /rest/workflows/<id>` returns it. */
export interface SavedWorkflow {
	id: string;
	name: string;
	active: boolean;
	versionId: string;
	activeVersionId: string | null;
	nodes: INode[];
	connections: IConnections;
	staticData?: Record<string, unknown> | null;
	[key: string]: unknown;
}

export class N8nHttpError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
		this.name = 'N8nHttpError';
	}
}

const TERMINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);

const sleep = async (ms: number) => await new Promise<void>((r) => setTimeout(r, ms));

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
	return env;
}

/** The runtime's paths; throws a clear message when scripts/install-n8n.sh has not completed. */
export function runtimePaths(): { env: Record<string, string>; node: string; n8nBin: string; runtimeDir: string } {
	const env = runtimeEnv();
	const runtimeDir = env.N8N_RUNTIME_DIR;
	const node = join(env.NODE24_HOME, 'bin', 'node');
	const n8nBin = env.N8N_BIN;
	if (!existsSync(join(runtimeDir, '.complete')) || !existsSync(node) || !existsSync(n8nBin)) {
		throw new Error(
			`The n8n runtime is not installed in ${runtimeDir}. Run \`bash scripts/install-n8n.sh\` (or \`npm run test:e2e\`, which does it).`,
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

const packCache = new Map<string, string>();
/** Temp folders of this process, removed when it exits. */
const tempDirs = new Set<string>();

/** `npm pack` of packageDir (once per process and dir); returns the .tgz path. */
function packPackage(packageDir: string): string {
	const cached = packCache.get(packageDir);
	if (cached && existsSync(cached)) return cached;
	// .cache/e2e-pack/<pid>: per test process; folders of processes that are gone are removed here.
	const packRoot = join(REPO_ROOT, '.cache', 'e2e-pack');
	mkdirSync(packRoot, { recursive: true });
	for (const entry of readdirSync(packRoot)) {
		const pid = Number(entry);
		if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid)) {
			rmSync(join(packRoot, entry), { recursive: true, force: true });
		}
	}
	const dest = join(packRoot, String(process.pid));
	mkdirSync(dest, { recursive: true });
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], {
		cwd: packageDir,
		env: { ...process.env, npm_config_loglevel: 'error' },
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
	}).toString('utf8');
	const info = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
	const tgz = join(dest, info[0].filename.replace(/^@/, '').replace(/\//, '-'));
	if (!existsSync(tgz)) throw new Error(`npm pack did not produce ${tgz}: ${out}`);
	packCache.set(packageDir, tgz);
	tempDirs.add(dest);
	return tgz;
}

/**
 * Places the package in `<userFolder>/.n8n/nodes/node_modules/<name>` as n8n's Community Nodes installer
 * would: the packed files, a package.json without devDependencies/peerDependencies/optionalDependencies,
 * and its runtime dependencies (if any) installed next to it. Returns the package name.
 */
function installPackage(userFolder: string, packageDir: string, mode: 'pack' | 'copy'): string {
	const pkgJsonPath = join(packageDir, 'package.json');
	const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8')) as {
		name: string;
		dependencies?: Record<string, string>;
	};
	if (!existsSync(join(packageDir, 'dist'))) {
		throw new Error(`${packageDir}/dist does not exist: build the package first (npm run build)`);
	}
	const modulesDir = join(userFolder, '.n8n', 'nodes', 'node_modules');
	const target = join(modulesDir, pkg.name);
	mkdirSync(join(target, '..'), { recursive: true });
	if (mode === 'pack') {
		const tgz = packPackage(packageDir);
		const unpack = mkdtempSync(join(userFolder, 'unpack-'));
		execFileSync('tar', ['-xzf', tgz, '-C', unpack]);
		renameSync(join(unpack, 'package'), target);
		rmSync(unpack, { recursive: true, force: true });
	} else {
		mkdirSync(target, { recursive: true });
		execFileSync('cp', ['-R', join(packageDir, 'dist'), pkgJsonPath, target]);
	}
	const installed = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as Record<string, unknown>;
	delete installed.devDependencies;
	delete installed.peerDependencies;
	delete installed.optionalDependencies;
	writeFileSync(join(target, 'package.json'), JSON.stringify(installed, null, 2));
	if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) {
		execFileSync(
			'npm',
			['install', '--ignore-scripts', '--install-strategy=shallow', '--package-lock=false', '--omit=dev', '--no-audit', '--no-fund'],
			{ cwd: target, env: { ...process.env, npm_config_loglevel: 'error' }, stdio: 'pipe' },
		);
	}
	return pkg.name;
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// 'exit' handlers must be synchronous: SIGKILL every n8n process group still alive. Inside jest's
	// sandbox these process events may never reach the real process; the bash watchdog (WATCH_PID) is
	// what reliably ends n8n when the test process goes away (verified with a SIGKILL of jest: ~4 s).
	process.on('exit', () => {
		for (const child of liveChildren) killGroup(child, 'SIGKILL');
		for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(sig, () => {
			for (const child of liveChildren) killGroup(child, 'SIGKILL');
			process.kill(process.pid, sig);
		});
	}
}

/**
 * Wrapper run by bash in its own process group: starts n8n, forwards TERM/INT to it, and stops it when
 * the test process (WATCH_PID) disappears, even after a SIGKILL of jest.
 */
const WATCHDOG = `
"$@" >>"$E2E_N8N_LOG" 2>&1 &
child=$!
# n8n's output goes to a file, never to a pipe of the test process (which may die first).
term() {
	kill -TERM "$child" 2>/dev/null
	for _ in $(seq 1 100); do kill -0 "$child" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL 0
}
trap 'term; exit 143' TERM INT HUP
while kill -0 "$child" 2>/dev/null; do
	if ! kill -0 "$WATCH_PID" 2>/dev/null; then
		term
		if [ "$E2E_KEEP_HOME" != 1 ]; then rm -rf "$E2E_USER_FOLDER"; fi
		kill -KILL 0
	fi
	sleep 1 &
	wait $!
done
wait "$child"
`;

export class N8n {
	private cookie = '';
	private apiKey = '';
	private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	private readonly exitPromise: Promise<void>;
	private stopped = false;

	/** e.g. http://127.0.0.1:40123 (no trailing slash). */
	readonly baseUrl: string;

	/** Milliseconds from spawning n8n until /healthz/readiness answered 200. */
	readyMs = 0;

	/** Milliseconds startN8n() took in total (package install, spawn, readiness, owner setup). */
	startupMs = 0;

	/** Milliseconds stop() took (SIGTERM until the process group is gone). */
	stopMs = 0;

	constructor(
		readonly port: number,
		readonly brokerPort: number,
		readonly userFolder: string,
		/** Base URL webhooks are registered under (N8N_WEBHOOK_URL), with a trailing slash. */
		readonly webhookBaseUrl: string,
		readonly packageName: string,
		readonly logFile: string,
		private readonly child: ChildProcess,
		private readonly keepUserFolder: boolean,
	) {
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.exitPromise = new Promise<void>((res) => {
			child.once('exit', (code, signal) => {
				this.exited = { code, signal };
				liveChildren.delete(child);
				res();
			});
		});
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	/**
	 * Everything n8n wrote to stdout and stderr so far. n8n writes straight to logFile (not through a pipe
	 * to this process), so it never blocks or dies on a full or broken pipe.
	 */
	logs(): string {
		try {
			return readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	/** The last `lines` lines of the log, for failure messages. */
	logTail(lines = 60): string {
		return this.logs().split('\n').slice(-lines).join('\n');
	}

	get isRunning(): boolean {
		return this.exited === undefined;
	}

	// ---------------------------------------------------------------- HTTP

	/** Any request to n8n; never throws for an HTTP status. auth: 'cookie' (default), 'apiKey' or 'none'. */
	async request<T = unknown>(
		method: string,
		path: string,
		opts: RequestOptions = {},
	): Promise<HttpResult<T>> {
		const headers: Record<string, string> = { accept: 'application/json' };
		const auth = opts.auth ?? 'cookie';
		if (auth === 'cookie' && this.cookie) headers.cookie = this.cookie;
		if (auth === 'apiKey') headers['x-n8n-api-key'] = await this.ensureApiKey();
		let body: string | undefined;
		if (opts.rawBody !== undefined) {
			body = opts.rawBody;
		} else if (opts.body !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(opts.body);
		}
		Object.assign(headers, opts.headers ?? {});
		const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
		const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 60000) });
		const text = await res.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, text, json: json as T };
	}

	/**
	 * Calls a webhook on this n8n directly (not through webhookBaseUrl, which may be a public tunnel URL):
	 * `<baseUrl>/webhook/<path>`, or `/webhook-test/<path>` with `test: true`. `path` is what follows
	 * `webhook/` in the registered URL (e.g. `<webhookId>/alert?token=…`). Never throws for a status.
	 */
	async webhook<T = unknown>(path: string, opts: RequestOptions & { method?: string; test?: boolean } = {}): Promise<HttpResult<T>> {
		const url = `${this.baseUrl}/${opts.test ? 'webhook-test' : 'webhook'}/${path.replace(/^\//, '')}`;
		return await this.request<T>(opts.method ?? 'POST', url, { auth: 'none', ...opts });
	}

	private async expectOk<T>(method: string, path: string, r: HttpResult): Promise<T> {
		if (r.status < 200 || r.status >= 300) {
			throw new N8nHttpError(
				`${method} ${path} -> HTTP ${r.status}: ${r.text.slice(0, 2000)}\n--- n8n log tail ---\n${this.logTail(30)}`,
				r.status,
				r.text,
			);
		}
		const json = r.json as { data?: unknown } | undefined;
		return (json && typeof json === 'object' && !Array.isArray(json) && 'data' in json ? json.data : json) as T;
	}

	/** Internal REST API (`/rest<path>`) as the owner (cookie); throws on non-2xx; returns `body.data`. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const full = `/rest${path.startsWith('/') ? path : `/${path}`}`;
		return await this.expectOk<T>(method, full, await this.request(method, full, { body }));
	}

	/** Public API (`/api/v1<path>`) with an API key created for the owner on first use; throws on non-2xx; returns the body. */
	async publicApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const full = `/api/v1${path.startsWith('/') ? path : `/${path}`}`;
		const r = await this.request(method, full, { body, auth: 'apiKey' });
		if (r.status < 200 || r.status >= 300) {
			throw new N8nHttpError(`${method} ${full} -> HTTP ${r.status}: ${r.text.slice(0, 2000)}`, r.status, r.text);
		}
		return r.json as T;
	}

	private async ensureApiKey(): Promise<string> {
		if (this.apiKey) return this.apiKey;
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
			label: `e2e-${Date.now()}`,
			scopes,
			expiresAt: null,
		});
		this.apiKey = created.rawApiKey;
		return this.apiKey;
	}

	/** Creates the owner (first start) and keeps its auth cookie. */
	async setupOwner(): Promise<void> {
		const r = await this.request('POST', '/rest/owner/setup', { body: OWNER, auth: 'none' });
		if (r.status < 200 || r.status >= 300) {
			await this.login();
			return;
		}
		this.takeCookie(r);
	}

	async login(): Promise<void> {
		const r = await this.request('POST', '/rest/login', {
			body: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
			auth: 'none',
		});
		await this.expectOk('POST', '/rest/login', r);
		this.takeCookie(r);
	}

	private takeCookie(r: HttpResult): void {
		const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]);
		const auth = cookies.find((c) => c.startsWith('n8n-auth='));
		if (!auth) throw new Error(`n8n sent no n8n-auth cookie (got: ${cookies.join(', ') || 'none'})`);
		this.cookie = auth;
	}

	// ---------------------------------------------------------------- node and credential types

	/** The node type list the editor loads (`GET /types/nodes.json`): every version of every node. */
	async nodeTypes(): Promise<INodeTypeDescription[]> {
		const r = await this.request('GET', '/types/nodes.json');
		return await this.expectOk('GET', '/types/nodes.json', r);
	}

	/** The credential type list the editor loads (`GET /types/credentials.json`). */
	async credentialTypes(): Promise<Array<{ name: string; displayName: string; [k: string]: unknown }>> {
		const r = await this.request('GET', '/types/credentials.json');
		return await this.expectOk('GET', '/types/credentials.json', r);
	}

	// ---------------------------------------------------------------- credentials

	/** Creates a credential owned by the owner; returns its id. */
	async createCredential(type: string, name: string, data: Record<string, unknown>): Promise<string> {
		const created = await this.rest<{ id: string }>('POST', '/credentials', { name, type, data });
		return created.id;
	}

	/** A saved credential as the editor's credential modal loads it (`GET /rest/credentials/<id>?includeData=true`; secrets redacted). */
	async getCredential(
		id: string,
	): Promise<{ id: string; name: string; type: string; data?: Record<string, unknown>; [k: string]: unknown }> {
		return await this.rest('GET', `/credentials/${id}?includeData=true`);
	}

	/**
	 * n8n's own credential test, the request the editor's credential modal sends when a credential is saved
	 * or "Retry" is clicked: `POST /rest/credentials/test` with `{ credentials: { id, name, type, data } }`.
	 * - `testCredential(id)`: like the editor, sends the saved credential's (redacted) data; n8n merges the
	 *   stored secrets back in and runs the credential type's `test`.
	 * - `testCredential({ type, data })`: tests unsaved data (`id: ''`, allowed for the owner).
	 * Resolves `{ status: 'OK' | 'Error', message }`; HTTP errors throw.
	 */
	async testCredential(
		credential: string | { type: string; data: Record<string, unknown>; name?: string; id?: string },
	): Promise<CredentialTestResult> {
		let payload: { id: string; name: string; type: string; data: Record<string, unknown> };
		if (typeof credential === 'string') {
			const saved = await this.getCredential(credential);
			payload = { id: saved.id, name: saved.name, type: saved.type, data: saved.data ?? {} };
		} else {
			payload = { id: credential.id ?? '', name: credential.name ?? '', type: credential.type, data: credential.data };
		}
		return await this.rest<CredentialTestResult>('POST', '/credentials/test', { credentials: payload });
	}

	// ---------------------------------------------------------------- workflows

	/**
	 * Creates a workflow from workflow JSON (as exported from the editor; `id`, `name`, `nodes`,
	 * `connections`, `settings`, `pinData`, `meta` are kept; `active` is ignored, use activate()).
	 * Returns the workflow id (the JSON's `id` when it has one).
	 */
	async importWorkflow(workflow: WorkflowJson): Promise<string> {
		const body: Record<string, unknown> = {
			name: workflow.name ?? `e2e ${Date.now()}`,
			nodes: workflow.nodes ?? [],
			connections: workflow.connections ?? {},
			settings: workflow.settings ?? { executionOrder: 'v1' },
		};
		for (const key of ['id', 'pinData', 'meta'] as const) if (workflow[key] !== undefined) body[key] = workflow[key];
		const created = await this.rest<{ id: string }>('POST', '/workflows', body);
		return created.id;
	}

	/** `GET /rest/workflows/<id>`: the saved workflow incl. `versionId`, `activeVersionId`, `staticData`. */
	async getWorkflow(id: string): Promise<SavedWorkflow> {
		return await this.rest('GET', `/workflows/${id}`);
	}

	/**
	 * Publishes (2.x "activates") the workflow's current version: `POST /rest/workflows/<id>/activate
	 * {versionId}`. Trigger activation (webhook registration, a trigger's create()) runs asynchronously after
	 * the HTTP answer, so by default this waits for publicationStatus() to settle and throws unless it is
	 * `published`. With `{ wait: false }` it returns right after the HTTP answer.
	 */
	async activate(id: string, opts: { wait?: boolean; timeoutMs?: number } = {}): Promise<SavedWorkflow> {
		const wf = await this.getWorkflow(id);
		const result = await this.rest<SavedWorkflow>('POST', `/workflows/${id}/activate`, {
			versionId: wf.versionId,
		});
		if (opts.wait !== false) {
			const status = await this.waitForPublication(id, opts.timeoutMs);
			if (status.status !== 'published') {
				throw new Error(
					`Publishing workflow ${id} ended as '${status.status}': ${JSON.stringify(status)}\n--- n8n log tail ---\n${this.logTail(30)}`,
				);
			}
		}
		return result;
	}

	/**
	 * Unpublishes the workflow: `POST /rest/workflows/<id>/deactivate` (the triggers' delete() runs).
	 * Like activation this settles asynchronously; by default it waits until publicationStatus() is
	 * `not_published` (webhooks deregistered), with `{ wait: false }` it returns right after the HTTP answer.
	 */
	async deactivate(id: string, opts: { wait?: boolean; timeoutMs?: number } = {}): Promise<SavedWorkflow> {
		const result = await this.rest<SavedWorkflow>('POST', `/workflows/${id}/deactivate`);
		if (opts.wait !== false) {
			const timeoutMs = opts.timeoutMs ?? 45000;
			const deadline = Date.now() + timeoutMs;
			let last: PublicationStatus = { status: 'unknown' };
			while (Date.now() < deadline) {
				last = await this.publicationStatus(id);
				if (last.status === 'not_published') return result;
				await sleep(200);
			}
			throw new Error(`Workflow ${id} still not unpublished after ${timeoutMs} ms: ${JSON.stringify(last)}\n--- n8n log tail ---\n${this.logTail(30)}`);
		}
		return result;
	}

	/**
	 * `GET /rest/workflows/<id>/publication-status` → `{ status, liveVersionId, pendingVersionId, triggers:
	 * [{ nodeId, status, errorMessage }] }`; status is `in_progress`, `not_published`, `published`,
	 * `partial` or `failed` (n8n 2.41 WorkflowPublicationStatusService).
	 */
	async publicationStatus(id: string): Promise<PublicationStatus> {
		return await this.rest('GET', `/workflows/${id}/publication-status`);
	}

	/**
	 * Polls publicationStatus() until it settles (`published`, `partial` or `failed`) and returns it; throws
	 * when it is still `in_progress`/`not_published` after timeoutMs (default 45 s: a failing trigger
	 * create() is retried 5 times with 1+2+4+8 s back-off before n8n reports `failed`).
	 */
	async waitForPublication(id: string, timeoutMs = 45000): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		let last: PublicationStatus = { status: 'unknown' };
		while (Date.now() < deadline) {
			last = await this.publicationStatus(id);
			if (!PENDING_PUBLICATION.has(last.status)) return last;
			await sleep(200);
		}
		throw new Error(`Workflow ${id} publication did not settle within ${timeoutMs} ms: ${JSON.stringify(last)}\n--- n8n log tail ---\n${this.logTail(30)}`);
	}

	/**
	 * Manual run from the editor (`POST /rest/workflows/<id>/run`). For a trigger, pass
	 * `{ triggerToStartFrom: { name: '<node name>' } }` to start test listening (answers `{waitingForWebhook: true}`).
	 * The saved workflow is run (the body is n8n's ManualRunDto: triggerToStartFrom | destinationNode | runData).
	 */
	async runManually(
		id: string,
		body: Record<string, unknown>,
	): Promise<{ executionId?: string; waitingForWebhook?: boolean; [k: string]: unknown }> {
		return await this.rest('POST', `/workflows/${id}/run`, body);
	}

	/** Stops test listening for the workflow (`DELETE /rest/test-webhook/<id>`). */
	async stopListening(id: string): Promise<unknown> {
		return await this.rest('DELETE', `/test-webhook/${id}`);
	}

	// ---------------------------------------------------------------- executions

	/** Executions of a workflow, newest first, each with its full run `data` (public API, includeData=true). */
	async executions(filter: { workflowId: string; limit?: number; status?: string }): Promise<ExecutionSummary[]> {
		const qs = new URLSearchParams({ workflowId: filter.workflowId, includeData: 'true', limit: String(filter.limit ?? 100) });
		if (filter.status) qs.set('status', filter.status);
		const page = await this.publicApi<{ data: ExecutionSummary[] }>('GET', `/executions?${qs.toString()}`);
		return page.data.map((e) => ({ ...e, id: String(e.id) }));
	}

	/** Waits until the workflow has at least `n` finished executions (any final status); returns them, oldest first. */
	async waitForExecutions(workflowId: string, n: number, timeoutMs = 30000): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		let done: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			const all = await this.executions({ workflowId });
			done = all.filter((e) => TERMINAL_STATUSES.has(e.status));
			if (done.length >= n) return done.sort((a, b) => Number(a.id) - Number(b.id));
			if (!this.isRunning) break;
			await sleep(250);
		}
		throw new Error(
			`Expected ${n} finished executions of workflow ${workflowId} within ${timeoutMs} ms, got ${done.length}` +
				`${this.isRunning ? '' : ' (n8n exited)'}\n--- n8n log tail ---\n${this.logTail(40)}`,
		);
	}

	// ---------------------------------------------------------------- lifecycle

	/** Stops n8n (SIGTERM, then SIGKILL after `graceMs`) and removes the user folder unless kept. */
	async stop(graceMs = 15000): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		const t0 = Date.now();
		if (this.isRunning) {
			killGroup(this.child, 'SIGTERM');
			const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
			if ((await Promise.race([this.exitPromise.then(() => 'exited' as const), timer])) === 'timeout') {
				killGroup(this.child, 'SIGKILL');
				await Promise.race([this.exitPromise, sleep(5000)]);
			}
		}
		// The task runner lives in the same process group; make sure nothing of it survives, and wait
		// (bounded) until the kernel has reaped the group so the ports are free when stop() resolves.
		killGroup(this.child, 'SIGKILL');
		const pid = this.child.pid;
		for (let i = 0; pid !== undefined && i < 50 && groupAlive(pid); i++) await sleep(100);
		this.stopMs = Date.now() - t0;
		if (!this.keepUserFolder) rmSync(this.userFolder, { recursive: true, force: true });
		// One line per n8n run, for timing trends and flakiness hunts.
		const line = { at: new Date().toISOString(), port: this.port, readyMs: this.readyMs, startupMs: this.startupMs, stopMs: this.stopMs, exit: this.exited };
		appendFileSync(join(dirname(this.logFile), 'timings.jsonl'), `${JSON.stringify(line)}\n`);
	}

	/** Resolves when n8n exits (for tests of crash behaviour). */
	async waitForExit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
		await this.exitPromise;
		return this.exited!;
	}
}

/** Statuses of publicationStatus() that mean "not settled yet". */
const PENDING_PUBLICATION = new Set(['in_progress', 'not_published']);

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

	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-e2e-home-'));
	const packageName = installPackage(userFolder, options.packageDir ?? REPO_ROOT, options.installMode ?? 'pack');

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

	const child = spawn('bash', ['-c', WATCHDOG, 'n8n-watchdog', node, n8nBin, 'start'], {
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
		await n8n.setupOwner();
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

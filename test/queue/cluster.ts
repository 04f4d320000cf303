/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test tooling, not node code: environment, log folders, errors of starting processes passed on as they are */
/**
 * n8n in queue mode on one machine, as a team with many cameras runs it: one main process
 * (editor, REST, trigger activation; production webhooks off), workers that run the executions,
 * webhook processors that receive production calls, Postgres 17 and Redis, and nginx hashing on the
 * URL in front of the webhook processors. Each n8n process has its own user folder with the package
 * installed the Community-Nodes way (test/e2e/harness/install.ts). Facts behind the settings:
 * shared/reference/n8n-queue-mode.md.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { freePorts, REPO_ROOT, startN8n, type N8n } from '../e2e/n8n';
import { startNginx, startPostgres, startRedis, type Service } from './services';

export interface ClusterOptions {
	workers?: number;
	webhooks?: number;
	/** Executions one worker runs at once (`n8n worker --concurrency`). */
	workerConcurrency?: number;
	/** More settings for every n8n process of the cluster. */
	env?: Record<string, string>;
}

export interface Cluster {
	main: N8n;
	workers: N8n[];
	webhooks: N8n[];
	/** nginx in front of the webhook processors (hash $request_uri consistent). */
	balancer: Service;
	/** Base URL production webhooks are registered under (the balancer), with a trailing slash. */
	webhookBaseUrl: string;
	logDir: string;
	/**
	 * Restarts one process on its port (a new user folder, the package installed again): a worker, a
	 * webhook processor, or main (which then takes over as leader: triggers, polls, queue recovery).
	 */
	restart(process: N8n): Promise<N8n>;
	/** "Worker finished execution" lines per worker (the workers log at info level). */
	finishedPerWorker(): number[];
	stop(): Promise<void>;
}

/** Every n8n process of the cluster shares these: queue mode, the database, Redis, the encryption key (scripts/env.sh). */
function sharedEnv(pg: Service, redis: Service, webhookBaseUrl: string): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		// Production URLs point at the balancer. N8N_WEBHOOK_URL stays empty: it would also move the
		// editor's test URLs (served by main only) to the balancer (n8n's url.service).
		WEBHOOK_URL: webhookBaseUrl,
		N8N_WEBHOOK_URL: '',
	};
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
	const workerCount = options.workers ?? 2;
	const webhookCount = options.webhooks ?? 2;
	const logDir = join(process.env.E2E_N8N_LOG_DIR ?? join(REPO_ROOT, '.cache', 'e2e-logs'), `queue-${Date.now()}`);
	mkdirSync(logDir, { recursive: true });
	const started: Array<{ stop(): Promise<void> }> = [];
	try {
		const [pgPort, redisPort, balancerPort, ...webhookPorts] = await freePorts(3 + webhookCount);
		const pg = await startPostgres(pgPort, logDir);
		started.push(pg);
		const redis = await startRedis(redisPort, logDir);
		started.push(redis);
		const webhookBaseUrl = `http://127.0.0.1:${balancerPort}/`;
		const env = { ...sharedEnv(pg, redis, webhookBaseUrl), ...options.env };

		// Main first: it runs the database migrations the other processes expect.
		const startMain = async (port?: number) =>
			await startN8n({ env: { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }, webhookUrl: webhookBaseUrl, port });
		const main = await startMain();
		started.push(main);
		const startProcess = async (command: 'worker' | 'webhook', port?: number) =>
			await startN8n({
				command,
				port,
				env,
				webhookUrl: webhookBaseUrl,
				args: command === 'worker' ? [`--concurrency=${options.workerConcurrency ?? 10}`] : [],
			});
		const others = await Promise.allSettled([
			...Array.from({ length: workerCount }, async () => await startProcess('worker')),
			...webhookPorts.map(async (port) => await startProcess('webhook', port)),
		]);
		for (const o of others) if (o.status === 'fulfilled') started.push(o.value);
		const failed = others.find((o): o is PromiseRejectedResult => o.status === 'rejected');
		if (failed) throw failed.reason;
		const processes = others.map((o) => (o as PromiseFulfilledResult<N8n>).value);
		const workers = processes.slice(0, workerCount);
		const webhooks = processes.slice(workerCount);
		const balancer = await startNginx(balancerPort, webhookPorts, logDir);
		started.push(balancer);

		const cluster: Cluster = {
			main,
			workers,
			webhooks,
			balancer,
			webhookBaseUrl,
			logDir,
			async restart(old) {
				await old.stop();
				if (old === cluster.main) {
					cluster.main = await startMain(old.port);
					started.push(cluster.main);
					return cluster.main;
				}
				const list = workers.includes(old) ? workers : webhooks;
				const fresh = await startProcess(list === workers ? 'worker' : 'webhook', old.port);
				list[list.indexOf(old)] = fresh;
				started.push(fresh);
				return fresh;
			},
			finishedPerWorker() {
				return workers.map((w) => (w.logs().match(/Worker finished execution/g) ?? []).length);
			},
			async stop() {
				await stopAll(started);
			},
		};
		return cluster;
	} catch (error) {
		await stopAll(started);
		throw error;
	}
}

/** Stops in reverse start order: n8n processes before Redis and Postgres, so none of them logs lost connections. */
async function stopAll(started: Array<{ stop(): Promise<void> }>): Promise<void> {
	const n8ns = started.filter((s) => 'logs' in s).reverse();
	await Promise.all(n8ns.map(async (s) => await s.stop()));
	for (const s of started.filter((x) => !('logs' in x)).reverse()) await s.stop();
}

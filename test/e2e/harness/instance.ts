/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling, not node code: the n8n child process, its log file and a bounded wait for its exit */
/** One running n8n: its process and log, and the REST calls the tests and the bench make. */
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { N8nClient } from './client';
import { N8nV1 } from './n8n-v1';
import { sleep } from '../until';
import { groupAlive, killGroup, liveChildren } from './processes';
import type { CredentialTestResult, ExecutionSummary, PublicationStatus, SavedWorkflow, WorkflowJson } from './types';

const TERMINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);

/** Statuses of publicationStatus() that mean "not settled yet". */
const PENDING_PUBLICATION = new Set(['in_progress', 'not_published']);

export class N8n extends N8nClient {
	private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	private readonly exitPromise: Promise<void>;
	private stopped = false;
	private readonly v1 = new N8nV1(this);

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
		super(`http://127.0.0.1:${port}`);
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
		if (await this.isN8nV1()) Object.assign(body, await this.v1.createExtras());
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
	 * n8n 1.x activates inside the request: a failure is the request's 400 (see N8nV1).
	 */
	async activate(id: string, opts: { wait?: boolean; timeoutMs?: number } = {}): Promise<SavedWorkflow> {
		const wf = await this.getWorkflow(id);
		if (await this.isN8nV1()) return await this.v1.activate(id, wf.versionId, opts.wait !== false);
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
		this.v1.forget(id);
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
		if (await this.isN8nV1()) return await this.v1.status(id);
		return await this.rest('GET', `/workflows/${id}/publication-status`);
	}

	/**
	 * Polls publicationStatus() until it settles (`published`, `partial` or `failed`) and returns it; throws
	 * when it is still `in_progress`/`not_published` after timeoutMs (default 45 s: a failing trigger
	 * create() is retried 5 times with 1+2+4+8 s back-off before n8n reports `failed`).
	 */
	async waitForPublication(id: string, timeoutMs = 45000): Promise<PublicationStatus> {
		if (await this.isN8nV1()) return await this.publicationStatus(id); // settled when activate() answered
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
	 * The saved workflow is run (the body is n8n's ManualRunDto: triggerToStartFrom | destinationNode | runData;
	 * n8n 1.x also wants the workflow itself as `workflowData`, which the editor sends and this adds).
	 */
	async runManually(
		id: string,
		body: Record<string, unknown>,
	): Promise<{ executionId?: string; waitingForWebhook?: boolean; [k: string]: unknown }> {
		if (body.workflowData === undefined && (await this.isN8nV1())) body = { ...body, workflowData: await this.getWorkflow(id) };
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

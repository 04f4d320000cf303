/** Shapes the harness takes and returns. */
import type { IConnections, INode, IRunExecutionData } from 'n8n-workflow';

export interface StartOptions {
	/**
	 * What to start: `start` (default: the main process, owner set up and logged in), or a queue-mode
	 * `worker` / `webhook` processor (no editor, no owner; ready when its /healthz/readiness answers on `port`).
	 */
	command?: 'start' | 'worker' | 'webhook';
	/** Extra command-line arguments, e.g. `--concurrency=5` for a worker. */
	args?: string[];
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
	/**
	 * Start on this existing user folder (its database, installed package and owner) instead of a fresh
	 * one: a restart. Pass the earlier n8n's `port` too, and start that one with `keepUserFolder`.
	 */
	userFolder?: string;
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

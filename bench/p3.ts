/**
 * P3: the VideoDB Alert Trigger against n8n's bare Webhook node, callbacks at concurrency 10 and 50,
 * every run checked for lost callbacks. Runs in the bench's main n8n (n8n's defaults) and, for the
 * settings that decide the result, in one extra n8n per setting (P3_SETTINGS).
 */
import { deriveToken } from '../nodes/VideoDbAlertTrigger/token';
import { SANDBOX_KEYS, SEED, type Sandbox } from '../sandbox';
import type { N8n } from '../test/e2e/n8n';
import { sendCallbacks, type CallbackRun } from './callbacks';
import { deleteExecutions, publish, stats } from './measure';
import type { CallbackRow } from './report';
import { BenchFailure } from './verify';
import * as wf from './workflows';

/**
 * n8n 2.41's expression settings that decide P3. Under the defaults every call into a webhook
 * trigger takes an expression isolate before the node runs (and an isolate is disposed after one
 * use) — except calls into n8n's own Webhook node (typeVersion ≥ 2, static parameters), which n8n
 * exempts by node type (`LiveWebhooks.webhookPhaseNeedsIsolate`). These runs show the trigger with
 * that difference removed or changed.
 */
export const P3_SETTINGS = [
	{
		key: 'isolate-for-all',
		label: 'N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false (the Webhook node also takes an isolate per call, like every other trigger)',
		env: { N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP: 'false' },
	},
	{
		key: 'lazy-acquire',
		label: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (an isolate only when an expression needs one; experimental in n8n 2.41)',
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	},
	{
		key: 'legacy',
		label: 'N8N_EXPRESSION_ENGINE=legacy (expressions without isolates)',
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
] as const;

export interface P3Options {
	callbacks: number;
	reps: number;
	/** P3_SETTINGS key of the n8n these runs go to; undefined = n8n's defaults. */
	settings?: string;
	log: (message: string) => void;
	/** Receives the rows of one concurrency as soon as they are measured. */
	onRows: (rows: CallbackRow[]) => void;
}

export async function runP3(n8n: N8n, sandbox: Sandbox, o: P3Options): Promise<void> {
	const videodb = {
		id: await n8n.createCredential('videoDbApi', 'VideoDB sandbox', { apiKey: SANDBOX_KEYS.videodb, baseUrl: sandbox.videodbUrl }),
		name: 'VideoDB sandbox',
	};
	sandbox.reset();
	const ids = { stream: SEED.streams.warehouseDock, sceneIndex: SEED.sceneIndexes.dockActivity, event: SEED.events.personOnDock };
	const token = deriveToken(SANDBOX_KEYS.videodb, wf.TRIGGER_WEBHOOK_ID);
	const kinds = [
		{ key: 'trigger', label: 'VideoDB Alert Trigger 1.1 → NoOp', id: await publish(n8n, wf.triggerWorkflow(videodb, ids)), url: `${n8n.baseUrl}/webhook/${wf.TRIGGER_WEBHOOK_ID}/alert?token=${token}` },
		{ key: 'webhook', label: 'Webhook 2.1 (respond immediately) → NoOp', id: await publish(n8n, wf.bareWebhookWorkflow()), url: `${n8n.baseUrl}/webhook/${wf.WEBHOOK_PATH}` },
		{ key: 'wired', label: 'Webhook 2.1 → IF (query token = secret) → Remove Duplicates (event_id|timestamp, previous executions) → NoOp', id: await publish(n8n, wf.handWiredWebhookWorkflow()), url: `${n8n.baseUrl}/webhook/${wf.WIRED_PATH}?token=${wf.WIRED_TOKEN}` },
	];
	const where = o.settings ? ` [${o.settings}]` : '';
	for (const concurrency of [10, 50]) {
		const runs = new Map<string, CallbackRun[]>(kinds.map((k) => [k.key, []]));
		// Interleaved, so drift on a shared machine hits both workflows alike.
		for (let rep = 1; rep <= o.reps; rep++) {
			for (const k of kinds) {
				const tag = `${o.settings ?? 'default'}-${concurrency}-${rep}-${k.key}`;
				const r = await sendCallbacks(n8n, k.id, k.url, o.callbacks, concurrency, tag);
				// The hand-wired baseline is measured as it behaves: its failed executions are reported as
				// lost (Remove Duplicates races on its database row under concurrency), not a bench failure.
				if (r.accepted !== o.callbacks || (r.lost !== 0 && k.key !== 'wired')) {
					throw new BenchFailure(`P3${where} ${k.label} c=${concurrency}: ${r.accepted} accepted (${JSON.stringify(r.statuses)}), ${r.succeeded} executions succeeded of ${o.callbacks}`);
				}
				runs.get(k.key)!.push(r);
				o.log(`P3${where} c=${concurrency} rep ${rep}: ${k.label} → accepted ${r.acceptedPerSec.toFixed(1)}/s, completed ${r.completedPerSec.toFixed(1)}/s, executions ${r.executions}`);
			}
		}
		o.onRows(
			kinds.map((k) => {
				const list = runs.get(k.key)!;
				return {
					key: k.key,
					label: k.label,
					settings: o.settings,
					concurrency,
					callbacks: o.callbacks,
					acceptedPerSec: stats(list.map((r) => r.acceptedPerSec)),
					completedPerSec: stats(list.map((r) => r.completedPerSec)),
					lost: list.reduce((s, r) => s + r.lost, 0),
				};
			}),
		);
	}
	for (const k of kinds) await deleteExecutions(n8n, k.id);
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, not node code: finds the repo from __dirname and reads the example files */
/**
 * What `npm start` (scripts/demo.ts) and the examples e2e suite share: finding the repo, loading the
 * example workflows, pointing them at other ids, and turning a finished execution of the
 * "VideoDB alert → Roboflow vision event" example into one line of text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repo root, found by walking up (this file runs from scripts/ under ts-jest and from build/scripts/ when compiled). */
export function findRepoRoot(start: string = __dirname): string {
	let dir = start;
	for (let i = 0; i < 6; i++) {
		if (existsSync(join(dir, 'examples')) && existsSync(join(dir, 'scripts', 'env.sh'))) return dir;
		dir = dirname(dir);
	}
	throw new Error(`Cannot find the repository root above ${start}`);
}

export const EXAMPLE_FILES = {
	alertToRoboflow: 'videodb-alert-to-roboflow.json',
	scheduledAlerts: 'scheduled-stream-alerts.json',
	qualityAndInventory: 'roboflow-quality-and-inventory.json',
	failedQualityAlert: 'roboflow-failed-quality-alert.json',
	onboardCamera: 'videodb-onboard-camera.json',
	whatHappenedToday: 'videodb-what-happened-today.json',
	recoverAlerts: 'videodb-recover-unfinished-alerts.json',
	snapshotToVisionEvent: 'roboflow-snapshot-to-vision-event.json',
} as const;

/** Names of the example nodes that the demo and the tests read outputs from. */
export const ALERT_EXAMPLE = {
	trigger: 'VideoDB Alert Trigger',
	filter: 'Confident enough?',
	roboflow: 'Create Vision Event',
	threshold: 0.8,
} as const;

/** Credential names the examples reference; n8n resolves them by name on import. */
export const CREDENTIAL_NAMES = { videoDbApi: 'VideoDB account', roboflowApi: 'Roboflow account', n8nApi: 'n8n API' } as const;

export interface ExampleNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: number[];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string | null; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export function loadExample(file: string, root = findRepoRoot()): ExampleWorkflow {
	return JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as ExampleWorkflow;
}

/** Every workflow JSON in examples/, by file name. */
export function loadExamples(root = findRepoRoot()): Map<string, ExampleWorkflow> {
	const out = new Map<string, ExampleWorkflow>();
	for (const file of readdirSync(join(root, 'examples')).sort()) {
		if (file.endsWith('.json')) out.set(file, loadExample(file, root));
	}
	return out;
}

interface Locator {
	__rl: true;
	mode: string;
	value: string;
	cachedResultName?: string;
}

function isLocator(value: unknown): value is Locator {
	return typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true;
}

/**
 * A copy of `workflow` with resource locators pointed at other ids (e.g. a real account's stream):
 * `ids.streamId` replaces every `streamId` locator whose value is `from.streamId`, and so on. The
 * locator switches to ID mode, since the cached list name no longer applies.
 */
export function retarget(
	workflow: ExampleWorkflow,
	replacements: Array<{ parameter: string; from: string; to: string }>,
): ExampleWorkflow {
	const copy = JSON.parse(JSON.stringify(workflow)) as ExampleWorkflow;
	for (const node of copy.nodes) {
		for (const { parameter, from, to } of replacements) {
			const value = node.parameters[parameter];
			if (isLocator(value) && value.value === from) {
				node.parameters[parameter] = { __rl: true, mode: 'id', value: to };
			}
		}
	}
	return copy;
}

/** A copy of `workflow` whose Set node `node` assigns `values` (by assignment name) instead of the example's. */
export function withSettings(workflow: ExampleWorkflow, node: string, values: Record<string, string | number>): ExampleWorkflow {
	const copy = JSON.parse(JSON.stringify(workflow)) as ExampleWorkflow;
	const settings = copy.nodes.find((n) => n.name === node);
	const assignments = (settings?.parameters.assignments as { assignments?: Array<{ name: string; value: unknown }> } | undefined)?.assignments;
	if (!assignments) throw new Error(`${workflow.name} has no Set node "${node}"`);
	for (const [name, value] of Object.entries(values)) {
		const assignment = assignments.find((a) => a.name === name);
		if (!assignment) throw new Error(`"${node}" of ${workflow.name} assigns no "${name}"`);
		assignment.value = value;
	}
	return copy;
}

/** The first output item (JSON) of `node` in a finished execution's run data, if the node ran. */
export function nodeOutput(data: unknown, node: string): Record<string, unknown> | undefined {
	const runData = (data as { resultData?: { runData?: Record<string, unknown[]> } } | undefined)?.resultData?.runData;
	const run = runData?.[node]?.[0] as { data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } } | undefined;
	return run?.data?.main?.[0]?.[0]?.json;
}

/** The error message of a failed execution, if n8n recorded one. */
export function executionError(data: unknown): string | undefined {
	const error = (data as { resultData?: { error?: { message?: string; node?: { name?: string } } } } | undefined)
		?.resultData?.error;
	if (!error) return undefined;
	return error.node?.name ? `${error.node.name}: ${error.message ?? 'error'}` : error.message;
}

export interface ExecutionLike {
	id: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: unknown;
}

/**
 * One line for a finished execution of the alert example, e.g.
 * `#12 person_on_dock 0.93 → Roboflow vision event 1b7c… (safety_alert, medium) in 0.4 s` or
 * `#13 person_on_dock 0.42 → filtered (confidence 0.42 < 0.8)`.
 */
export function describeAlertExecution(execution: ExecutionLike, note = ''): string {
	const trigger = nodeOutput(execution.data, ALERT_EXAMPLE.trigger) ?? {};
	const label = String(trigger.label ?? '?');
	const confidence = typeof trigger.confidence === 'number' ? trigger.confidence : Number.NaN;
	const conf = Number.isNaN(confidence) ? '?' : confidence.toFixed(2);
	const took =
		execution.stoppedAt && execution.startedAt
			? ` in ${((Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)) / 1000).toFixed(1)} s`
			: '';
	const head = `execution #${execution.id}: ${label} ${conf}`;
	const suffix = note ? ` ${note}` : '';
	if (execution.status !== 'success') {
		return `${head} → ${execution.status}: ${executionError(execution.data) ?? 'see the execution in the editor'}${suffix}`;
	}
	const created = nodeOutput(execution.data, ALERT_EXAMPLE.roboflow);
	if (created?.eventId) {
		return `${head} → Roboflow vision event ${String(created.eventId)}${took}${suffix}`;
	}
	return `${head} → filtered (confidence ${conf} < ${ALERT_EXAMPLE.threshold})${suffix}`;
}

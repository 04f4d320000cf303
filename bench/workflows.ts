/**
 * Workflow JSON for every benchmark scenario, as a user would build them in the editor. Each run
 * workflow starts with a Webhook ("Start", answers when the last node is done) and a Code node
 * ("Generate") that produces the events inside n8n, so the measured nodes get their items from
 * n8n itself, not from the client.
 */
import { randomUUID } from 'node:crypto';

import type { WorkflowJson } from '../test/e2e/n8n';
import { BATCH_CODE, generatorCode } from './events';

export const PKG = 'n8n-nodes-videodb-roboflow';
export interface CredentialRef {
	id: string;
	name: string;
}

type Node = WorkflowJson['nodes'][number];

function node(name: string, type: string, typeVersion: number, parameters: object, extra: Partial<Node> = {}): Node {
	return { id: randomUUID(), name, type, typeVersion, position: [0, 0], parameters, ...extra };
}

function chain(name: string, nodes: Node[]): WorkflowJson {
	const connections: Record<string, unknown> = {};
	for (let k = 0; k + 1 < nodes.length; k++) {
		connections[nodes[k].name] = { main: [[{ node: nodes[k + 1].name, type: 'main', index: 0 }]] };
	}
	nodes.forEach((n, k) => (n.position = [k * 220, 0]));
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Webhook that answers once the workflow has finished (so a run is one synchronous call). */
function start(path: string): Node {
	return node(
		'Start',
		'n8n-nodes-base.webhook',
		2.1,
		{ httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'noData', options: {} },
		{ webhookId: randomUUID() },
	);
}

const generate = () => node('Generate', 'n8n-nodes-base.code', 2, { jsCode: generatorCode() });

/** Roboflow Create Vision Event with the items' JSON as bodies (the mode meant for thousands of items). */
export function roboflowItemWorkflow(path: string, options: Record<string, unknown>, credential: CredentialRef): WorkflowJson {
	const roboflow = node(
		'Roboflow',
		`${PKG}.roboflow`,
		1,
		{ resource: 'visionEvent', operation: 'create', inputMode: 'item', options },
		{ credentials: { roboflowApi: credential } },
	);
	return chain(`bench ${path}`, [start(path), generate(), roboflow]);
}

/** Roboflow Create Vision Event with every field mapped by an expression (input mode "Fields"). */
export function roboflowFieldsWorkflow(path: string, options: Record<string, unknown>, credential: CredentialRef, useCaseId: string): WorkflowJson {
	const roboflow = node(
		'Roboflow',
		`${PKG}.roboflow`,
		1,
		{
			resource: 'visionEvent',
			operation: 'create',
			useCaseId: { __rl: true, mode: 'id', value: useCaseId },
			eventType: 'quality_check',
			result: '={{ $json.eventData.result }}',
			timestamp: '={{ $json.timestamp }}',
			additionalFields: {
				eventId: '={{ $json.eventId }}',
				externalId: '={{ $json.eventData.externalId }}',
				deviceId: '={{ $json.deviceId }}',
				customMetadata: {
					entries: [
						{ key: 'shift', type: 'string', value: '={{ $json.customMetadata.shift }}' },
						{ key: 'lane', type: 'number', value: '={{ $json.customMetadata.lane }}' },
					],
				},
			},
			options,
		},
		{ credentials: { roboflowApi: credential } },
	);
	return chain(`bench ${path}`, [start(path), generate(), roboflow]);
}

/** The JSON body a user would type into the HTTP Request node for one event. */
const SINGLE_BODY = `={
  "eventId": "{{ $json.eventId }}",
  "eventType": "{{ $json.eventType }}",
  "useCaseId": "{{ $json.useCaseId }}",
  "timestamp": "{{ $json.timestamp }}",
  "eventData": {{ JSON.stringify($json.eventData) }},
  "deviceId": "{{ $json.deviceId }}",
  "customMetadata": {{ JSON.stringify($json.customMetadata) }}
}`;

function httpRequest(url: string, jsonBody: string, credential: CredentialRef): Node {
	return node(
		'HTTP Request',
		'n8n-nodes-base.httpRequest',
		4.5,
		{
			method: 'POST',
			url,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: {},
		},
		{ credentials: { httpHeaderAuth: credential } },
	);
}

/** The leanest body a user could send instead: the whole item, one expression. */
const WHOLE_ITEM_BODY = '={{ JSON.stringify($json) }}';

/**
 * HTTP Request node, one request per item (n8n's default: all items' requests at once); the body
 * mapped field by field (`mapped`) or the whole item as one expression.
 */
export function httpItemWorkflow(path: string, roboflowUrl: string, credential: CredentialRef, body: 'mapped' | 'whole' = 'mapped'): WorkflowJson {
	const json = body === 'mapped' ? SINGLE_BODY : WHOLE_ITEM_BODY;
	return chain(`bench ${path}`, [start(path), generate(), httpRequest(`${roboflowUrl}/vision-events`, json, credential)]);
}

/** HTTP Request node posting hand-built batches of 100 to the batch endpoint. */
export function httpBatchWorkflow(path: string, roboflowUrl: string, credential: CredentialRef): WorkflowJson {
	const batches = node('Make Batches', 'n8n-nodes-base.code', 2, { jsCode: BATCH_CODE });
	const body = '={ "events": {{ JSON.stringify($json.events) }} }';
	return chain(`bench ${path}`, [start(path), generate(), batches, httpRequest(`${roboflowUrl}/vision-events/batch`, body, credential)]);
}

/** The item storage baseline for the memory figure: the same items, no requests. */
export function noOpWorkflow(path: string): WorkflowJson {
	return chain(`bench ${path}`, [start(path), generate(), node('Done', 'n8n-nodes-base.noOp', 1, {})]);
}

export const TRIGGER_WEBHOOK_ID = '5b1e0c7a-9d3f-4e2a-8b6c-1f0a2d3e4b5c';
export const WEBHOOK_PATH = 'bench-bare-webhook';

/** VideoDB Alert Trigger 1.1, what a new node gets (defaults: token check and de-duplication on) → NoOp. */
export function triggerWorkflow(credential: CredentialRef, ids: { stream: string; sceneIndex: string; event: string }): WorkflowJson {
	const trigger = node(
		'VideoDB Alert Trigger',
		`${PKG}.videoDbAlertTrigger`,
		1.1,
		{
			streamId: { __rl: true, mode: 'id', value: ids.stream },
			sceneIndexId: { __rl: true, mode: 'id', value: ids.sceneIndex },
			eventSource: 'existing',
			eventId: { __rl: true, mode: 'id', value: ids.event },
			options: {},
		},
		{ webhookId: TRIGGER_WEBHOOK_ID, credentials: { videoDbApi: credential } },
	);
	return chain('bench alert trigger', [trigger, node('Done', 'n8n-nodes-base.noOp', 1, {})]);
}

/** The bare Webhook node a user would wire instead: respond immediately, then NoOp. */
export function bareWebhookWorkflow(): WorkflowJson {
	const hook = node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2.1,
		{ httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
		{ webhookId: randomUUID() },
	);
	return chain('bench bare webhook', [hook, node('Done', 'n8n-nodes-base.noOp', 1, {})]);
}

export const WIRED_PATH = 'bench-hand-wired-webhook';
/** The query token the hand-wired workflow's IF node checks (made per run, like the trigger's 32 hex digits). */
export const WIRED_TOKEN = randomUUID().replace(/-/g, '');

/**
 * What a user wires to get what the VideoDB Alert Trigger gives: the Webhook node, an IF that lets
 * only calls with the secret token in the query through, and Remove Duplicates on the alert's
 * `event_id|timestamp` across executions (at-least-once deliveries), then the workflow.
 */
export function handWiredWebhookWorkflow(): WorkflowJson {
	const hook = node('Webhook', 'n8n-nodes-base.webhook', 2.1, { httpMethod: 'POST', path: WIRED_PATH, responseMode: 'onReceived', options: {} }, { webhookId: randomUUID() });
	const token = node('Token matches?', 'n8n-nodes-base.if', 2.2, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [{ id: randomUUID(), leftValue: '={{ $json.query.token }}', rightValue: WIRED_TOKEN, operator: { type: 'string', operation: 'equals' } }],
			combinator: 'and',
		},
		options: {},
	});
	const dedupe = node('Remove Duplicates', 'n8n-nodes-base.removeDuplicates', 2, {
		operation: 'removeItemsSeenInPreviousExecutions',
		dedupeValue: '={{ $json.body.event_id }}|{{ $json.body.timestamp }}',
		options: {},
	});
	return chain('bench hand-wired webhook', [hook, token, dedupe, node('Done', 'n8n-nodes-base.noOp', 1, {})]);
}

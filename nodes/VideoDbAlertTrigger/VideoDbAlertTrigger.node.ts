import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { collection } from '../common/descriptions';
import {
	eventLabelField,
	eventPromptField,
	eventRlc,
	sceneIndexRlc,
	streamRlc,
	withoutIdValidation,
} from '../VideoDb/descriptions';
import { searchEvents, searchSceneIndexes, searchStreams } from '../VideoDb/listSearch';
import { VIDEODB_CREDENTIAL } from '../VideoDb/transport';
import { handleCallback } from './callback';
import { checkExists, create, deleteAlert } from './lifecycle';

const REACHABILITY =
	'VideoDB calls this workflow over the internet, so n8n must be reachable at a public URL: set N8N_WEBHOOK_URL (or WEBHOOK_URL) to it, e.g. a tunnel, before you listen or publish.';
// n8n 2.x "publishes" a workflow where n8n 1.x "activates" it: the panel names both.
const PUBLISH = 'Publish (on n8n 1.x: activate) the workflow';

export class VideoDbAlertTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VideoDB Alert Trigger',
		name: 'videoDbAlertTrigger',
		icon: { light: 'file:../../icons/videodb.svg', dark: 'file:../../icons/videodb.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves exactly like 1. n8n evaluates a `binaryData` option expression for every call
		// into a version-1 webhook node before webhook() runs; from 1.1 on it parses the JSON body
		// without one, which saves an expression evaluation per alert (BENCHMARKS.md, P3).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{"On " + ($parameter["eventSource"] === "prompt" ? $parameter["label"] : "chosen event")}}',
		description: 'Starts the workflow when VideoDB detects an event on a live stream',
		defaults: { name: 'VideoDB Alert Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: VIDEODB_CREDENTIAL, required: true }],
		// 'noData': VideoDB only needs a quick 2xx. Duplicates are answered by webhook() itself
		// ({received, duplicate}) because no execution starts for them.
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'alert' }],
		activationMessage: `VideoDB now calls this workflow for every alert on the chosen stream. ${REACHABILITY}`,
		triggerPanel: {
			header: 'Waiting for a VideoDB alert',
			executionsHelp: {
				inactive:
					`While you listen, the trigger registers a temporary VideoDB alert for the test URL and removes it afterwards. ${PUBLISH} to register the production URL. ` +
					REACHABILITY,
				active:
					'The workflow is published (n8n 1.x: active): VideoDB calls its production URL for every alert and each call starts an execution. ' +
					REACHABILITY,
			},
			activationHint: `${PUBLISH} to register the VideoDB alert for the production URL. ${REACHABILITY}`,
		},
		// The locators' id formats are checked by the trigger when it registers its alert, not by
		// n8n on every alert (see withoutIdValidation).
		properties: [
			withoutIdValidation(streamRlc),
			withoutIdValidation(sceneIndexRlc),
			{
				displayName: 'Event Source',
				name: 'eventSource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Existing Event',
						value: 'existing',
						description: 'Alert on a detection event that already exists in VideoDB',
					},
					{
						name: 'Describe the Event',
						value: 'prompt',
						description: 'Use the event with this label, or create it from the prompt if there is none',
					},
				],
				default: 'existing',
			},
			{ ...withoutIdValidation(eventRlc), displayOptions: { show: { eventSource: ['existing'] } } },
			{
				...eventPromptField,
				description: 'The condition to detect, in plain language; used only when no event has the label yet',
				displayOptions: { show: { eventSource: ['prompt'] } },
			},
			{
				...eventLabelField,
				description: 'Short identifier of the event; an existing event with this label is reused',
				displayOptions: { show: { eventSource: ['prompt'] } },
			},
			collection('options', [
				{
					displayName: 'Deduplicate',
					name: 'deduplicate',
					type: 'boolean',
					default: true,
					description:
						'Whether to start only one execution when VideoDB delivers the same alert (same event_id and timestamp) more than once within 24 hours',
				},
				{
					displayName: 'Verify Token',
					name: 'verifyToken',
					type: 'boolean',
					default: true,
					description:
						'Whether to put a secret token in the callback URL and reject calls without it (HTTP 401). Without it, anyone who learns the webhook URL can start the workflow.',
				},
			]),
		],
	};

	methods = { listSearch: { searchStreams, searchSceneIndexes, searchEvents } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteAlert.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallback.call(this);
	}
}

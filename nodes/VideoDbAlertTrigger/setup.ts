import type { IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { trimmedText } from '../common/parameters';
import { LOCATOR_ID_PATTERNS } from '../VideoDb/descriptions';
import { deriveToken, readCredential, webhookKey } from './token';

/** Which event the alert fires on: a chosen event, or one found or created by label. */
export type EventChoice =
	| { kind: 'existing'; eventId: string }
	| { kind: 'prompt'; eventPrompt: string; label: string };

/** Everything the life cycle needs to know, read from the node before any request. */
export interface TriggerSetup {
	streamId: string;
	sceneIndexId: string;
	event: EventChoice;
	/** The webhook URL n8n gives this registration (production or test), without query. */
	webhookUrl: string;
	/** `webhookUrl?token=<token>` (just `webhookUrl` when Verify Token is off): what VideoDB calls. */
	callbackUrl: string;
}

/** What `create` writes to the node's static data (and `delete` removes). */
export interface StoredAlert {
	alertId?: string;
	eventId?: string;
	streamId?: string;
	sceneIndexId?: string;
	callbackUrl?: string;
}

export const STORED_KEYS: Array<keyof StoredAlert> = ['alertId', 'eventId', 'streamId', 'sceneIndexId', 'callbackUrl'];

type ParameterContext = IHookFunctions | IWebhookFunctions;

/** A locator's id ('' when unset), whatever mode it is in. */
export function locatorValue(ctx: ParameterContext, name: string): string {
	return trimmedText(ctx.getNodeParameter(name, '', { extractValue: true }));
}

function required(node: INode, value: string, displayName: string): string {
	if (value === '') {
		throw new NodeOperationError(node, `${displayName} must not be empty`, {
			description: `Set the "${displayName}" parameter of the trigger.`,
		});
	}
	return value;
}

/**
 * A locator's id, required and in VideoDB's id format. The trigger's locators leave this check to
 * the trigger (withoutIdValidation): n8n would otherwise repeat it on every alert. Not the nodes'
 * locatorId (common/parameters.ts): hooks have no item to name, and this one also checks the format.
 */
function locatorId(ctx: ParameterContext, name: keyof typeof LOCATOR_ID_PATTERNS, displayName: string): string {
	const node = ctx.getNode();
	const id = required(node, locatorValue(ctx, name), displayName);
	if (!LOCATOR_ID_PATTERNS[name].test(id)) {
		throw new NodeOperationError(node, `${displayName} is not a valid VideoDB ${displayName.toLowerCase()} ID: "${id}"`, {
			description: `Choose the ${displayName.toLowerCase()} from the list, or enter its ID as VideoDB shows it.`,
		});
	}
	return id;
}

/** The event parameters, checked. */
export function readEventChoice(ctx: ParameterContext): EventChoice {
	const node = ctx.getNode();
	if (ctx.getNodeParameter('eventSource', 'existing') === 'prompt') {
		return {
			kind: 'prompt',
			eventPrompt: required(node, trimmedText(ctx.getNodeParameter('eventPrompt', '')), 'Event Prompt'),
			label: required(node, trimmedText(ctx.getNodeParameter('label', '')), 'Label'),
		};
	}
	return { kind: 'existing', eventId: locatorId(ctx, 'eventId', 'Event') };
}

/** Callback URL = the webhook URL of this registration plus the derived token. */
export function callbackUrlFor(webhookUrl: string, token: string): string {
	return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}token=${token}`;
}

/** The URL without its query: alerts sharing it were registered by this trigger node. */
export function withoutQuery(url: string | null | undefined): string {
	if (typeof url !== 'string') return '';
	const cut = url.indexOf('?');
	return cut < 0 ? url : url.slice(0, cut);
}

function isLoopback(url: string): boolean {
	try {
		return /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(new URL(url).hostname);
	} catch {
		return false;
	}
}

/** Reads and checks the parameters, derives the token and the callback URL. */
export async function readSetup(ctx: IHookFunctions): Promise<TriggerSetup> {
	const node = ctx.getNode();
	const streamId = locatorId(ctx, 'streamId', 'Stream');
	const sceneIndexId = locatorId(ctx, 'sceneIndexId', 'Scene Index');
	const event = readEventChoice(ctx);
	const webhookUrl = ctx.getNodeWebhookUrl('default');
	if (!webhookUrl) {
		throw new NodeOperationError(node, 'n8n did not provide a webhook URL for the trigger');
	}
	const { apiKey, baseUrl } = await readCredential(ctx);
	// A remote VideoDB cannot call this machine's loopback address: the alert would never fire.
	if (isLoopback(webhookUrl) && !isLoopback(baseUrl)) {
		throw new NodeOperationError(node, `VideoDB cannot reach the webhook URL ${webhookUrl}`, {
			description:
				"n8n's webhook URL points at this machine. Set N8N_WEBHOOK_URL (or WEBHOOK_URL) to a public URL of this n8n, e.g. a tunnel, restart n8n and activate again.",
		});
	}
	// Without token verification the URL carries no token, for a receiver path that drops queries.
	const options = ctx.getNodeParameter('options', {}) as { verifyToken?: boolean };
	const callbackUrl =
		options.verifyToken === false ? webhookUrl : callbackUrlFor(webhookUrl, deriveToken(apiKey, webhookKey(ctx)));
	return { streamId, sceneIndexId, event, webhookUrl, callbackUrl };
}

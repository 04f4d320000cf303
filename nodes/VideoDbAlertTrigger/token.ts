import { createHmac, timingSafeEqual } from 'crypto';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { VIDEODB_CREDENTIAL } from '../VideoDb/transport';

/** Hex characters kept of the HMAC: 128 bits, short enough for a readable callback URL. */
export const TOKEN_LENGTH = 32;

/**
 * The callback token: HMAC-SHA256 of the webhook's identity keyed with the API key. It is
 * derived, not stored, so it is the same in test and production runs, after restarts and when
 * static data is lost, and nobody without the key can compute it. After a key change the token
 * in the registered callback URL stays accepted too, until the next activation (callback.ts).
 */
export function deriveToken(apiKey: string, webhookKey: string): string {
	return createHmac('sha256', apiKey)
		.update(`videodb-alert-trigger:${webhookKey}`)
		.digest('hex')
		.slice(0, TOKEN_LENGTH);
}

/**
 * What identifies this trigger's webhook: the node's webhook id (the UUID in its URL). Nodes
 * saved without one use `<workflow id>/<node name>`, which is also what n8n puts in their URL.
 */
export function webhookKey(ctx: IHookFunctions | IWebhookFunctions): string {
	const node = ctx.getNode();
	if (typeof node.webhookId === 'string' && node.webhookId !== '') return node.webhookId;
	return `${ctx.getWorkflow().id ?? ''}/${node.name}`;
}

/**
 * The credential's key and base URL. Only reads them: requests go through the VideoDB transport,
 * never through this function.
 */
export async function readCredential(ctx: IHookFunctions | IWebhookFunctions): Promise<{ apiKey: string; baseUrl: string }> {
	const credentials = await ctx.getCredentials<{ apiKey?: unknown; baseUrl?: unknown }>(VIDEODB_CREDENTIAL);
	return { apiKey: String(credentials.apiKey ?? ''), baseUrl: String(credentials.baseUrl ?? '') };
}

/** The token of this trigger for the current credential. */
export async function webhookToken(ctx: IHookFunctions | IWebhookFunctions): Promise<string> {
	return deriveToken((await readCredential(ctx)).apiKey, webhookKey(ctx));
}

/**
 * The token of a callback URL the trigger registered ('' when it has none): after a key change
 * VideoDB keeps calling that URL until the next activation registers the new one.
 */
export function tokenOfUrl(url: unknown): string {
	if (typeof url !== 'string') return '';
	const query = url.indexOf('?');
	return query < 0 ? '' : (new URLSearchParams(url.slice(query + 1)).get('token') ?? '');
}

/** Constant-time comparison; a value of another length, none, or an empty expected token never matches. */
export function tokenMatches(received: unknown, expected: string): boolean {
	if (typeof received !== 'string' || expected === '') return false;
	const a = Buffer.from(received, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}

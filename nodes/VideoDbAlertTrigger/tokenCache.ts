/** Which callback tokens the trigger accepts, with the tokens it derived lately kept in memory. */
import type { IWebhookFunctions } from 'n8n-workflow';

import { setNewest } from '../common/lru';
import { VIDEODB_CREDENTIAL } from '../VideoDb/transport';
import { DEDUPE_MAX_SCOPES } from './dedupe';
import type { StoredAlert } from './setup';
import { tokenMatches, tokenOfUrl, webhookKey, webhookToken } from './token';

/**
 * How long a derived token is trusted without reading the credential again. Reading it costs a
 * database query, a decryption and an expression evaluation in n8n on every callback, more than
 * the rest of webhook() (BENCHMARKS.md, P3). A token that does not match is always checked
 * against a fresh read, so a new key works at once. An old key's token stays valid through the
 * token registered at activation (see tokenAccepted), not through this cache.
 */
export const TOKEN_TTL_MS = 60_000;

/** Recently derived tokens per credential and webhook (bounded like the de-dup windows). */
const tokens = new Map<string, { token: string; at: number }>();

/** Forgets every remembered token (tests). */
export function resetTokenCache(): void {
	tokens.clear();
}

/**
 * Whether `received` is the token of the current key, or the one registered at activation (at
 * time `now`). The alert keeps calling the registered URL after the key changes until the next
 * activation moves it to the new token, so that token must keep working (DESIGN §3). Production
 * static data is read from the database on every request, by every n8n process; a test listening
 * run's is its own (empty in another process).
 */
export async function tokenAccepted(ctx: IWebhookFunctions, received: unknown, now: number): Promise<boolean> {
	const credentialId = ctx.getNode().credentials?.[VIDEODB_CREDENTIAL]?.id ?? '';
	const key = `${credentialId}|${webhookKey(ctx)}`;
	const known = tokens.get(key);
	if (known && now - known.at < TOKEN_TTL_MS && tokenMatches(received, known.token)) return true;
	const registered = tokenOfUrl((ctx.getWorkflowStaticData('node') as StoredAlert).callbackUrl);
	if (tokenMatches(received, registered)) return true;
	const token = await webhookToken(ctx);
	setNewest(tokens, key, { token, at: now }, DEDUPE_MAX_SCOPES);
	return tokenMatches(received, token);
}

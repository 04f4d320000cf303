/**
 * Changing the VideoDB API key while the workflow is published. The alert keeps calling the
 * callback URL registered at activation, whose token was derived from the old key: that token
 * stays accepted (read from the static data create() saved) next to the new key's, past the token
 * cache's lifetime, until the next activation moves the alert to the new token (DESIGN §3).
 */
import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { TOKEN_TTL_MS } from '../../nodes/VideoDbAlertTrigger/tokenCache';
import { deriveToken, tokenOfUrl } from '../../nodes/VideoDbAlertTrigger/token';
import { VideoDbAlertTrigger } from '../../nodes/VideoDbAlertTrigger/VideoDbAlertTrigger.node';
import { alertHookContext, callAlertWebhook, useTriggerClock } from '../helpers/alertTrigger';
import { useSandbox } from '../helpers/sandbox';

const WEBHOOK_ID = '3c9a7e15-2b64-4d8f-a0c1-5e6f7a8b9c0d';
const PROD_URL = `http://127.0.0.1:5678/webhook/${WEBHOOK_ID}/alert`;
const OLD_KEY = SANDBOX_KEYS.videodb;
const NEW_KEY = SANDBOX_KEYS.videodbSecond;
const OLD_TOKEN = deriveToken(OLD_KEY, WEBHOOK_ID);
const NEW_TOKEN = deriveToken(NEW_KEY, WEBHOOK_ID);

/** Static data as create() saved it at activation with the old key. */
const registered = (): IDataObject => ({
	alertId: 'a1b2c3d4e5f60718',
	eventId: SEED.events.personOnDock,
	streamId: SEED.streams.warehouseDock,
	sceneIndexId: SEED.sceneIndexes.dockActivity,
	callbackUrl: `${PROD_URL}?token=${OLD_TOKEN}`,
});

let n = 0;
/** One callback; a new detection each time, so the de-dup window never hides an execution. */
async function callback(opts: { apiKey: string; query: IDataObject; staticData: IDataObject; body?: unknown }) {
	return await callAlertWebhook({
		...opts,
		webhookId: WEBHOOK_ID,
		body: opts.body ?? { event_id: `event-${SEED.events.personOnDock}`, timestamp: `2026-11-23T12:00:00.${n++}+00:00` },
	});
}

const clock = useTriggerClock();

describe('callbacks after the API key changed', () => {
	it('reads the token of a registered callback URL', () => {
		expect(tokenOfUrl(`${PROD_URL}?token=${OLD_TOKEN}`)).toBe(OLD_TOKEN);
		expect(tokenOfUrl(`${PROD_URL}?a=1&token=${OLD_TOKEN}`)).toBe(OLD_TOKEN);
		expect(tokenOfUrl(PROD_URL)).toBe('');
		expect(tokenOfUrl(undefined)).toBe('');
	});

	it('keep starting executions with the registered token, also once the token cache has expired', async () => {
		expect((await callback({ apiKey: OLD_KEY, query: { token: OLD_TOKEN }, staticData: registered() })).executions).toBe(1);
		clock.now += TOKEN_TTL_MS + 1;
		const old = await callback({ apiKey: NEW_KEY, query: { token: OLD_TOKEN }, staticData: registered() });
		expect(old.status).toBeUndefined();
		expect(old.executions).toBe(1);
		// The new key's token works at once, next to the registered one.
		expect((await callback({ apiKey: NEW_KEY, query: { token: NEW_TOKEN }, staticData: registered() })).executions).toBe(1);
		clock.now += 10 * TOKEN_TTL_MS;
		expect((await callback({ apiKey: NEW_KEY, query: { token: OLD_TOKEN }, staticData: registered() })).executions).toBe(1);
	});

	it('without a registered token (a test listening run in another process) only the current key works', async () => {
		expect((await callback({ apiKey: OLD_KEY, query: { token: OLD_TOKEN }, staticData: {} })).executions).toBe(1);
		clock.now += TOKEN_TTL_MS + 1;
		expect((await callback({ apiKey: NEW_KEY, query: { token: OLD_TOKEN }, staticData: {} })).status).toBe(401);
		expect((await callback({ apiKey: NEW_KEY, query: { token: NEW_TOKEN }, staticData: {} })).executions).toBe(1);
	});

	it.each([
		['missing', {}],
		['random', { token: 'f'.repeat(32) }],
		['of another webhook', { token: deriveToken(OLD_KEY, 'another-webhook') }],
		['of another key', { token: deriveToken('sk-someone-else', WEBHOOK_ID) }],
		['a prefix of the registered one', { token: OLD_TOKEN.slice(0, 16) }],
		['the registered one upper-cased', { token: OLD_TOKEN.toUpperCase() }],
		['repeated', { token: [OLD_TOKEN, NEW_TOKEN] }],
	])('answer 401 to a forged token (%s)', async (_case, query) => {
		clock.now += TOKEN_TTL_MS + 1;
		const { status, executions } = await callback({ apiKey: NEW_KEY, query: query as IDataObject, staticData: registered() });
		expect(status).toBe(401);
		expect(executions).toBe(0);
	});

	it.each([
		['an empty token', `${PROD_URL}?token=`],
		['no token (registered with Verify Token off)', PROD_URL],
	])('a registered URL with %s accepts no empty or missing token', async (_case, callbackUrl) => {
		for (const query of [{ token: '' }, {}]) {
			expect((await callback({ apiKey: NEW_KEY, query, staticData: { ...registered(), callbackUrl } })).status).toBe(401);
		}
	});

	it('keep both keys out of every answer', async () => {
		const results = [
			await callback({ apiKey: NEW_KEY, query: {}, staticData: registered() }),
			await callback({ apiKey: NEW_KEY, query: { token: OLD_TOKEN }, staticData: registered() }),
			await callback({ apiKey: NEW_KEY, query: { token: OLD_TOKEN }, staticData: registered(), body: 'not json' }),
		];
		const text = JSON.stringify(results.map(({ result, json }) => ({ result, json })));
		expect(text).not.toContain(OLD_KEY);
		expect(text).not.toContain(NEW_KEY);
	});
});

describe('the next activation with the new key', () => {
	const hooks = new VideoDbAlertTrigger().webhookMethods.default;
	const sandbox = useSandbox();

	const hookContext = (apiKey: string, staticData?: IDataObject) =>
		alertHookContext({ webhookId: WEBHOOK_ID, webhookUrl: PROD_URL, videodbUrl: sandbox.videodbUrl, apiKey, staticData });
	const enabled = () => [...sandbox.state.alerts.values()].filter((alert) => alert.status === 'enabled');

	it('moves the alert to the new token; from then on the old token gets 401', async () => {
		// Activated with the old key; `stored` plays the saved static data every callback reads.
		const before = hookContext(OLD_KEY);
		await hooks.create.call(before.ctx);
		const stored = before.staticData;
		const oldId = stored.alertId as string;
		clock.now += TOKEN_TTL_MS + 1;
		expect((await callback({ apiKey: NEW_KEY, query: { token: OLD_TOKEN }, staticData: stored })).executions).toBe(1);

		const after = hookContext(NEW_KEY, stored);
		expect(await hooks.checkExists.call(after.ctx)).toBe(false);
		await hooks.create.call(after.ctx);
		expect(sandbox.state.alerts.get(oldId)!.status).toBe('disabled');
		expect(enabled()).toEqual([expect.objectContaining({ callback_url: `${PROD_URL}?token=${NEW_TOKEN}` })]);
		expect(stored.callbackUrl).toBe(`${PROD_URL}?token=${NEW_TOKEN}`);
		expect(after.logger.info).toHaveBeenCalledWith(expect.stringContaining(oldId));
		expect(JSON.stringify(after.logger.info.mock.calls)).not.toContain(OLD_TOKEN);

		// Refused at once, and still after the token cache's lifetime.
		expect((await callback({ apiKey: NEW_KEY, query: { token: OLD_TOKEN }, staticData: stored })).status).toBe(401);
		clock.now += TOKEN_TTL_MS + 1;
		expect((await callback({ apiKey: NEW_KEY, query: { token: OLD_TOKEN }, staticData: stored })).status).toBe(401);
		expect((await callback({ apiKey: NEW_KEY, query: { token: NEW_TOKEN }, staticData: stored })).executions).toBe(1);
	});

	it('unpublish + publish does the same through delete()', async () => {
		const before = hookContext(OLD_KEY);
		await hooks.create.call(before.ctx);
		const stored = before.staticData;
		await hooks.delete.call(hookContext(NEW_KEY, stored).ctx);
		expect(stored.callbackUrl).toBeUndefined();
		const after = hookContext(NEW_KEY, stored);
		expect(await hooks.checkExists.call(after.ctx)).toBe(false);
		await hooks.create.call(after.ctx);
		expect(enabled()).toEqual([expect.objectContaining({ callback_url: `${PROD_URL}?token=${NEW_TOKEN}` })]);
		clock.now += TOKEN_TTL_MS + 1;
		expect((await callback({ apiKey: NEW_KEY, query: { token: OLD_TOKEN }, staticData: stored })).status).toBe(401);
	});
});

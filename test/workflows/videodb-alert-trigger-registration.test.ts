/**
 * The VideoDB Alert Trigger's registration life cycle against the real sandbox over HTTP. The hook
 * context (test/helpers/alertTrigger.ts) sends real requests and holds real static data, so each
 * test drives `webhookMethods.default.*` exactly as n8n calls them; every exchange is held against
 * VideoDB's spec (useSandbox). The same decisions over a fake port, without HTTP:
 * test/unit/videodb-alert-trigger-lifecycle.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { deriveToken } from '../../nodes/VideoDbAlertTrigger/token';
import { VideoDbAlertTrigger } from '../../nodes/VideoDbAlertTrigger/VideoDbAlertTrigger.node';
import { alertHookContext, locator, type Hook } from '../helpers/alertTrigger';
import { useSandbox } from '../helpers/sandbox';

const WEBHOOK_ID = '0b7e4f2a-9c1d-4e3b-8a5f-6d7c8e9f0a1b';
const PROD_URL = `http://127.0.0.1:5678/webhook/${WEBHOOK_ID}/alert`;
const TEST_URL = `http://127.0.0.1:5678/webhook-test/${WEBHOOK_ID}/alert`;
const STREAM = SEED.streams.warehouseDock;
const INDEX = SEED.sceneIndexes.dockActivity;
const ALERT_PATH = `/rtstream/${STREAM}/index/${INDEX}/alert`;
const TOKEN = deriveToken(SANDBOX_KEYS.videodb, WEBHOOK_ID);
const CALLBACK = `${PROD_URL}?token=${TOKEN}`;

const trigger = new VideoDbAlertTrigger();
const hooks = trigger.webhookMethods.default;

const sandbox = useSandbox();

function hookContext(
	opts: { parameters?: IDataObject; webhookUrl?: string; apiKey?: string; baseUrl?: string; staticData?: IDataObject } = {},
): Hook {
	return alertHookContext({ webhookId: WEBHOOK_ID, webhookUrl: PROD_URL, videodbUrl: sandbox.videodbUrl, ...opts });
}

function alerts() {
	return [...sandbox.state.alerts.values()];
}
function enabled() {
	return alerts().filter((alert) => alert.status === 'enabled');
}
function posts(path = ALERT_PATH) {
	return sandbox.requests({ service: 'videodb', method: 'POST', path });
}

/** An alert registered directly through the API (as if by an earlier version of the trigger). */
async function apiAlert(callbackUrl: string, eventId: string = SEED.events.personOnDock): Promise<string> {
	const res = await fetch(`${sandbox.videodbUrl}${ALERT_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-access-token': SANDBOX_KEYS.videodb },
		body: JSON.stringify({ event_id: eventId, callback_url: callbackUrl }),
	});
	return ((await res.json()) as { data: { alert_id: string } }).data.alert_id;
}

describe('checkExists / create', () => {
	it('checkExists is false with no alert, create registers one, then checkExists is true', async () => {
		const first = hookContext();
		expect(await hooks.checkExists.call(first.ctx)).toBe(false);
		expect(await hooks.create.call(first.ctx)).toBe(true);

		expect(alerts()).toHaveLength(1);
		const [alert] = alerts();
		expect(alert).toMatchObject({ status: 'enabled', callback_url: CALLBACK, event_id: SEED.events.personOnDock });
		expect(posts()[0].body).toEqual({ event_id: SEED.events.personOnDock, callback_url: CALLBACK });
		expect(first.staticData).toEqual({
			alertId: alert.alert_id,
			eventId: SEED.events.personOnDock,
			streamId: STREAM,
			sceneIndexId: INDEX,
			callbackUrl: CALLBACK,
		});

		// A fresh context with empty static data (a restart, a lost row) finds and adopts it.
		const later = hookContext();
		expect(await hooks.checkExists.call(later.ctx)).toBe(true);
		expect(later.staticData.alertId).toBe(alert.alert_id);
		expect(posts()).toHaveLength(1);
	});

	it('re-activation after delete re-enables the same alert instead of creating another', async () => {
		const hook = hookContext();
		await hooks.create.call(hook.ctx);
		const alertId = hook.staticData.alertId;
		await hooks.delete.call(hook.ctx);
		expect(enabled()).toHaveLength(0);
		expect(hook.staticData).toEqual({});

		expect(await hooks.checkExists.call(hook.ctx)).toBe(false);
		await hooks.create.call(hook.ctx);
		expect(hook.staticData.alertId).toBe(alertId);
		expect(alerts()).toHaveLength(1);
		expect(enabled()).toHaveLength(1);
		expect(posts()).toHaveLength(1);
		const patches = sandbox.requests({ method: 'PATCH' }).map((r) => r.body);
		expect(patches).toEqual([
			{ action: 'disable', status: 'disabled' },
			{ action: 'enable', status: 'enabled' },
		]);
	});

	it('after a key change, disables the alert with the old token and registers the new one', async () => {
		const oldToken = deriveToken('sk-previous-key', WEBHOOK_ID);
		const oldId = await apiAlert(`${PROD_URL}?token=${oldToken}`);
		const hook = hookContext();
		expect(await hooks.checkExists.call(hook.ctx)).toBe(false);
		await hooks.create.call(hook.ctx);
		expect(sandbox.state.alerts.get(oldId)!.status).toBe('disabled');
		expect(enabled()).toEqual([expect.objectContaining({ callback_url: CALLBACK })]);
		expect(hook.logger.info).toHaveBeenCalledWith(expect.stringContaining(oldId));
	});

	it('leaves alerts of other webhooks and of the test URL alone', async () => {
		const foreign = await apiAlert('https://example.com/other-hook');
		const hook = hookContext();
		await hooks.create.call(hook.ctx);
		const listen = hookContext({ webhookUrl: TEST_URL });
		expect(await hooks.checkExists.call(listen.ctx)).toBe(false);
		await hooks.create.call(listen.ctx);
		expect(listen.staticData.callbackUrl).toBe(`${TEST_URL}?token=${TOKEN}`);
		expect(enabled()).toHaveLength(3);

		await hooks.delete.call(listen.ctx);
		expect(enabled().map((a) => a.alert_id).sort()).toEqual([foreign, hook.staticData.alertId].sort());
	});

	it('when the event changes, replaces the alert of the old event', async () => {
		const hook = hookContext();
		await hooks.create.call(hook.ctx);
		const oldId = hook.staticData.alertId as string;
		const changed = hookContext({ parameters: { eventId: locator(SEED.events.forkliftNearPerson) } });
		expect(await hooks.checkExists.call(changed.ctx)).toBe(false);
		await hooks.create.call(changed.ctx);
		expect(sandbox.state.alerts.get(oldId)!.status).toBe('disabled');
		expect(enabled()).toEqual([expect.objectContaining({ event_id: SEED.events.forkliftNearPerson })]);
	});

	it('a described event is created once and reused by its label afterwards', async () => {
		const parameters = { eventSource: 'prompt', eventPrompt: 'Detect smoke near the dock', label: 'dock_smoke' };
		const first = hookContext({ parameters });
		await hooks.create.call(first.ctx);
		const eventId = first.staticData.eventId;
		expect(sandbox.state.events.get(eventId as string)).toMatchObject({ label: 'dock_smoke' });
		await hooks.delete.call(first.ctx);

		const second = hookContext({ parameters });
		expect(await hooks.checkExists.call(second.ctx)).toBe(false);
		await hooks.create.call(second.ctx);
		expect(posts('/rtstream/event')).toHaveLength(1);
		expect(posts('/rtstream/event')[0].body).toEqual({ event_prompt: 'Detect smoke near the dock', label: 'dock_smoke' });
		expect(second.staticData.eventId).toBe(eventId);
		expect(enabled()).toHaveLength(1);
		expect(await hooks.checkExists.call(hookContext({ parameters }).ctx)).toBe(true);
	});

	it('reuses a seeded event by label without creating one', async () => {
		const hook = hookContext({ parameters: { eventSource: 'prompt', eventPrompt: 'anything', label: 'person_on_dock' } });
		await hooks.create.call(hook.ctx);
		expect(posts('/rtstream/event')).toHaveLength(0);
		expect(hook.staticData.eventId).toBe(SEED.events.personOnDock);
	});

	it('overlapping activations of one webhook (fast publish toggles) create one alert', async () => {
		const [a, b, c] = [hookContext(), hookContext(), hookContext()];
		await Promise.all([hooks.create.call(a.ctx), hooks.create.call(b.ctx), hooks.create.call(c.ctx)]);
		expect(posts()).toHaveLength(1);
		expect(enabled()).toHaveLength(1);
		expect(new Set([a, b, c].map((h) => h.staticData.alertId))).toEqual(new Set([enabled()[0].alert_id]));
	});

	it('a deactivation overlapping a re-activation leaves exactly one enabled alert', async () => {
		const first = hookContext();
		await hooks.create.call(first.ctx);
		const again = hookContext();
		await Promise.all([hooks.delete.call(first.ctx), hooks.create.call(again.ctx)]);
		expect(posts()).toHaveLength(1);
		expect(enabled()).toHaveLength(1);
		expect(again.staticData.alertId).toBe(enabled()[0].alert_id);
	});

	it('rejects empty parameters before any request', async () => {
		const hook = hookContext({ parameters: { streamId: locator('') } });
		await expect(hooks.create.call(hook.ctx)).rejects.toThrow('Stream must not be empty');
		const prompt = hookContext({ parameters: { eventSource: 'prompt', eventPrompt: 'x', label: ' ' } });
		await expect(hooks.checkExists.call(prompt.ctx)).rejects.toMatchObject({
			message: 'Label must not be empty',
			description: 'Set the "Label" parameter of the trigger.',
		});
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(0);
	});

	it('rejects ids that cannot be VideoDB ids before any request, naming the field', async () => {
		const pasted = hookContext({ parameters: { streamId: locator('https://console.videodb.io/rtstream/rts-1') } });
		await expect(hooks.create.call(pasted.ctx)).rejects.toThrow('Stream is not a valid VideoDB stream ID');
		const spaced = hookContext({ parameters: { sceneIndexId: locator('a3f1 c2d4') } });
		await expect(hooks.checkExists.call(spaced.ctx)).rejects.toThrow('Scene Index is not a valid VideoDB scene index ID: "a3f1 c2d4"');
		const event = hookContext({ parameters: { eventId: locator('event/1') } });
		await expect(hooks.create.call(event.ctx)).rejects.toMatchObject({
			message: 'Event is not a valid VideoDB event ID: "event/1"',
			description: 'Choose the event from the list, or enter its ID as VideoDB shows it.',
		});
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(0);
		expect(enabled()).toHaveLength(0);
	});

	it('a failing create throws the service message and leaves no enabled alert', async () => {
		const stale = await apiAlert(`${PROD_URL}?token=${deriveToken('sk-previous-key', WEBHOOK_ID)}`);
		sandbox.addFault({ method: 'POST', path: `/videodb${ALERT_PATH}`, status: 400, body: { success: false, message: 'Event is not active', error_code: 'VALIDATION_ERROR' } });
		const hook = hookContext();
		await expect(hooks.create.call(hook.ctx)).rejects.toMatchObject({ name: 'NodeApiError', message: 'Event is not active' });
		expect(sandbox.state.alerts.get(stale)!.status).toBe('disabled');
		expect(enabled()).toHaveLength(0);
		expect(hook.staticData).toEqual({});
		// n8n calls delete() after a failed create: nothing is stored, so nothing to do.
		expect(await hooks.delete.call(hook.ctx)).toBe(true);
	});

	it('a create whose answer is lost after VideoDB stored it is rolled back', async () => {
		sandbox.addFault({ method: 'POST', path: `/videodb${ALERT_PATH}`, status: 500, when: 'after' });
		const hook = hookContext();
		await expect(hooks.create.call(hook.ctx)).rejects.toThrow('Internal server error');
		expect(alerts()).toHaveLength(1);
		expect(enabled()).toHaveLength(0);
		expect(hook.staticData).toEqual({});
	});

	it('a failing re-enable disables the alert again and throws the service message', async () => {
		const id = await apiAlert(CALLBACK);
		sandbox.state.alerts.get(id)!.status = 'disabled';
		sandbox.addFault({ method: 'PATCH', path: `/videodb${ALERT_PATH}/${id}/status`, successFalse: true, when: 'after' });
		const hook = hookContext();
		await expect(hooks.create.call(hook.ctx)).rejects.toThrow('Sandbox fault: the request failed');
		expect(enabled()).toHaveLength(0);
		expect(posts()).toHaveLength(1); // only the setup's
	});

	it('without token verification registers the bare URL; turning it on replaces that alert', async () => {
		const bare = hookContext({ parameters: { options: { verifyToken: false } } });
		await hooks.create.call(bare.ctx);
		expect(enabled()).toEqual([expect.objectContaining({ callback_url: PROD_URL })]);
		const bareId = bare.staticData.alertId as string;

		const verified = hookContext();
		expect(await hooks.checkExists.call(verified.ctx)).toBe(false);
		await hooks.create.call(verified.ctx);
		expect(sandbox.state.alerts.get(bareId)!.status).toBe('disabled');
		expect(enabled()).toEqual([expect.objectContaining({ callback_url: CALLBACK })]);
	});

	it('refuses a localhost webhook URL when VideoDB is remote, before any request', async () => {
		const hook = hookContext({ baseUrl: 'https://api.videodb.io', webhookUrl: `http://localhost:5678/webhook/${WEBHOOK_ID}/alert` });
		await expect(hooks.checkExists.call(hook.ctx)).rejects.toThrow(
			`VideoDB cannot reach the webhook URL http://localhost:5678/webhook/${WEBHOOK_ID}/alert`,
		);
		await expect(hooks.create.call(hook.ctx)).rejects.toThrow('VideoDB cannot reach');
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(0);
	});

	it('an unknown stream fails activation with the service message', async () => {
		const hook = hookContext({ parameters: { streamId: locator('rts-00000000-0000-0000-0000-000000000000') } });
		await expect(hooks.checkExists.call(hook.ctx)).rejects.toThrow('Stream not found');
	});

	// n8n 1.x shows a failed activation's NodeApiError by its description alone, n8n 2.x by its message.
	it('activation errors carry the service message in the description too (what n8n 1.x shows)', async () => {
		const unknown = hookContext({ parameters: { streamId: locator('rts-00000000-0000-0000-0000-000000000000') } });
		await expect(hooks.checkExists.call(unknown.ctx)).rejects.toMatchObject({
			message: 'Stream not found',
			description: expect.stringMatching(/^Stream not found · .*HTTP 404$/),
		});
		sandbox.addFault({ method: 'POST', path: `/videodb${ALERT_PATH}`, status: 400, body: { success: false, message: 'Event is not active', error_code: 'VALIDATION_ERROR' } });
		await expect(hooks.create.call(hookContext().ctx)).rejects.toMatchObject({
			message: 'Event is not active',
			description: 'Event is not active · Error code: VALIDATION_ERROR · HTTP 400',
		});
	});
});

describe('delete', () => {
	it('with nothing stored is done without a request', async () => {
		const hook = hookContext();
		expect(await hooks.delete.call(hook.ctx)).toBe(true);
		expect(sandbox.requests({ service: 'videodb' })).toHaveLength(0);
	});

	it('treats 404 (alert gone) as done and clears what create stored', async () => {
		const staticData: IDataObject = {
			alertId: 'ffffffffffffffff',
			eventId: SEED.events.personOnDock,
			streamId: STREAM,
			sceneIndexId: INDEX,
			callbackUrl: CALLBACK,
			unrelated: 'kept',
		};
		const hook = hookContext({ staticData });
		expect(await hooks.delete.call(hook.ctx)).toBe(true);
		expect(staticData).toEqual({ unrelated: 'kept' });
		expect(hook.logger.warn).toHaveBeenCalledWith(expect.stringContaining('ffffffffffffffff'));
	});

	it('logs a failure loudly (alert id and URL, never the token), keeps the ids and throws', async () => {
		const hook = hookContext();
		await hooks.create.call(hook.ctx);
		const alertId = hook.staticData.alertId as string;
		sandbox.addFault({ method: 'PATCH', path: `/videodb${ALERT_PATH}/${alertId}/status`, status: 500 });
		await expect(hooks.delete.call(hook.ctx)).rejects.toThrow('Internal server error');
		expect(hook.logger.error).toHaveBeenCalledTimes(1);
		const [message, meta] = hook.logger.error.mock.calls[0] as [string, IDataObject];
		expect(message).toContain(alertId);
		expect(message).toContain(PROD_URL);
		expect(JSON.stringify([message, meta])).not.toContain(TOKEN);
		expect(hook.staticData.alertId).toBe(alertId);
		expect(enabled()).toHaveLength(1);

		// n8n retries the delete; once VideoDB answers, the alert is disabled and the ids cleared.
		expect(await hooks.delete.call(hook.ctx)).toBe(true);
		expect(enabled()).toHaveLength(0);
		expect(hook.staticData).toEqual({});
	});
});

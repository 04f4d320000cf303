/**
 * The VideoDB Alert Trigger's life cycle decisions (lifecycle.ts) over a fake `AlertPort`: no n8n
 * context and no HTTP, only the alert list the port holds and the calls it records. The same
 * functions against the sandbox, through the node's webhookMethods:
 * test/workflows/videodb-alert-trigger-registration.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import type { VideoDbAlert } from '../../nodes/VideoDb/alertApi';
import type { VideoDbEvent } from '../../nodes/VideoDb/eventApi';
import {
	alertExists,
	registerAlert,
	resolveEventId,
	sameEventId,
	unregisterAlert,
} from '../../nodes/VideoDbAlertTrigger/lifecycle';
import type { AlertPort } from '../../nodes/VideoDbAlertTrigger/port';
import type { TriggerSetup } from '../../nodes/VideoDbAlertTrigger/setup';
import { mockLogger, triggerNode } from '../helpers/alertTrigger';

const STREAM = 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0001';
const INDEX = 'a3f1c2d4e5b60718';
const EVENT = 'e7b5a6f8c9d04b5c';
const WEBHOOK_URL = 'https://n8n.example.com/webhook/0b7e4f2a/alert';
const CALLBACK = `${WEBHOOK_URL}?token=current`;

const node = triggerNode();

const setup = (overrides: Partial<TriggerSetup> = {}): TriggerSetup => ({
	streamId: STREAM,
	sceneIndexId: INDEX,
	event: { kind: 'existing', eventId: EVENT },
	webhookUrl: WEBHOOK_URL,
	callbackUrl: CALLBACK,
	...overrides,
});

const notFound = () => Object.assign(new Error('Alert not found'), { httpCode: '404' });

type Method = keyof AlertPort;

/** VideoDB as a list of alerts and events in memory; `fail` makes the next call of a method throw. */
class FakePort implements AlertPort {
	alerts: VideoDbAlert[] = [];
	events: VideoDbEvent[] = [{ event_id: EVENT, label: 'person_on_dock' } as VideoDbEvent];
	calls: Array<[Method, ...unknown[]]> = [];
	/** What `createAlert` answers instead of a new id (a create that returned none). */
	createdId?: string;
	/** Run after `createAlert` stored the alert, e.g. to change what the next listing shows. */
	afterCreate?: (alert: VideoDbAlert) => void;
	private failures = new Map<Method, Error[]>();
	private next = 1;

	fail(method: Method, error: Error): this {
		this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
		return this;
	}

	add(callbackUrl: string, status = 'enabled', eventId = EVENT): VideoDbAlert {
		const alert = { alert_id: `alert-${this.next++}`, event_id: eventId, label: 'person_on_dock', status, callback_url: callbackUrl };
		this.alerts.push(alert);
		return alert;
	}

	private call(method: Method, ...args: unknown[]): void {
		this.calls.push([method, ...args]);
		const error = this.failures.get(method)?.shift();
		if (error) throw error;
	}

	async listAlerts(streamId: string, sceneIndexId: string): Promise<VideoDbAlert[]> {
		this.call('listAlerts', streamId, sceneIndexId);
		return this.alerts.map((alert) => ({ ...alert }));
	}

	async createAlert(streamId: string, sceneIndexId: string, eventId: string, callbackUrl: string): Promise<string> {
		this.call('createAlert', streamId, sceneIndexId, eventId, callbackUrl);
		const alert = this.add(callbackUrl, 'enabled', eventId);
		this.afterCreate?.(alert);
		return this.createdId ?? alert.alert_id;
	}

	async setAlertStatus(streamId: string, sceneIndexId: string, alertId: string, action: 'enable' | 'disable'): Promise<void> {
		this.call('setAlertStatus', streamId, sceneIndexId, alertId, action);
		const alert = this.alerts.find((candidate) => candidate.alert_id === alertId);
		if (!alert) throw notFound();
		alert.status = action === 'enable' ? 'enabled' : 'disabled';
	}

	async listEvents(): Promise<VideoDbEvent[]> {
		this.call('listEvents');
		return this.events;
	}

	async createEvent(eventPrompt: string, label: string): Promise<string> {
		this.call('createEvent', eventPrompt, label);
		const eventId = `created-${this.next++}`;
		this.events.push({ event_id: eventId, label, event_prompt: eventPrompt } as VideoDbEvent);
		return eventId;
	}

	named(method: Method): unknown[][] {
		return this.calls.filter(([name]) => name === method).map(([, ...args]) => args);
	}

	enabled(): string[] {
		return this.alerts.filter((alert) => alert.status === 'enabled').map((alert) => alert.alert_id);
	}
}

describe('sameEventId', () => {
	it('reads `event-<id>` (callback payloads) as `<id>` (the API), and never matches an empty id', () => {
		expect(sameEventId(`event-${EVENT}`, EVENT)).toBe(true);
		expect(sameEventId(EVENT, EVENT)).toBe(true);
		expect(sameEventId(EVENT, 'another')).toBe(false);
		expect(sameEventId('', '')).toBe(false);
		expect(sameEventId(null, undefined)).toBe(false);
	});
});

describe('alertExists', () => {
	it('adopts the one enabled alert that calls the current callback URL for the event', async () => {
		const port = new FakePort();
		const alert = port.add(CALLBACK);
		port.add('https://elsewhere.example.com/hook');
		const store: IDataObject = {};
		expect(await alertExists(port, setup(), store)).toBe(true);
		expect(store).toEqual({ alertId: alert.alert_id, eventId: EVENT, streamId: STREAM, sceneIndexId: INDEX, callbackUrl: CALLBACK });
		expect(port.calls).toEqual([['listAlerts', STREAM, INDEX]]);
	});

	it.each([
		['no alert', () => undefined],
		['only a disabled one', (port: FakePort) => port.add(CALLBACK, 'disabled')],
		['one with an older token', (port: FakePort) => port.add(`${WEBHOOK_URL}?token=old`)],
		['one for another event', (port: FakePort) => port.add(CALLBACK, 'enabled', 'another-event')],
		['a second enabled alert on our URL', (port: FakePort) => [port.add(CALLBACK), port.add(`${WEBHOOK_URL}?token=old`)]],
	])('is false with %s, storing nothing', async (_case, arrange) => {
		const port = new FakePort();
		arrange(port);
		const store: IDataObject = {};
		expect(await alertExists(port, setup(), store)).toBe(false);
		expect(store).toEqual({});
	});

	it('finds a described event by its label', async () => {
		const port = new FakePort();
		port.add(CALLBACK);
		const described = setup({ event: { kind: 'prompt', eventPrompt: 'anything', label: 'person_on_dock' } });
		expect(await alertExists(port, described, {})).toBe(true);
		const other = setup({ event: { kind: 'prompt', eventPrompt: 'anything', label: 'dock_smoke' } });
		expect(await alertExists(port, other, {})).toBe(false);
	});
});

describe('resolveEventId', () => {
	it('takes a chosen event as it is, without a call', async () => {
		const port = new FakePort();
		expect(await resolveEventId(port, { kind: 'existing', eventId: 'chosen' }, node)).toBe('chosen');
		expect(port.calls).toEqual([]);
	});

	it('reuses the event with the label, and creates one only when there is none', async () => {
		const port = new FakePort();
		expect(await resolveEventId(port, { kind: 'prompt', eventPrompt: 'x', label: 'person_on_dock' }, node)).toBe(EVENT);
		expect(port.named('createEvent')).toEqual([]);
		const created = await resolveEventId(port, { kind: 'prompt', eventPrompt: 'Detect smoke', label: 'dock_smoke' }, node);
		expect(port.named('createEvent')).toEqual([['Detect smoke', 'dock_smoke']]);
		expect(await resolveEventId(port, { kind: 'prompt', eventPrompt: 'Detect smoke', label: 'dock_smoke' }, node)).toBe(created);
	});

	it('fails when VideoDB creates the event without an id', async () => {
		const port = new FakePort();
		port.createEvent = async () => '';
		await expect(resolveEventId(port, { kind: 'prompt', eventPrompt: 'x', label: 'new' }, node)).rejects.toThrow(
			'VideoDB created the event but returned no event_id',
		);
	});
});

describe('registerAlert', () => {
	it('creates the alert when there is none and stores what delete needs', async () => {
		const port = new FakePort();
		const store: IDataObject = { unrelated: 'kept' };
		expect(await registerAlert(port, setup(), store, node, mockLogger())).toBe(true);
		expect(port.named('createAlert')).toEqual([[STREAM, INDEX, EVENT, CALLBACK]]);
		expect(store).toEqual({ unrelated: 'kept', alertId: 'alert-1', eventId: EVENT, streamId: STREAM, sceneIndexId: INDEX, callbackUrl: CALLBACK });
	});

	it('re-enables its disabled alert instead of creating another', async () => {
		const port = new FakePort();
		const alert = port.add(CALLBACK, 'disabled');
		const store: IDataObject = {};
		await registerAlert(port, setup(), store, node, mockLogger());
		expect(port.named('createAlert')).toEqual([]);
		expect(port.named('setAlertStatus')).toEqual([[STREAM, INDEX, alert.alert_id, 'enable']]);
		expect(store.alertId).toBe(alert.alert_id);
	});

	it('disables its stale alerts (older token, duplicates) and leaves other webhooks alone', async () => {
		const port = new FakePort();
		const stale = port.add(`${WEBHOOK_URL}?token=old`);
		const keep = port.add(CALLBACK);
		const duplicate = port.add(CALLBACK);
		const foreign = port.add('https://elsewhere.example.com/hook');
		const logger = mockLogger();
		await registerAlert(port, setup(), {}, node, logger);
		expect(port.enabled()).toEqual([keep.alert_id, foreign.alert_id]);
		expect(port.named('setAlertStatus')).toEqual([
			[STREAM, INDEX, stale.alert_id, 'disable'],
			[STREAM, INDEX, duplicate.alert_id, 'disable'],
		]);
		expect(logger.info).toHaveBeenCalledTimes(2);
		expect(JSON.stringify(logger.info.mock.calls)).not.toContain('token=');
	});

	it('fails when VideoDB does not list the new alert as enabled, and disables it again', async () => {
		const port = new FakePort();
		port.afterCreate = (alert) => {
			alert.callback_url = WEBHOOK_URL;
		};
		const store: IDataObject = {};
		await expect(registerAlert(port, setup(), store, node, mockLogger())).rejects.toMatchObject({
			message: 'VideoDB does not list alert alert-1 as enabled for this trigger',
			description: expect.stringContaining('turn off the Verify Token option'),
		});
		expect(port.enabled()).toEqual([]);
		expect(store).toEqual({});
	});

	it('fails when VideoDB creates the alert without an id, and disables what it may have created', async () => {
		const port = new FakePort();
		port.createdId = '';
		await expect(registerAlert(port, setup(), {}, node, mockLogger())).rejects.toThrow(
			'VideoDB created the alert but returned no alert_id',
		);
		expect(port.enabled()).toEqual([]);
	});

	it('after a create whose answer was lost, disables the alert VideoDB stored anyway', async () => {
		const port = new FakePort();
		const stale = port.add(CALLBACK, 'enabled', 'another-event');
		const createAlert = port.createAlert.bind(port);
		port.createAlert = async (...args) => {
			await createAlert(...args);
			throw new Error('socket hang up');
		};
		const store: IDataObject = {};
		await expect(registerAlert(port, setup(), store, node, mockLogger())).rejects.toThrow('socket hang up');
		// The alert of the earlier event is disabled first; the create that may have happened is undone.
		expect(port.named('setAlertStatus').map((args) => args.slice(2))).toEqual([
			[stale.alert_id, 'disable'],
			['alert-2', 'disable'],
		]);
		expect(port.enabled()).toEqual([]);
		expect(store).toEqual({});
	});

	it('logs a failed rollback and throws the original error', async () => {
		const port = new FakePort();
		port.afterCreate = (alert) => {
			alert.status = 'disabled';
		};
		port.fail('setAlertStatus', new Error('connection reset'));
		const logger = mockLogger();
		await expect(registerAlert(port, setup(), {}, node, logger)).rejects.toThrow('does not list alert alert-1 as enabled');
		expect(logger.error).toHaveBeenCalledTimes(1);
		expect(logger.error.mock.calls[0][0]).toContain('could not undo a failed registration');
		expect(logger.error.mock.calls[0][0]).toContain('connection reset');
	});
});

describe('unregisterAlert', () => {
	const stored = (): IDataObject => ({
		alertId: 'alert-1',
		eventId: EVENT,
		streamId: STREAM,
		sceneIndexId: INDEX,
		callbackUrl: CALLBACK,
		unrelated: 'kept',
	});

	it('with nothing stored is done without a call', async () => {
		const port = new FakePort();
		expect(await unregisterAlert(port, {}, node, mockLogger())).toBe(true);
		expect(port.calls).toEqual([]);
	});

	it('disables the stored alert and removes exactly the keys create wrote', async () => {
		const port = new FakePort();
		port.add(CALLBACK);
		const store = stored();
		expect(await unregisterAlert(port, store, node, mockLogger())).toBe(true);
		expect(port.enabled()).toEqual([]);
		expect(store).toEqual({ unrelated: 'kept' });
	});

	it('treats 404 as already gone', async () => {
		const port = new FakePort();
		const store = stored();
		const logger = mockLogger();
		expect(await unregisterAlert(port, store, node, logger)).toBe(true);
		expect(store).toEqual({ unrelated: 'kept' });
		expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('alert-1'));
	});

	it('logs any other failure without the token, keeps the ids for the retry and throws', async () => {
		const port = new FakePort().fail('setAlertStatus', new Error('Internal server error'));
		port.add(CALLBACK);
		const store = stored();
		const logger = mockLogger();
		await expect(unregisterAlert(port, store, node, logger)).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'Internal server error',
		});
		expect(store).toEqual(stored());
		expect(logger.error).toHaveBeenCalledTimes(1);
		expect(logger.error.mock.calls[0][0]).toContain(WEBHOOK_URL);
		expect(JSON.stringify(logger.error.mock.calls)).not.toContain('token=');
	});
});

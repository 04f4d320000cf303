import type { IDataObject, IHookFunctions, INode, Logger } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { serialized } from '../common/concurrency';
import { asNodeError, forActivation, httpCodeOf } from '../common/errors';
import type { VideoDbAlert } from '../VideoDb/alertApi';
import type { AlertPort } from './port';
import { videoDbPort } from './port';
import type { EventChoice, StoredAlert, TriggerSetup } from './setup';
import { readSetup, STORED_KEYS, withoutQuery } from './setup';

/**
 * The trigger's registration with VideoDB, as plain functions over an `AlertPort`, each taking
 * the port first, then what it works on (the setup, the static data), then the node and the
 * logger it reports through.
 * VideoDB, not static data, is the source of truth: test listening runs start with empty static
 * data, and static data can be lost, so every decision is made from the alert list.
 */

/** Callback payloads say `event-<id>` where the API says `<id>`. */
export function sameEventId(a: string | null | undefined, b: string | null | undefined): boolean {
	const bare = (id: string | null | undefined) => String(id ?? '').replace(/^event-/, '');
	return bare(a) !== '' && bare(a) === bare(b);
}

function isEnabled(alert: VideoDbAlert): boolean {
	return alert.status === 'enabled';
}

/** Whether an alert fires on the event the parameters ask for (by id, or by label for prompts). */
function firesOn(alert: VideoDbAlert, event: EventChoice): boolean {
	return event.kind === 'existing' ? sameEventId(alert.event_id, event.eventId) : alert.label === event.label;
}

/** Alerts whose callback goes to this registration's webhook URL, whatever their token. */
function ourAlerts(alerts: VideoDbAlert[], setup: TriggerSetup): VideoDbAlert[] {
	return alerts.filter((alert) => withoutQuery(alert.callback_url) === setup.webhookUrl);
}

function remember(store: IDataObject, setup: TriggerSetup, alertId: string, eventId: string): void {
	const stored: Required<StoredAlert> = {
		alertId,
		eventId,
		streamId: setup.streamId,
		sceneIndexId: setup.sceneIndexId,
		callbackUrl: setup.callbackUrl,
	};
	Object.assign(store, stored);
}

function forget(store: IDataObject): void {
	for (const key of STORED_KEYS) delete store[key];
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * True only when exactly one enabled alert calls exactly the current callback URL (token
 * included) for the configured event, and no other enabled alert uses our URL; that alert is
 * adopted into static data. Anything else is for `create` to put right.
 */
export async function alertExists(port: AlertPort, setup: TriggerSetup, store: IDataObject): Promise<boolean> {
	const ours = ourAlerts(await port.listAlerts(setup.streamId, setup.sceneIndexId), setup).filter(isEnabled);
	const exact = ours.filter((alert) => alert.callback_url === setup.callbackUrl && firesOn(alert, setup.event));
	if (exact.length !== 1 || ours.length !== 1) return false;
	remember(store, setup, exact[0].alert_id, exact[0].event_id);
	return true;
}

/** The event id to alert on: the chosen one, or the event with the label (created if missing). */
export async function resolveEventId(port: AlertPort, event: EventChoice, node: INode): Promise<string> {
	if (event.kind === 'existing') return event.eventId;
	// Reuse by label: VideoDB events cannot be deleted, so every activation creating one would pile up.
	const existing = (await port.listEvents()).find((candidate) => candidate.label === event.label);
	if (existing) return existing.event_id;
	const created = await port.createEvent(event.eventPrompt, event.label);
	if (created === '') throw new NodeOperationError(node, 'VideoDB created the event but returned no event_id');
	return created;
}

/**
 * Registers the alert: disables our stale alerts (another token after a key change, another
 * event after a parameter change, duplicates), then keeps, re-enables or creates the one alert
 * with the current callback URL and checks that VideoDB lists it enabled. On failure, what this
 * call enabled or created is disabled again and the service's error is thrown.
 */
export async function registerAlert(
	port: AlertPort,
	setup: TriggerSetup,
	store: IDataObject,
	node: INode,
	logger: Logger,
): Promise<boolean> {
	const { streamId, sceneIndexId } = setup;
	const eventId = await resolveEventId(port, setup.event, node);
	const ours = ourAlerts(await port.listAlerts(streamId, sceneIndexId), setup);
	const exact = ours.filter((alert) => alert.callback_url === setup.callbackUrl && sameEventId(alert.event_id, eventId));
	const keep = exact.find(isEnabled) ?? exact[0];
	for (const stale of ours.filter((alert) => alert !== keep && isEnabled(alert))) {
		await port.setAlertStatus(streamId, sceneIndexId, stale.alert_id, 'disable');
		logger.info(`VideoDB Alert Trigger disabled its earlier alert ${stale.alert_id} (${withoutQuery(stale.callback_url)})`);
	}

	const enabledBefore = new Set(exact.filter(isEnabled).map((alert) => alert.alert_id));
	let touched: string | undefined;
	try {
		let alertId: string;
		if (keep) {
			alertId = keep.alert_id;
			if (!isEnabled(keep)) {
				touched = alertId;
				await port.setAlertStatus(streamId, sceneIndexId, alertId, 'enable');
			}
		} else {
			alertId = await port.createAlert(streamId, sceneIndexId, eventId, setup.callbackUrl);
			touched = alertId || undefined;
			if (alertId === '') throw new NodeOperationError(node, 'VideoDB created the alert but returned no alert_id');
		}
		const listed = (await port.listAlerts(streamId, sceneIndexId)).find((alert) => alert.alert_id === alertId);
		if (!listed || !isEnabled(listed) || listed.callback_url !== setup.callbackUrl) {
			const urlNote =
				listed && listed.callback_url !== setup.callbackUrl
					? ' VideoDB stored another callback URL than the one sent; if it drops the ?token= query, turn off the Verify Token option.'
					: '';
			throw new NodeOperationError(node, `VideoDB does not list alert ${alertId} as enabled for this trigger`, {
				description: `Alert status after registering: ${listed ? String(listed.status) : 'not listed'}.${urlNote}`,
			});
		}
		remember(store, setup, alertId, eventId);
		return true;
	} catch (error) {
		await rollback(port, setup, touched, enabledBefore, logger);
		throw asNodeError(node, error);
	}
}

/**
 * Undoes a failed registration: disables the alert this call enabled or created; when the
 * create's outcome is unknown (connection lost), any enabled alert with our callback URL that
 * was not enabled before. Best effort: a failure here is logged, the original error is thrown.
 */
async function rollback(
	port: AlertPort,
	setup: TriggerSetup,
	touched: string | undefined,
	enabledBefore: Set<string>,
	logger: Logger,
): Promise<void> {
	const { streamId, sceneIndexId } = setup;
	try {
		const ids = touched
			? [touched]
			: (await port.listAlerts(streamId, sceneIndexId))
					.filter((alert) => isEnabled(alert) && alert.callback_url === setup.callbackUrl)
					.map((alert) => alert.alert_id)
					.filter((id) => !enabledBefore.has(id));
		for (const id of ids) await port.setAlertStatus(streamId, sceneIndexId, id, 'disable');
	} catch (error) {
		logger.error(
			`VideoDB Alert Trigger could not undo a failed registration on stream ${streamId}, scene index ${sceneIndexId}` +
				`${touched ? ` (alert ${touched})` : ''}: ${messageOf(error)}. Disable it in VideoDB if it keeps calling ${setup.webhookUrl}.`,
			{ streamId, sceneIndexId, alertId: touched, callbackUrl: setup.webhookUrl },
		);
	}
}

/**
 * Disables the stored alert (VideoDB has no delete). Nothing stored means nothing was
 * registered; 404 means the alert (or its stream) is gone. Other failures are logged loudly,
 * because the alert keeps firing, and thrown so n8n retries and reports them; the stored ids
 * stay for that retry.
 */
export async function unregisterAlert(port: AlertPort, store: IDataObject, node: INode, logger: Logger): Promise<boolean> {
	const { alertId, streamId, sceneIndexId, callbackUrl } = store as StoredAlert;
	if (!alertId || !streamId || !sceneIndexId) {
		forget(store);
		return true;
	}
	try {
		await port.setAlertStatus(streamId, sceneIndexId, alertId, 'disable');
	} catch (error) {
		if (httpCodeOf(error) === '404') {
			logger.warn(`VideoDB Alert Trigger: alert ${alertId} no longer exists in VideoDB; nothing to disable`);
			forget(store);
			return true;
		}
		// The token stays out of the log: it authenticates callbacks.
		logger.error(
			`VideoDB Alert Trigger could not disable alert ${alertId} (stream ${streamId}, scene index ${sceneIndexId}); ` +
				`it keeps calling ${withoutQuery(callbackUrl)}: ${messageOf(error)}`,
			{ alertId, streamId, sceneIndexId, callbackUrl: withoutQuery(callbackUrl) },
		);
		throw asNodeError(node, error);
	}
	forget(store);
	return true;
}

// ---- n8n webhookMethods (this = the hook context) ----------------------------------------

// n8n can start an activation while an earlier activation or deactivation of the same workflow
// is still talking to VideoDB (fast publish/unpublish toggles). Each step lists the alerts and
// then acts on what it saw, so two overlapping steps could both create an alert. Steps of one
// webhook URL therefore run one after another in this process.

// checkExists and create run when a workflow is activated (published) or listens for a test event;
// their errors are what n8n shows as the activation error (see forActivation).

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	try {
		const setup = await readSetup(this);
		return await serialized(setup.webhookUrl, async () => await alertExists(videoDbPort(this), setup, this.getWorkflowStaticData('node')));
	} catch (error) {
		throw forActivation(error);
	}
}

export async function create(this: IHookFunctions): Promise<boolean> {
	try {
		const setup = await readSetup(this);
		return await serialized(
			setup.webhookUrl,
			async () => await registerAlert(videoDbPort(this), setup, this.getWorkflowStaticData('node'), this.getNode(), this.logger),
		);
	} catch (error) {
		throw forActivation(error);
	}
}

export async function deleteAlert(this: IHookFunctions): Promise<boolean> {
	const store = this.getWorkflowStaticData('node');
	const key = withoutQuery((store as StoredAlert).callbackUrl) || this.getNodeWebhookUrl('default') || '';
	return await serialized(key, async () => await unregisterAlert(videoDbPort(this), store, this.getNode(), this.logger));
}

/** One alert callback of the VideoDB Alert Trigger (`webhook()`): token, body, de-dup, output item. */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isPlainObject } from '../common/guards';
import { dedupeKey, dedupeWindow } from './dedupe';
import type { StoredAlert } from './setup';
import { locatorValue } from './setup';
import { tokenAccepted } from './tokenCache';

/** The clock the de-dup windows and the token cache are read with; tests replace `now`. */
export const callbackClock = { now: (): number => Date.now() };

/** Answers without starting an execution. */
function reject(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * The body unchanged plus which alert, stream and scene index it came through, and the key the
 * de-dup window uses, so writes downstream can be idempotent on it across n8n processes.
 */
function outputItem(ctx: IWebhookFunctions, body: IDataObject, key: string): IDataObject {
	const stored = ctx.getWorkflowStaticData('node') as StoredAlert;
	// A test listening run handled by another process has no static data: use the parameters.
	return {
		...body,
		alert_id: stored.alertId ?? null,
		stream_id: stored.streamId ?? (locatorValue(ctx, 'streamId') || null),
		scene_index_id: stored.sceneIndexId ?? (locatorValue(ctx, 'sceneIndexId') || null),
		dedupe_key: key,
	};
}

/**
 * One alert callback: wrong or missing token → 401, a body that is not a JSON object → 400, a
 * repeat of a delivery already handled → 200 `{received, duplicate}`; none of them starts an
 * execution. Otherwise the workflow starts with the payload.
 */
export async function handleCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = this.getNodeParameter('options', {}) as { deduplicate?: boolean; verifyToken?: boolean };

	if (options.verifyToken !== false) {
		const received = (this.getQueryData() as IDataObject).token;
		if (!(await tokenAccepted(this, received, callbackClock.now()))) {
			return reject(this, 401, 'Missing or wrong token in the callback URL');
		}
	}

	const body = this.getBodyData() as unknown;
	if (!isPlainObject(body)) {
		return reject(this, 400, 'The callback body must be a JSON object');
	}

	const key = dedupeKey(body);
	if (options.deduplicate !== false) {
		// Test and production runs keep separate windows: both may receive the same detection.
		const scope = `${this.getWorkflow().id ?? ''}:${this.getNode().id}:${this.getMode()}`;
		if (dedupeWindow(scope).checkAndAdd(key, callbackClock.now())) {
			return { webhookResponse: { received: true, duplicate: true } };
		}
	}

	return { workflowData: [[{ json: outputItem(this, body, key) }]] };
}

/**
 * One poll of the Roboflow Vision Event Trigger: the events recorded in the use case since the
 * previous poll, oldest first, each once (see window.ts); or, for *Fetch Test Event*, the most
 * recent matching event.
 */
import { createHash } from 'crypto';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forgetCredentials } from '../common/http';
import { locatorId, pollParameters } from '../common/parameters';
import { eventFilters } from '../Roboflow/queryFilters';
import { queryEvents } from '../Roboflow/visionEventApi';
import { isPollState, nextWindow, settleWindow, startAt } from './window';

// The poll contexts that have polled. n8n keeps one context per activation and polls through it,
// so a context in "activate" mode polling for the first time is the user switching the workflow on.
const started = new WeakSet<object>();

/** Use case and filters of the trigger: the query body without time or paging. */
function triggerQuery(ctx: IPollFunctions): IDataObject {
	const params = pollParameters(ctx);
	return { useCaseId: locatorId(params, 'useCaseId', 'Use Case', 0), ...eventFilters(params, 0) };
}

const keyOf = (query: IDataObject) => createHash('sha256').update(JSON.stringify(query)).digest('hex').slice(0, 32);

const iso = (ms: number) => new Date(ms).toISOString();

async function fetchTestEvent(ctx: IPollFunctions, query: IDataObject): Promise<INodeExecutionData[][]> {
	const [latest] = await queryEvents(ctx, query, 1);
	if (!latest) {
		throw new NodeOperationError(ctx.getNode(), `No vision event in use case ${String(query.useCaseId)} matches the trigger yet`, {
			description: 'Record one (for example with the Roboflow node, Create Vision Event) and fetch again.',
		});
	}
	return [ctx.helpers.returnJsonArray([latest])];
}

/**
 * Activation (and a change of use case or filters) starts at "now" and emits nothing; every
 * later poll queries the window since the previous one, overlapping it. The static data is only
 * changed once every page of the window has been read: a failed poll emits nothing and the next
 * one covers the same window again.
 */
export async function pollEvents(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	forgetCredentials(this);
	const query = triggerQuery(this);
	if (this.getMode() === 'manual') return await fetchTestEvent(this, query);

	const key = keyOf(query);
	const now = Date.now();
	const data = this.getWorkflowStaticData('node');
	const switchedOn = this.getActivationMode() === 'activate' && !started.has(this);
	started.add(this);
	if (switchedOn || !isPollState(data) || data.key !== key) {
		Object.assign(data, startAt(key, now));
		return null;
	}

	const window = nextWindow(data, now);
	const events = await queryEvents(this, { ...query, startTime: iso(window.start), endTime: iso(window.end) }, undefined);
	const settled = settleWindow(data, window, events);
	Object.assign(data, settled.state);
	return settled.emit.length > 0 ? [this.helpers.returnJsonArray(settled.emit)] : null;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../../common/descriptions';
import { eventRlc, sceneIndexRlc, streamRlc } from '../../descriptions';
import { locatorId, parameterError } from '../../../common/parameters';
import { createAlert } from '../../alertApi';

const properties: INodeProperties[] = [
	streamRlc,
	sceneIndexRlc,
	eventRlc,
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhook/videodb',
		description:
			'HTTP(S) URL that VideoDB calls when the event is detected. Set this, a WebSocket Connection ID, or both. To start a workflow on alerts, use the VideoDB Alert Trigger node instead.',
	},
	collection('options', [
		{
			displayName: 'WebSocket Connection ID',
			name: 'wsConnectionId',
			type: 'string',
			default: '',
			description: 'Connection ID of an open VideoDB WebSocket that should receive the alerts',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['alert'], operation: ['create'] } }, properties);

function isHttpUrl(text: string): boolean {
	if (!/^https?:\/\/\S+$/i.test(text)) return false;
	try {
		return new URL(text).hostname !== '';
	} catch {
		return false;
	}
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const streamId = locatorId(this, 'streamId', 'Stream', i);
	const sceneIndexId = locatorId(this, 'sceneIndexId', 'Scene Index', i);
	const eventId = locatorId(this, 'eventId', 'Event', i);
	const callbackUrl = String(this.getNodeParameter('callbackUrl', i, '') ?? '').trim();
	const options = this.getNodeParameter('options', i, {}) as { wsConnectionId?: string };
	const wsConnectionId = String(options.wsConnectionId ?? '').trim();

	if (callbackUrl === '' && wsConnectionId === '') {
		throw parameterError(
			this,
			'Callback URL',
			'or WebSocket Connection ID must be set',
			i,
			'VideoDB delivers alerts to a callback URL or a WebSocket connection; set at least one.',
		);
	}
	if (callbackUrl !== '' && !isHttpUrl(callbackUrl)) {
		throw parameterError(this, 'Callback URL', 'must be an http:// or https:// URL', i, `Got "${callbackUrl}".`);
	}

	const alertId = await createAlert(
		this,
		streamId,
		sceneIndexId,
		{ eventId, callbackUrl: callbackUrl || undefined, wsConnectionId: wsConnectionId || undefined },
		i,
	);
	return {
		alert_id: alertId,
		event_id: eventId,
		stream_id: streamId,
		scene_index_id: sceneIndexId,
		callback_url: callbackUrl === '' ? null : callbackUrl,
		status: 'enabled',
	};
}

import type { IHookFunctions } from 'n8n-workflow';

import type { VideoDbAlert, VideoDbEvent } from '../VideoDb/transport';
import { apiPath, listAlerts, listEvents, videoDbRequest } from '../VideoDb/transport';

export type AlertAction = 'enable' | 'disable';

/** The VideoDB calls the trigger's life cycle makes; the life cycle depends on nothing else. */
export interface AlertPort {
	listAlerts(streamId: string, sceneIndexId: string): Promise<VideoDbAlert[]>;
	createAlert(streamId: string, sceneIndexId: string, eventId: string, callbackUrl: string): Promise<string>;
	setAlertStatus(streamId: string, sceneIndexId: string, alertId: string, action: AlertAction): Promise<void>;
	listEvents(): Promise<VideoDbEvent[]>;
	createEvent(eventPrompt: string, label: string): Promise<string>;
}

const STATUS: Record<AlertAction, 'enabled' | 'disabled'> = { enable: 'enabled', disable: 'disabled' };

/** The port over the package's VideoDB transport (n8n's authenticated helper, retry policy). */
export function videoDbPort(ctx: IHookFunctions): AlertPort {
	return {
		listAlerts: async (streamId, sceneIndexId) => await listAlerts(ctx, streamId, sceneIndexId),
		listEvents: async () => await listEvents(ctx),
		createAlert: async (streamId, sceneIndexId, eventId, callbackUrl) => {
			// Unsafe: after a 5xx or a reset the alert may exist; the next activation's
			// checkExists finds it by its callback URL instead of creating a second one.
			const data = await videoDbRequest<{ alert_id?: string }>(ctx, {
				method: 'POST',
				path: apiPath('rtstream', streamId, 'index', sceneIndexId, 'alert'),
				body: { event_id: eventId, callback_url: callbackUrl },
				idempotency: 'unsafe',
			});
			return String(data.alert_id ?? '');
		},
		setAlertStatus: async (streamId, sceneIndexId, alertId, action) => {
			// Both documented body forms (spec `status`, SDK `action`); repeating it changes nothing.
			await videoDbRequest(ctx, {
				method: 'PATCH',
				path: apiPath('rtstream', streamId, 'index', sceneIndexId, 'alert', alertId, 'status'),
				body: { action, status: STATUS[action] },
				idempotency: 'idempotent',
			});
		},
		createEvent: async (eventPrompt, label) => {
			// Unsafe: events cannot be deleted; a retried create would leave a duplicate behind.
			const data = await videoDbRequest<{ event_id?: string }>(ctx, {
				method: 'POST',
				path: '/rtstream/event',
				body: { event_prompt: eventPrompt, label },
				idempotency: 'unsafe',
			});
			return String(data.event_id ?? '');
		},
	};
}

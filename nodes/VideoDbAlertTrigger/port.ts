import type { IHookFunctions } from 'n8n-workflow';

import type { AlertAction, VideoDbAlert } from '../VideoDb/alertApi';
import type { VideoDbEvent } from '../VideoDb/eventApi';
import { createAlert, listAlerts, setAlertStatus } from '../VideoDb/alertApi';
import { createEvent, listEvents } from '../VideoDb/eventApi';

/** The VideoDB calls the trigger's life cycle makes; the life cycle depends on nothing else. */
export interface AlertPort {
	listAlerts(streamId: string, sceneIndexId: string): Promise<VideoDbAlert[]>;
	createAlert(streamId: string, sceneIndexId: string, eventId: string, callbackUrl: string): Promise<string>;
	setAlertStatus(streamId: string, sceneIndexId: string, alertId: string, action: AlertAction): Promise<void>;
	listEvents(): Promise<VideoDbEvent[]>;
	createEvent(eventPrompt: string, label: string): Promise<string>;
}

/**
 * The port over the package's VideoDB calls (the VideoDB transport, the retry policy). A
 * create whose answer was lost is not repeated: the next activation's checkExists finds the
 * alert by its callback URL instead of creating a second one.
 */
export function videoDbPort(ctx: IHookFunctions): AlertPort {
	return {
		listAlerts: async (streamId, sceneIndexId) => await listAlerts(ctx, streamId, sceneIndexId),
		listEvents: async () => await listEvents(ctx),
		createAlert: async (streamId, sceneIndexId, eventId, callbackUrl) =>
			String((await createAlert(ctx, streamId, sceneIndexId, { eventId, callbackUrl })) ?? ''),
		setAlertStatus: async (streamId, sceneIndexId, alertId, action) =>
			await setAlertStatus(ctx, streamId, sceneIndexId, alertId, action),
		createEvent: async (eventPrompt, label) => String((await createEvent(ctx, eventPrompt, label)) ?? ''),
	};
}

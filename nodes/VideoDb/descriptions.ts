import type { INodeProperties } from 'n8n-workflow';

import type { LocatorSpec } from '../common/descriptions';
import { locator } from '../common/descriptions';

// VideoDB ids: streams are `rts-<uuid>`; scene indexes, events and alerts are bare hex in real
// answers (placeholders like `event-12345` in the spec). The regex only rejects what cannot be an
// id (spaces, slashes, pasted URLs), so every documented shape passes.
const STREAM_ID_REGEX = '^rts-[A-Za-z0-9-]+$';
const PLAIN_ID_REGEX = '^[A-Za-z0-9_-]+$';

/** The ID-mode format of each locator, by parameter name, for code that checks ids itself. */
export const LOCATOR_ID_PATTERNS: Readonly<Record<'streamId' | 'sceneIndexId' | 'eventId' | 'alertId', RegExp>> = {
	streamId: new RegExp(STREAM_ID_REGEX),
	sceneIndexId: new RegExp(PLAIN_ID_REGEX),
	eventId: new RegExp(PLAIN_ID_REGEX),
	alertId: new RegExp(PLAIN_ID_REGEX),
};

/** A VideoDB locator: the list invites a choice, a wrong id is named as a VideoDB id. */
function videoDbLocator(spec: Omit<LocatorSpec, 'listPlaceholder' | 'idError'>): INodeProperties {
	const what = spec.displayName.toLowerCase();
	return locator({ ...spec, listPlaceholder: `Select a ${what}...`, idError: `Not a valid VideoDB ${what} ID` });
}

export const streamRlc = videoDbLocator({
	name: 'streamId',
	displayName: 'Stream',
	description: 'The real-time stream (RTStream)',
	searchListMethod: 'searchStreams',
	idPlaceholder: 'rts-019a8f3c-5e21-7b40-9c11-4a2d6e8f0001',
	idRegex: STREAM_ID_REGEX,
});

export const sceneIndexRlc = videoDbLocator({
	name: 'sceneIndexId',
	displayName: 'Scene Index',
	description: 'The scene index of the stream that events are detected on',
	searchListMethod: 'searchSceneIndexes',
	idPlaceholder: 'a3f1c2d4e5b60718',
	idRegex: PLAIN_ID_REGEX,
});

export const eventRlc = videoDbLocator({
	name: 'eventId',
	displayName: 'Event',
	description: 'The detection event to alert on',
	searchListMethod: 'searchEvents',
	idPlaceholder: 'e7b5a6f8c9d04b5c',
	idRegex: PLAIN_ID_REGEX,
});

export const alertRlc = videoDbLocator({
	name: 'alertId',
	displayName: 'Alert',
	description: 'The alert on the chosen stream and scene index',
	searchListMethod: 'searchAlerts',
	idPlaceholder: '441c80e43b16fbf5',
	idRegex: PLAIN_ID_REGEX,
});

/**
 * A locator without the ID-mode regex. n8n re-checks such a regex at the start of every execution
 * (in a `vm` context with a timeout, about 0.7 ms per locator), which a trigger pays once per call;
 * a node using this checks the id itself where it reads it (LOCATOR_ID_PATTERNS).
 */
export function withoutIdValidation(property: INodeProperties): INodeProperties {
	return { ...property, modes: property.modes?.map((mode) => ({ ...mode, validation: undefined })) };
}

/** A number field that takes whole numbers of at least 1 (the node checks them again per item). */
export function countField(displayName: string, name: string, fallback: number, description: string): INodeProperties {
	return { displayName, name, type: 'number', typeOptions: { minValue: 1 }, default: fallback, description };
}

/** Stream Create's and Update's Sample Rate (additionalFields / updateFields). */
export const sampleRateField = countField('Sample Rate', 'sampleRate', 30, 'Frames per second VideoDB samples from the stream');

/** Scene Index Create's and Update Prompt's Prompt; each sets its own description. */
export const scenePromptField: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 3 },
	required: true,
	default: '',
	description: 'What the model should describe in each window of the stream',
};

/** Event Create's fields; the VideoDB Alert Trigger shows them for "Describe the Event". */
export const eventPromptField: INodeProperties = {
	displayName: 'Event Prompt',
	name: 'eventPrompt',
	type: 'string',
	typeOptions: { rows: 2 },
	required: true,
	default: '',
	placeholder: 'e.g. Detect a person standing on the loading dock',
	description: 'The condition to detect, in plain language',
};

export const eventLabelField: INodeProperties = {
	displayName: 'Label',
	name: 'label',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. person_on_dock',
	description: 'Short identifier of the event; alert callbacks carry it',
};

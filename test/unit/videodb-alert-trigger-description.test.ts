/**
 * The trigger's description is a public API (saved workflows store these names): parameter names, option defaults,
 * the webhook it declares, and the shared locators and list searches of the VideoDB node.
 */
import type { INodeProperties } from 'n8n-workflow';

import { eventRlc, sceneIndexRlc, streamRlc } from '../../nodes/VideoDb/descriptions';
import { searchEvents, searchSceneIndexes, searchStreams } from '../../nodes/VideoDb/listSearch';
import { VideoDbAlertTrigger } from '../../nodes/VideoDbAlertTrigger/VideoDbAlertTrigger.node';

const trigger = new VideoDbAlertTrigger();
const { description } = trigger;
const property = (name: string) => description.properties.find((p) => p.name === name) as INodeProperties;

describe('VideoDB Alert Trigger description', () => {
	it('is a trigger with no inputs, not usable as a tool', () => {
		expect(description.name).toBe('videoDbAlertTrigger');
		expect(description.displayName).toBe('VideoDB Alert Trigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.credentials).toEqual([{ name: 'videoDbApi', required: true }]);
	});

	it('declares one POST webhook answered on receipt with an empty body', () => {
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'alert' },
		]);
	});

	it('has exactly the public parameter names, with the documented defaults', () => {
		expect(description.properties.map((p) => p.name)).toEqual([
			'streamId',
			'sceneIndexId',
			'eventSource',
			'eventId',
			'eventPrompt',
			'label',
			'options',
		]);
		expect((property('eventSource').options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'existing',
			'prompt',
		]);
		const options = property('options').options as INodeProperties[];
		expect(options.map((o) => [o.name, o.default])).toEqual([
			['deduplicate', true],
			['verifyToken', true],
		]);
		expect(property('eventId').displayOptions).toEqual({ show: { eventSource: ['existing'] } });
		expect(property('label').displayOptions).toEqual({ show: { eventSource: ['prompt'] } });
	});

	it('has versions 1 and 1.1 with the same parameters; new nodes get 1.1', () => {
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
		expect(JSON.stringify(description.properties)).not.toContain('@version');
	});

	it('reuses the VideoDB node’s locators and list searches, checking id formats itself', () => {
		const withoutValidation = (p: INodeProperties) => ({ ...p, modes: p.modes?.map((m) => ({ ...m, validation: undefined })) });
		expect(property('streamId')).toEqual(withoutValidation(streamRlc));
		expect(property('sceneIndexId')).toEqual(withoutValidation(sceneIndexRlc));
		expect(property('eventId').modes).toEqual(withoutValidation(eventRlc).modes);
		// n8n would re-check a mode's regex at the start of every execution, i.e. on every alert.
		for (const name of ['streamId', 'sceneIndexId', 'eventId']) {
			expect(property(name).modes?.every((m) => m.validation === undefined)).toBe(true);
		}
		// The VideoDB node keeps the editor's check.
		expect(streamRlc.modes?.find((m) => m.name === 'id')?.validation).toHaveLength(1);
		expect(trigger.methods.listSearch).toEqual({ searchStreams, searchSceneIndexes, searchEvents });
		expect(trigger.methods.listSearch.searchEvents).toBe(searchEvents);
	});

	it('names both the 2.x and the 1.x word for going live (publish / activate)', () => {
		const panel = description.triggerPanel as { activationHint: string; executionsHelp: { inactive: string; active: string } };
		for (const text of [panel.activationHint, panel.executionsHelp.inactive]) expect(text).toContain('Publish (on n8n 1.x: activate) the workflow');
		expect(panel.executionsHelp.active).toContain('published (n8n 1.x: active)');
	});

	it('tells the user that VideoDB must reach the webhook URL', () => {
		expect(description.activationMessage).toContain('N8N_WEBHOOK_URL');
		expect(JSON.stringify(description.triggerPanel)).toContain('public URL');
	});
});

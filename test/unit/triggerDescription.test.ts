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

	it('reuses the VideoDB node’s locators and list searches', () => {
		expect(property('streamId')).toBe(streamRlc);
		expect(property('sceneIndexId')).toBe(sceneIndexRlc);
		expect(property('eventId').modes).toBe(eventRlc.modes);
		expect(trigger.methods.listSearch).toEqual({ searchStreams, searchSceneIndexes, searchEvents });
		expect(trigger.methods.listSearch.searchEvents).toBe(searchEvents);
	});

	it('tells the user that VideoDB must reach the webhook URL', () => {
		expect(description.activationMessage).toContain('N8N_WEBHOOK_URL');
		expect(JSON.stringify(description.triggerPanel)).toContain('public URL');
	});
});

/**
 * The VideoDB node's description is a public API (saved workflows store these names): resource and operation values
 * and parameter names are stored in users' workflows. These checks pin them, and check that
 * every operation offered in the editor is routed and every locator is wired to a list search.
 */
import type { INodeProperties, INodePropertyMode, INodePropertyOptions } from 'n8n-workflow';

import codex from '../../nodes/VideoDb/VideoDb.node.json';
import { VideoDb } from '../../nodes/VideoDb/VideoDb.node';
import { operations } from '../../nodes/VideoDb/router';
import { SEED } from '../../sandbox';

const node = new VideoDb();
const { properties } = node.description;

function shownFor(resource: string, operation: string): INodeProperties[] {
	return properties.filter((p) => {
		const show = p.displayOptions?.show;
		return show?.resource?.includes(resource) && show?.operation?.includes(operation);
	});
}

const operationOptions = (resource: string) =>
	(properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
		?.options ?? []) as INodePropertyOptions[];

const EXPECTED: Record<string, Record<string, string[]>> = {
	event: { create: ['eventPrompt', 'label', 'options'], getAll: ['returnAll', 'limit'] },
	alert: {
		create: ['streamId', 'sceneIndexId', 'eventId', 'callbackUrl', 'options'],
		getAll: ['streamId', 'sceneIndexId', 'returnAll', 'limit'],
		enable: ['streamId', 'sceneIndexId', 'alertId'],
		disable: ['streamId', 'sceneIndexId', 'alertId'],
	},
	stream: {
		create: ['url', 'name', 'additionalFields'],
		get: ['streamId'],
		getAll: ['returnAll', 'limit', 'filters'],
		update: ['streamId', 'updateFields'],
		start: ['streamId'],
		stop: ['streamId'],
		getPlaybackUrl: ['streamId', 'startTime', 'endTime'],
		export: ['streamId', 'name'],
	},
	sceneIndex: {
		create: [
			'streamId',
			'indexType',
			'prompt',
			'name',
			'windowSeconds',
			'frameCount',
			'segmenter',
			'segmentationValue',
			'additionalFields',
		],
		get: ['streamId', 'sceneIndexId'],
		getAll: ['streamId'],
		updatePrompt: ['streamId', 'sceneIndexId', 'prompt'],
		start: ['streamId', 'sceneIndexId'],
		stop: ['streamId', 'sceneIndexId'],
		getRecords: ['streamId', 'sceneIndexId', 'startTime', 'endTime', 'returnAll', 'limit'],
		search: ['streamId', 'sceneIndexId', 'query', 'options'],
	},
};

const collectionNames = (resource: string, operation: string, name: string) =>
	((shownFor(resource, operation).find((p) => p.name === name)?.options ?? []) as INodeProperties[]).map((o) => o.name).sort();

test('pipeline collections and options use the frozen names (DESIGN §1.2)', () => {
	expect(collectionNames('stream', 'create', 'additionalFields')).toEqual([
		'collectionId',
		'enableTranscript',
		'mediaTypes',
		'sampleRate',
		'store',
	]);
	expect(collectionNames('stream', 'update', 'updateFields')).toEqual(['name', 'sampleRate']);
	expect(collectionNames('sceneIndex', 'create', 'additionalFields')).toEqual(['modelName', 'wsConnectionId']);
	expect(collectionNames('sceneIndex', 'search', 'options')).toEqual(['resultThreshold', 'scoreThreshold']);
	const create = shownFor('sceneIndex', 'create');
	const values = (name: string) => (create.find((p) => p.name === name)!.options as INodePropertyOptions[]).map((o) => o.value).sort();
	expect(values('indexType')).toEqual(['audio', 'visual']);
	expect(values('segmenter')).toEqual(['sentence', 'time', 'word']);
	const mediaTypes = (shownFor('stream', 'create').find((p) => p.name === 'additionalFields')!.options as INodeProperties[]).find(
		(o) => o.name === 'mediaTypes',
	)!;
	expect((mediaTypes.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual(['audio', 'video']);
	// The defaults saved workflows rely on when they store no operation.
	for (const resource of ['stream', 'sceneIndex']) {
		expect(properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))?.default).toBe('getAll');
	}
});

test('node basics: name, tool use, subtitle, themed icons, credential', () => {
	const d = node.description;
	expect(d.name).toBe('videoDb');
	expect(d.displayName).toBe('VideoDB');
	expect(d.usableAsTool).toBe(true);
	expect(d.subtitle).toBe('={{$parameter["operation"] + ": " + $parameter["resource"]}}');
	expect(d.icon).toEqual({ light: 'file:../../icons/videodb.svg', dark: 'file:../../icons/videodb.dark.svg' });
	expect(d.credentials).toEqual([{ name: 'videoDbApi', required: true }]);
});

test('codex points at the VideoDB docs', () => {
	expect(codex).toMatchObject({ node: 'n8n-nodes-videodb-roboflow.videoDb', nodeVersion: '1.0', codexVersion: '1.0' });
	expect(codex.resources.primaryDocumentation[0].url).toBe('https://docs.videodb.io');
	expect(codex.resources.credentialDocumentation[0].url).toMatch(/^https:\/\/docs\.videodb\.io\//);
});

test('resource values are exactly event, alert, stream, sceneIndex', () => {
	const resource = properties.find((p) => p.name === 'resource')!;
	expect(resource.noDataExpression).toBe(true);
	const values = (resource.options as INodePropertyOptions[]).map((o) => o.value).sort();
	expect(values).toEqual(['alert', 'event', 'sceneIndex', 'stream']);
});

describe.each(Object.entries(EXPECTED))('resource %s', (resource, ops) => {
	test('offers exactly the documented operations, each with an action sentence, all routed', () => {
		const options = operationOptions(resource);
		expect(options.map((o) => o.value).sort()).toEqual(Object.keys(ops).sort());
		for (const option of options) expect(option.action).toMatch(/^[A-Z][a-z]+ (an?|many) /);
		expect(Object.keys((operations as Record<string, object>)[resource]).sort()).toEqual(Object.keys(ops).sort());
	});

	test.each(Object.entries(ops))('operation %s shows exactly its public parameters', (operation, names) => {
		expect(shownFor(resource, operation).map((p) => p.name)).toEqual(names);
	});
});

test('option and filter names: reuseExisting, wsConnectionId, filters.status/name, limit minimum 1', () => {
	const eventOptions = shownFor('event', 'create').find((p) => p.name === 'options')!;
	expect(eventOptions.options).toEqual([expect.objectContaining({ name: 'reuseExisting', type: 'boolean', default: false })]);
	const alertOptions = shownFor('alert', 'create').find((p) => p.name === 'options')!;
	expect((alertOptions.options as INodeProperties[]).map((o) => o.name)).toEqual(['wsConnectionId']);
	const filters = shownFor('stream', 'getAll').find((p) => p.name === 'filters')!;
	const status = (filters.options as INodeProperties[]).find((o) => o.name === 'status')!;
	expect((status.options as INodePropertyOptions[]).map((o) => o.value)).toEqual(['connected', 'stopped']);
	expect((filters.options as INodeProperties[]).map((o) => o.name).sort()).toEqual(['name', 'status']);
	const limit = shownFor('event', 'getAll').find((p) => p.name === 'limit')!;
	expect(limit).toMatchObject({ default: 50, typeOptions: { minValue: 1 }, displayOptions: { show: { returnAll: [false] } } });
});

describe('resource locators', () => {
	const locators = properties.filter((p) => p.type === 'resourceLocator');
	const byName = (name: string) => locators.find((p) => p.name === name)!;
	const idRegex = (name: string) => {
		const mode = byName(name).modes!.find((m) => m.name === 'id') as INodePropertyMode;
		const rule = mode.validation![0] as { type: string; properties: { regex: string } };
		expect(rule.type).toBe('regex');
		return new RegExp(rule.properties.regex);
	};

	test('every locator has a searchable list mode wired to an existing list search', () => {
		expect(new Set(locators.map((p) => p.name))).toEqual(new Set(['streamId', 'sceneIndexId', 'eventId', 'alertId']));
		for (const locator of locators) {
			const list = locator.modes!.find((m) => m.name === 'list')!;
			expect(list.typeOptions?.searchable).toBe(true);
			const method = list.typeOptions!.searchListMethod!;
			expect(typeof (node.methods.listSearch as Record<string, unknown>)[method]).toBe('function');
			expect(locator.default).toEqual({ mode: 'list', value: '' });
		}
	});

	test('id modes accept real and documented id shapes and reject pasted junk', () => {
		for (const id of Object.values(SEED.streams)) expect(idRegex('streamId').test(id)).toBe(true);
		expect(idRegex('streamId').test('rts-12345')).toBe(true);
		expect(idRegex('streamId').test('a3f1c2d4e5b60718')).toBe(false);
		for (const id of [...Object.values(SEED.sceneIndexes), 'scene-idx-12345']) expect(idRegex('sceneIndexId').test(id)).toBe(true);
		for (const id of [...Object.values(SEED.events), 'event-12345']) expect(idRegex('eventId').test(id)).toBe(true);
		expect(idRegex('alertId').test('441c80e43b16fbf5')).toBe(true);
		for (const junk of ['a b', 'x/y', 'https://console.videodb.io/x', '']) {
			expect(idRegex('eventId').test(junk)).toBe(false);
		}
	});
});

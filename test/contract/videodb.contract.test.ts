/**
 * Contract suite, VideoDB: every VideoDB call the package makes, made the way the package makes it
 * (the VideoDB node in n8n's WorkflowExecute, its list searches, the credential test, the alert
 * trigger's life cycle), each exchange held against VideoDB's own spec. `npm test` runs it against
 * the sandbox; `npm run test:live` with VIDEODB_API_KEY against the real service (reads, plus
 * writes only into VIDEODB_STREAM_ID / VIDEODB_SCENE_INDEX_ID, undone where the API allows).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VideoDb } from '../../nodes/VideoDb/VideoDb.node';
import { VideoDbAlertTrigger } from '../../nodes/VideoDbAlertTrigger/VideoDbAlertTrigger.node';
import { SEED } from '../../sandbox';
import { alertHookContext, locator } from '../helpers/alertTrigger';
import { testCredential } from '../helpers/workflow';
import { NODE, rl, runVideoDb, searchContext } from '../workflows/videodb-helpers';
import { conformanceRows, offeredOperations } from './conformance-doc';
import type { Target } from './target';
import { LIVE, startTarget, targetAvailable, targetIds } from './target';
import { videoDbSpec } from './videodb-spec';

let target: Target;
const ran = new Set<string>();
const calls = new Set<string>();
const CALLBACK = 'https://example.invalid/n8n-contract-check';

beforeAll(async () => {
	target = await startTarget('videodb');
});
afterAll(async () => await target?.close());

/** Every exchange since the last check conforms; the calls made are noted for the coverage test. */
function conforms(): void {
	const spec = videoDbSpec();
	for (const exchange of target.recorder.exchanges) {
		const id = spec.operationOf(exchange);
		if (id) calls.add(id);
	}
	expect(target.problems()).toEqual([]);
}

/** Runs the VideoDB node with `parameters` through the recorder; it must succeed and conform. */
async function node(parameters: INodeParameters): Promise<IDataObject[]> {
	const result = await runVideoDb({ videodbUrl: target.baseUrl }, parameters, { apiKey: target.apiKey });
	if (result.status !== 'success') throw new Error(`${String(parameters.resource)} → ${String(parameters.operation)}: ${result.error?.message}`);
	ran.add(`${String(parameters.resource)}.${String(parameters.operation)}`);
	conforms();
	return result.json(NODE);
}

const ids = targetIds('videodb');
const stream = () => ids.streamId!;
const index = () => ids.sceneIndexId!;
const withStream = () => (ids.streamId ? test : test.skip);
const withIndex = () => (ids.streamId && ids.sceneIndexId ? test : test.skip);
/** Calls that create what the user cannot undo (streams, indexes, videos): the sandbox only. */
const sandboxOnly = LIVE ? test.skip : test;
const both = () => ({ streamId: rl(stream()), sceneIndexId: rl(index()) });

const suite = targetAvailable('videodb') ? describe : describe.skip;

suite(`VideoDB, every call against ${LIVE ? 'the real service' : 'the sandbox'}`, () => {
	describe('account reads', () => {
		test('credential test: GET /user', async () => {
			expect((await testCredential('videoDbApi', { apiKey: target.apiKey, baseUrl: target.baseUrl })).status).toBe('OK');
			conforms();
		});

		test('Event → Get Many, Stream → Get Many (paged, filtered)', async () => {
			await node({ resource: 'event', operation: 'getAll', returnAll: true });
			await node({ resource: 'stream', operation: 'getAll', limit: 3, filters: { status: 'connected', name: '' } });
			await node({ resource: 'stream', operation: 'getAll', returnAll: true });
		});

		test('list searches: streams, events', async () => {
			const videoDb = new VideoDb();
			await videoDb.methods.listSearch.searchStreams.call(searchContext({ videodbUrl: target.baseUrl }, {}, 'streamId', target.apiKey), '');
			await videoDb.methods.listSearch.searchEvents.call(searchContext({ videodbUrl: target.baseUrl }, {}, 'eventId', target.apiKey), '');
			conforms();
		});
	});

	describe('reads of the named stream and scene index', () => {
		withStream()('Stream → Get, Get Playback URL; Scene Index → Get Many', async () => {
			await node({ resource: 'stream', operation: 'get', streamId: rl(stream()) });
			const end = Math.floor(Date.now() / 1000) - 60;
			const times = { startTime: new Date((end - 120) * 1000).toISOString(), endTime: new Date(end * 1000).toISOString() };
			await node({ resource: 'stream', operation: 'getPlaybackUrl', streamId: rl(stream()), ...times });
			await node({ resource: 'sceneIndex', operation: 'getAll', streamId: rl(stream()) });
		});

		withIndex()('Scene Index → Get, Get Records (two pages), Search; Alert → Get Many; index and alert pickers', async () => {
			await node({ resource: 'sceneIndex', operation: 'get', ...both() });
			await node({ resource: 'sceneIndex', operation: 'getRecords', ...both(), limit: 150 });
			await node({ resource: 'sceneIndex', operation: 'search', ...both(), query: 'person', options: {} });
			await node({ resource: 'alert', operation: 'getAll', ...both(), returnAll: true });
			const videoDb = new VideoDb();
			const parameters = { resource: 'alert', operation: 'enable', ...both(), alertId: rl('', 'list') };
			await videoDb.methods.listSearch.searchSceneIndexes.call(searchContext({ videodbUrl: target.baseUrl }, parameters, 'sceneIndexId', target.apiKey));
			await videoDb.methods.listSearch.searchAlerts.call(searchContext({ videodbUrl: target.baseUrl }, parameters, 'alertId', target.apiKey));
			conforms();
		});
	});

	describe('writes, undone', () => {
		withStream()('Stream → Update with the values it has; Stop and Start back (or Start and Stop)', async () => {
			const [current] = await node({ resource: 'stream', operation: 'get', streamId: rl(stream()) });
			await node({ resource: 'stream', operation: 'update', streamId: rl(stream()), updateFields: { name: String(current.name), sampleRate: Number(current.sample_rate) } });
			const order = current.status === 'connected' ? ['stop', 'start'] : ['start', 'stop'];
			for (const operation of order) await node({ resource: 'stream', operation, streamId: rl(stream()) });
		});

		withIndex()('Scene Index → Update Prompt with its prompt; Stop and Start back (or Start and Stop)', async () => {
			const [current] = await node({ resource: 'sceneIndex', operation: 'get', ...both() });
			await node({ resource: 'sceneIndex', operation: 'updatePrompt', ...both(), prompt: String(current.prompt) });
			const order = current.status === 'stopped' ? ['start', 'stop'] : ['stop', 'start'];
			for (const operation of order) await node({ resource: 'sceneIndex', operation, ...both() });
		});

		withIndex()('Event → Create (reusing an event by label), Alert → Create, Enable, Disable: the alert is left disabled', async () => {
			const events = await node({ resource: 'event', operation: 'getAll', returnAll: true });
			// Live, an existing event is reused (events cannot be deleted); the sandbox creates one.
			const label = target.live && events.length > 0 ? String(events[0].label) : `contract_check_${Date.now()}`;
			const [event] = await node({ resource: 'event', operation: 'create', eventPrompt: 'A person enters the frame', label, options: { reuseExisting: true } });
			const [alert] = await node({ resource: 'alert', operation: 'create', ...both(), eventId: rl(String(event.event_id)), callbackUrl: CALLBACK, options: {} });
			const alertId = { alertId: rl(String(alert.alert_id)) };
			for (const operation of ['disable', 'enable', 'disable']) await node({ resource: 'alert', operation, ...both(), ...alertId });
		});

		withIndex()("the Alert Trigger's life cycle: publish registers its alert, checkExists finds it, unpublish disables it", async () => {
			const [event] = await node({ resource: 'event', operation: 'getAll', limit: 1 });
			const webhookId = `contract-${Date.now()}`;
			const hook = alertHookContext({
				webhookId,
				webhookUrl: `https://example.invalid/webhook/${webhookId}/alert`,
				videodbUrl: target.baseUrl,
				apiKey: target.apiKey,
				parameters: { streamId: locator(stream()), sceneIndexId: locator(index()), eventId: locator(String(event.event_id)) },
			});
			const methods = new VideoDbAlertTrigger().webhookMethods!.default;
			expect(await methods.create.call(hook.ctx)).toBe(true);
			expect(await methods.checkExists.call(hook.ctx)).toBe(true);
			expect(await methods.delete.call(hook.ctx)).toBe(true);
			conforms();
		});
	});

	describe('calls that create what cannot be undone (the sandbox only)', () => {
		sandboxOnly('Stream → Create; Scene Index → Create (visual and audio); Stream → Export of a stopped stream', async () => {
			const [created] = await node({ resource: 'stream', operation: 'create', url: 'rtsp://cam.example.com/contract', name: 'Contract check', additionalFields: { mediaTypes: ['video', 'audio'] } });
			const streamId = rl(String(created.id));
			await node({ resource: 'sceneIndex', operation: 'create', streamId, indexType: 'visual', prompt: 'Describe the scene', name: 'Visual', windowSeconds: 10, frameCount: 2, additionalFields: {} });
			await node({ resource: 'sceneIndex', operation: 'create', streamId, indexType: 'audio', prompt: 'Transcribe', name: 'Audio', segmenter: 'sentence', segmentationValue: 2, additionalFields: {} });
			await node({ resource: 'stream', operation: 'export', streamId: rl(SEED.streams.assemblyLineB), name: '' });
		});

		sandboxOnly('a long-job answer is followed through GET /async-response/{response_id}', async () => {
			target.sandbox!.addFault({ method: 'GET', path: '/videodb/rtstream/event', longJob: { polls: 1, retryAfter: 0 } });
			await node({ resource: 'event', operation: 'getAll', returnAll: true });
		});
	});

	sandboxOnly('coverage: every VideoDB operation of the node ran, and every call made has its row in docs/CONFORMANCE.md', () => {
		expect([...ran].sort()).toEqual(offeredOperations(new VideoDb().description));
		expect([...calls].sort()).toEqual(conformanceRows('VideoDB').sort());
	});
});

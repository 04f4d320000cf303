/**
 * VideoDB node, Event resource: Create (with and without reuseExisting) and Get Many, run in
 * n8n-core's WorkflowExecute against the sandbox over HTTP.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SANDBOX_KEYS, SEED } from '../../sandbox';
import { useSandbox, videoDbRunner } from './videodb-helpers';

const sandbox = useSandbox();
const run = videoDbRunner(sandbox);

/** Event → Create with `eventPrompt` and `label` (literal values or expressions). */
const createEvent = (eventPrompt: string, label: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'event',
	operation: 'create',
	eventPrompt,
	label,
	...extra,
});
const eventPosts = () => sandbox.requests({ service: 'videodb', method: 'POST', path: '/rtstream/event' });

describe('event: create', () => {
	test('sends exactly {event_prompt, label} with the API key and returns the new event', async () => {
		const result = await run(createEvent('Detect a truck parked in the fire lane.', 'truck_in_fire_lane'));
		expect(result.status).toBe('success');
		const [out] = result.json('VideoDB');
		expect(out).toEqual({
			event_id: expect.stringMatching(/^[0-9a-f]{16}$/),
			label: 'truck_in_fire_lane',
			event_prompt: 'Detect a truck parked in the fire lane.',
			reused: false,
		});
		const requests = sandbox.requests({ service: 'videodb' });
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('POST');
		expect(requests[0].path).toBe('/rtstream/event');
		expect(requests[0].headers['x-access-token']).toBe(SANDBOX_KEYS.videodb);
		expect(requests[0].body).toEqual({ event_prompt: 'Detect a truck parked in the fire lane.', label: 'truck_in_fire_lane' });
		expect(sandbox.state.events.get(out.event_id as string)?.label).toBe('truck_in_fire_lane');
	});

	test('resolves expressions per item: three items create three events in order', async () => {
		const items = [
			{ label: 'smoke', prompt: 'Detect smoke.' },
			{ label: 'spill', prompt: 'Detect a liquid spill on the floor.' },
			{ label: 'no_helmet', prompt: 'Detect a worker without a helmet.' },
		];
		const result = await run(
			createEvent('={{ $json.prompt }}', '={{ $json.label }}'),
			{ items },
		);
		expect(result.status).toBe('success');
		const out = result.items('VideoDB');
		expect(out.map((item) => item.json.label)).toEqual(['smoke', 'spill', 'no_helmet']);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(eventPosts().map((r) => r.body)).toEqual(items.map((i) => ({ event_prompt: i.prompt, label: i.label })));
	});

	test('reuseExisting: true returns the event with the same label and sends no create', async () => {
		const result = await run(createEvent('Some other wording', 'person_on_dock', { options: { reuseExisting: true } }));
		expect(result.json('VideoDB')).toEqual([
			{
				event_id: SEED.events.personOnDock,
				label: 'person_on_dock',
				event_prompt: 'Detect a person standing on the loading dock.',
				reused: true,
			},
		]);
		const requests = sandbox.requests({ service: 'videodb' });
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /rtstream/event']);
	});

	test('reuseExisting: true creates when no event has the label, and later items reuse it', async () => {
		const result = await run(
			createEvent('Detect a pallet left in the aisle.', 'pallet_in_aisle', { options: { reuseExisting: true } }),
			{ items: [{}, {}] },
		);
		const out = result.json('VideoDB');
		expect(out.map((o) => o.reused)).toEqual([false, true]);
		expect(out[1].event_id).toBe(out[0].event_id);
		expect(eventPosts()).toHaveLength(1);
		expect([...sandbox.state.events.values()].filter((e) => e.label === 'pallet_in_aisle')).toHaveLength(1);
	});

	test('reuseExisting: false (default) creates a duplicate label without listing', async () => {
		const result = await run(createEvent('Detect a person on the dock.', 'person_on_dock'));
		expect(result.json('VideoDB')[0].reused).toBe(false);
		expect(result.json('VideoDB')[0].event_id).not.toBe(SEED.events.personOnDock);
		expect(sandbox.requests({ service: 'videodb', method: 'GET' })).toHaveLength(0);
		expect(eventPosts()).toHaveLength(1);
	});

	test('an empty label fails before any request, naming the field and the item', async () => {
		const result = await run(
			createEvent('Detect smoke.', '={{ $json.label }}'),
			{ items: [{ label: 'smoke' }, { label: '   ' }] },
		);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Label must not be empty [item 1]');
		expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
		// Item 0 ran first (items run in order); item 1 sent nothing.
		expect(eventPosts().map((r) => (r.body as IDataObject).label)).toEqual(['smoke']);
	});

	test('continueOnFail: good and bad items keep their order and pairing; the bad one sends nothing', async () => {
		const result = await run(
			createEvent('={{ $json.prompt }}', '={{ $json.label }}'),
			{
				continueOnFail: true,
				items: [
					{ label: 'smoke', prompt: 'Detect smoke.' },
					{ label: 'spill', prompt: '' },
					{ label: 'fire', prompt: 'Detect open flames.' },
				],
			},
		);
		expect(result.status).toBe('success');
		const out = result.items('VideoDB');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.label).toBe('smoke');
		expect(out[1].json).toEqual({
			error: 'Event Prompt must not be empty [item 1]',
			description: 'Set the "Event Prompt" parameter.',
		});
		expect(out[2].json.label).toBe('fire');
		expect(eventPosts().map((r) => (r.body as IDataObject).label)).toEqual(['smoke', 'fire']);
	});
});

describe('event: getAll', () => {
	beforeEach(() => {
		for (let n = 0; n < 5; n++) {
			const id = `00000000000000a${n}`;
			sandbox.state.events.set(id, { event_id: id, label: `extra_${n}`, event_prompt: `Extra event ${n}` });
		}
	});

	test('returnAll returns one item per event, exactly as the API lists them', async () => {
		const result = await run({ resource: 'event', operation: 'getAll', returnAll: true });
		expect(result.json('VideoDB')).toEqual([...sandbox.state.events.values()]);
		expect(result.json('VideoDB')).toHaveLength(7);
		const requests = sandbox.requests({ service: 'videodb' });
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /rtstream/event']);
		expect(requests[0].headers['x-access-token']).toBe(SANDBOX_KEYS.videodb);
	});

	test('limit is applied per item (each item may set its own)', async () => {
		const result = await run(
			{ resource: 'event', operation: 'getAll', returnAll: false, limit: '={{ $json.limit }}' },
			{ items: [{ limit: 3 }, { limit: 1 }] },
		);
		const out = result.items('VideoDB');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }, { item: 1 }]);
		expect(out[0].json.event_id).toBe(SEED.events.personOnDock);
	});
});

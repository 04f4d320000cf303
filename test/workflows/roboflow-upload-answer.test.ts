/**
 * POST /vision-events/upload as Roboflow's clients send and read it, for Image → Upload and
 * Create's "Image Binary Field": a 2xx answer counts only with a non-empty string `sourceId` (the
 * inference block reads result["sourceId"]); anything else is an error for the item, and the
 * upload is not repeated (each one makes a new image source). A binary without a file name goes
 * out as `image.<ext>` from its MIME type.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../../sandbox';
import { SEED } from '../../sandbox';
import { apiCalls, createParams, NODE, runRoboflow, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const USE_CASE = SEED.useCases.lineAQuality;
const UPLOAD_PATH = '/roboflow/vision-events/upload';
const BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9]);
const image = (extra: IDataObject = {}): IDataObject => ({
	imageBase64: BYTES.toString('base64'),
	fileName: 'dock.jpg',
	mimeType: 'image/jpeg',
	...extra,
});
const UPLOAD = { resource: 'image', operation: 'upload' };
const noSourceId = (i: number) => `Roboflow did not return a sourceId for the uploaded image of item ${i}`;

const ANSWERS: Array<[string, Omit<Fault, 'path'>, string]> = [
	['{success: true} alone', { unconfirmed: 'dropId' }, '{"success":true}'],
	['{}', { unconfirmed: 'empty' }, '{}'],
	['an empty sourceId', { patch: { sourceId: '' } }, '"sourceId":""'],
	['a sourceId that is not a string', { patch: { sourceId: 42 } }, '"sourceId":42'],
];

describe('Roboflow upload answer without a sourceId', () => {
	it.each(ANSWERS)('Image → Upload: a 2xx answer with %s is an error for its item, not retried', async (_, fault, shown) => {
		sandbox.addFault({ path: UPLOAD_PATH, ...fault });
		const result = await runRoboflow(sandbox, UPLOAD, { binary: true, items: [image(), image()], continueOnFail: true });
		const [bad, good] = result.json(NODE);
		expect(bad.error).toBe(noSourceId(0));
		expect(bad.description).toContain(shown);
		expect(bad.description).toContain('not sent again');
		expect(good).toEqual({ sourceId: expect.stringMatching(/^src-/), url: expect.any(String) });
		expect(result.items(NODE).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(apiCalls(sandbox, '/vision-events/upload')).toHaveLength(2);
	});

	it('without continue on fail the node stops on that item', async () => {
		sandbox.addFault({ path: UPLOAD_PATH, unconfirmed: 'dropId' });
		const result = await runRoboflow(sandbox, UPLOAD, { binary: true, items: [image()] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(noSourceId(0));
		expect((result.error as { context?: IDataObject }).context?.itemIndex).toBe(0);
	});

	it.each([1, 2])('Create (batch size %i): the event of that item is not sent; the other item is stored', async (batchSize) => {
		sandbox.addFault({ path: UPLOAD_PATH, unconfirmed: 'dropId', skip: 1 });
		const params = createParams(USE_CASE, {
			eventType: 'quality_check',
			result: 'fail',
			additionalFields: { imageBinaryProperty: 'data' },
			options: { batchSize, concurrency: 1 },
		});
		const result = await runRoboflow(sandbox, params, { binary: true, items: [image(), image()], continueOnFail: true });
		const [good, bad] = result.json(NODE);
		expect(good).toEqual({ eventId: expect.any(String), created: true });
		expect(bad.error).toBe(noSourceId(1));
		expect(apiCalls(sandbox, '/vision-events/upload')).toHaveLength(2);
		const sent = apiCalls(sandbox, batchSize === 1 ? '/vision-events' : '/vision-events/batch');
		expect(sent).toHaveLength(1);
		expect(sandbox.state.visionEvents.size).toBe(1);
		const [stored] = [...sandbox.state.visionEvents.values()];
		expect(stored.eventId).toBe(good.eventId);
		expect(stored.images).toEqual([{ sourceId: expect.stringMatching(/^src-/) }]);
	});
});

describe('Roboflow upload file name', () => {
	const TYPES: Array<[string, string]> = [
		['image/jpeg', 'image.jpg'],
		['image/png', 'image.png'],
		['image/webp', 'image.webp'],
		['image/gif', 'image.gif'],
		['image/tiff', 'image.tiff'],
		['image/bmp', 'image.bmp'],
		['image/heic', 'image.heic'],
		['image/avif', 'image.avif'],
		['IMAGE/PNG', 'image.png'],
		['application/octet-stream', 'image'],
	];

	it('a binary without a file name goes out as image.<ext> from its MIME type (else "image")', async () => {
		const items = TYPES.map(([mimeType]) => image({ fileName: undefined, mimeType }));
		const result = await runRoboflow(sandbox, UPLOAD, { binary: true, items });
		expect(result.status).toBe('success');
		const files = apiCalls(sandbox, '/vision-events/upload').map((c) => (c.body as { files: IDataObject[] }).files[0]);
		expect(files.map((f) => [f.contentType, f.filename])).toEqual(TYPES);
	});

	it('a file name the binary has is sent as it is', async () => {
		await runRoboflow(sandbox, UPLOAD, { binary: true, items: [image({ fileName: 'frame-0001', mimeType: 'image/png' })] });
		const [call] = apiCalls(sandbox, '/vision-events/upload');
		expect((call.body as { files: IDataObject[] }).files[0]).toMatchObject({ filename: 'frame-0001', contentType: 'image/png' });
	});
});

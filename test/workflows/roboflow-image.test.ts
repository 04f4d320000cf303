/**
 * Image → Upload (multipart built by the node) and Create's "Image Binary Field" (upload first,
 * then attach the sourceId). Binary input comes from a stand-in node, as a file-reading node would.
 */
import { SEED } from '../../sandbox';
import { apiCalls, createParams, NODE, runRoboflow, useSandbox } from './roboflow-helpers';

const sandbox = useSandbox();
const USE_CASE = SEED.useCases.lineAQuality;
// A few bytes that are not valid UTF-8, so a text round trip would corrupt them.
const BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x80, 0x2d, 0x2d]);
const IMAGE = { imageBase64: BYTES.toString('base64'), fileName: 'dock "north".png', mimeType: 'image/png' };

describe('Roboflow image upload', () => {
	it('sends the binary as multipart file with name and metadata; outputs sourceId and url', async () => {
		const result = await runRoboflow(
			sandbox,
			{
				resource: 'image',
				operation: 'upload',
				additionalFields: { name: 'dock-cam', metadata: '{"line": "A1", "shift": 2, "night": false}' },
			},
			{ binary: true, items: [IMAGE] },
		);
		expect(result.status).toBe('success');
		const [out] = result.json(NODE);
		expect(out).toEqual({ sourceId: expect.stringMatching(/^src-/), url: expect.stringContaining(out.sourceId as string) });
		const [call] = apiCalls(sandbox, '/vision-events/upload');
		expect(call.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(call.body).toEqual({
			fields: { name: 'dock-cam', metadata: '{"line":"A1","shift":2,"night":false}' },
			files: [{ field: 'file', filename: 'dock "north".png', contentType: 'image/png', size: BYTES.length }],
		});
		const stored = sandbox.state.images.get(out.sourceId as string);
		expect(stored?.data.equals(BYTES)).toBe(true);
		expect(stored?.metadata).toEqual({ line: 'A1', shift: 2, night: false });
	});

	it('reads the binary field named in Input Binary Field', async () => {
		const result = await runRoboflow(
			sandbox,
			{ resource: 'image', operation: 'upload', binaryPropertyName: 'photo' },
			{ binary: true, items: [{ ...IMAGE, binaryField: 'photo' }] },
		);
		expect(result.status).toBe('success');
		expect(apiCalls(sandbox, '/vision-events/upload')[0].body).toEqual({
			fields: {},
			files: [expect.objectContaining({ field: 'file', size: BYTES.length })],
		});
	});

	it('a missing binary field is an error for that item, with no request', async () => {
		const result = await runRoboflow(sandbox, { resource: 'image', operation: 'upload' }, {
			binary: true,
			items: [{ note: 'no image' }],
			continueOnFail: true,
		});
		expect(result.json(NODE)[0].error).toBe(
			"This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]",
		);
		expect(apiCalls(sandbox)).toHaveLength(0);
	});

	it('metadata breaking the custom metadata rules is an error before any request', async () => {
		const result = await runRoboflow(
			sandbox,
			{ resource: 'image', operation: 'upload', additionalFields: { metadata: '{"bad.key": 1}' } },
			{ binary: true, items: [IMAGE] },
		);
		expect(result.error?.message).toBe(
			'Invalid image metadata in item 0: metadata.bad.key key may only contain letters, digits, underscores, hyphens and spaces',
		);
		expect(apiCalls(sandbox)).toHaveLength(0);
	});
});

describe('Roboflow create with an image binary', () => {
	it('uploads first, then creates the event with the sourceId appended to Images (JSON)', async () => {
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, {
				eventType: 'quality_check',
				result: 'fail',
				additionalFields: {
					imageBinaryProperty: 'data',
					imagesJson: '[{"sourceId": "src-existing", "label": "overview"}]',
					displayImagePosition: 1,
				},
			}),
			{ binary: true, items: [IMAGE] },
		);
		expect(result.status).toBe('success');
		const calls = apiCalls(sandbox);
		expect(calls.map((c) => c.path)).toEqual(['/vision-events/upload', '/vision-events']);
		const [sourceId] = [...sandbox.state.images.keys()];
		const body = calls[1].body as { images: unknown; displayImagePosition: number };
		expect(body.images).toEqual([{ sourceId: 'src-existing', label: 'overview' }, { sourceId }]);
		expect(body.displayImagePosition).toBe(1);
		const [out] = result.json(NODE);
		expect(sandbox.state.visionEvents.get(out.eventId as string)?.images).toEqual(body.images);
	});

	it('an invalid event uploads nothing', async () => {
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, {
				eventType: 'safety_alert',
				alertType: 'no hardhat',
				additionalFields: { imageBinaryProperty: 'data' },
			}),
			{ binary: true, items: [IMAGE] },
		);
		expect(result.error?.message).toBe(
			'Invalid vision event in item 0: Alert Type may only contain letters, digits, underscores and dashes',
		);
		expect(apiCalls(sandbox)).toHaveLength(0);
	});

	it('a named binary field that the item lacks is an error before any request', async () => {
		const result = await runRoboflow(
			sandbox,
			createParams(USE_CASE, { eventType: 'custom', additionalFields: { imageBinaryProperty: 'snapshot' } }),
			{ binary: true, items: [IMAGE] },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("The item has no binary field 'snapshot' [item 0]");
		expect(apiCalls(sandbox)).toHaveLength(0);
	});
});

/**
 * VideoDB's own OpenAPI spec (test/fixtures/videodb-openapi.yaml, unchanged; see its NOTICE) as
 * the contract of every VideoDB call: used after every workflow test (test/helpers/sandbox.ts) and
 * by the contract suite against the sandbox or, with a key, the real service.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test tooling outside the published package: locates the fixture
import { join } from 'path';

import type { Contract, Extension } from './openapi';
import { buildContract } from './openapi';

/**
 * What the spec leaves out but VideoDB's official clients send, each with the code that sends it.
 * Request bodies are otherwise closed: a field the spec does not name fails the check.
 */
export const EXTENSIONS: Extension[] = [
	{
		method: 'patch',
		path: '/rtstream/{stream_id}/index/{scene_index_id}/alert/{alert_id}/status',
		at: [],
		property: 'action',
		schema: { type: 'string', enum: ['enable', 'disable'] },
		source: 'videodb-python rtstream.py RTStreamSceneIndex.enable_alert/disable_alert; npm videodb dist/core/rtstream.js enableAlert/disableAlert',
	},
	...(['segmenter', 'segmentation_value'] as const).map((property) => ({
		method: 'post',
		path: '/rtstream/{stream_id}/index/scene',
		at: ['extraction_config'],
		property,
		schema: property === 'segmenter' ? { type: 'string', enum: ['word', 'sentence', 'time'] } : { type: 'integer' },
		source: 'videodb-python rtstream.py index_audio (batch_config → extraction_config); npm videodb dist/core/rtstream.js indexAudio',
	})),
];

/**
 * `format: date-time` as the service fills it: `created_at` comes without a time zone
 * (`2025-05-27T09:02:27.089279`, cookbook Intrusion_Detection.ipynb), which RFC 3339 would refuse.
 */
export const LENIENT_FORMATS = { 'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i };

let spec: Contract | undefined;

/** The validator, built once per test worker. */
export function videoDbSpec(): Contract {
	spec ??= buildContract({
		name: "VideoDB's spec",
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test tooling: the fixture sits beside the tests
		file: join(__dirname, '..', 'fixtures', 'videodb-openapi.yaml'),
		extensions: EXTENSIONS,
		formats: LENIENT_FORMATS,
		errorSchema: 'Error',
		asyncSchema: 'AsyncResponse',
	});
	return spec;
}

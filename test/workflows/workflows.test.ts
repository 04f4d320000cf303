/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling: reads the workflow files beside it */
/**
 * The `*.workflow.json` files beside this one, as n8n's own node tests (NodeTestHarness) run
 * theirs: each is a workflow the editor imports, started from its Manual Trigger against the
 * sandbox; its `pinData` is the expected output of the nodes it names, and is left out of the run.
 * The clock stands at FIXED_NOW, so scene records and timestamps in the files stay valid.
 */
import { readdirSync, readFileSync } from 'fs';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { join } from 'path';

import { Roboflow } from '../../nodes/Roboflow/Roboflow.node';
import { VideoDb } from '../../nodes/VideoDb/VideoDb.node';
import { SANDBOX_KEYS } from '../../sandbox';
import { useSandbox } from '../helpers/sandbox';
import type { WorkflowFile } from '../helpers/workflow';
import { PACKAGE, runWorkflowFile } from '../helpers/workflow';

const FIXED_NOW = Date.parse('2026-11-23T12:00:00.000Z');

interface TestWorkflow extends WorkflowFile {
	name: string;
	pinData: Record<string, INodeExecutionData[]>;
}

const files = readdirSync(__dirname).filter((file) => file.endsWith('.workflow.json')).sort();

// Only Date is faked (before the sandbox seeds its state): timers, sockets and n8n run for real.
beforeAll(() => {
	jest.useFakeTimers({
		now: FIXED_NOW,
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
});
afterAll(() => jest.useRealTimers());

const sandbox = useSandbox();

describe('workflow files', () => {
	it('are there', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	it.each(files)('%s gives the output pinned in it', async (file) => {
		const { pinData, ...workflow } = JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as TestWorkflow;
		expect(Object.keys(pinData).length).toBeGreaterThan(0);
		const result = await runWorkflowFile(workflow, {
			nodeTypes: { [`${PACKAGE}.videoDb`]: new VideoDb(), [`${PACKAGE}.roboflow`]: new Roboflow() },
			credentials: {
				videoDbApi: { apiKey: SANDBOX_KEYS.videodb, baseUrl: sandbox.videodbUrl },
				roboflowApi: { apiKey: SANDBOX_KEYS.roboflow, baseUrl: sandbox.roboflowUrl },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		for (const [node, expected] of Object.entries(pinData)) {
			expect({ node, json: result.json(node) }).toEqual({ node, json: expected.map((item) => item.json as IDataObject) });
		}
	});
});

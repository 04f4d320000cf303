/**
 * The VideoDB router: every operation the editor offers reaches a per-item `execute`, and an operation it does not
 * know (a typo in a saved workflow, or a name Object.prototype has) fails with a node error before any request.
 * The compiler already holds the map to exactly the pairs of node.type.ts; this holds the pairs to the description.
 */
import type { IExecuteFunctions, INode, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { VideoDb } from '../../nodes/VideoDb/VideoDb.node';
import { operations, router } from '../../nodes/VideoDb/router';

const { properties } = new VideoDb().description;

/** Every (resource, operation) pair the editor offers, read from the description. */
function offeredPairs(): Array<[string, string]> {
	const resources = properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[];
	return resources.flatMap(({ value: resource }) => {
		const operation = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
		return ((operation?.options ?? []) as INodePropertyOptions[]).map((o): [string, string] => [String(resource), String(o.value)]);
	});
}

/** Just enough of an execute context for the router to pick (or refuse) an operation. */
function context(resource: string, operation: string): IExecuteFunctions {
	const node = { name: 'VideoDB', type: 'n8n-nodes-videodb-roboflow.videoDb', typeVersion: 1, parameters: {} } as unknown as INode;
	const parameters: Record<string, string> = { resource, operation };
	return { getNode: () => node, getNodeParameter: (name: string) => parameters[name] } as unknown as IExecuteFunctions;
}

test('the router map holds exactly the offered (resource, operation) pairs, each with an execute function', () => {
	const offered = offeredPairs();
	expect(offered).toHaveLength(22);
	const routed = Object.entries(operations).flatMap(([resource, byOperation]) =>
		Object.entries(byOperation as Record<string, { execute: unknown }>).map(([operation, module]) => {
			expect(typeof module.execute).toBe('function');
			return [resource, operation];
		}),
	);
	expect(routed.sort()).toEqual([...offered].sort());
});

test.each([
	['event', 'delete'],
	['stream', 'constructor'],
	['sceneIndex', 'toString'],
	['video', 'create'],
])('an unknown pair (%s, %s) fails with a node error naming it', async (resource, operation) => {
	const run = router.call(context(resource, operation));
	await expect(run).rejects.toBeInstanceOf(NodeOperationError);
	await expect(run).rejects.toThrow(`The operation "${operation}" is not known for "${resource}"`);
});

/**
 * The routers of both nodes: every operation the editor offers reaches an `execute` (per item) or
 * `executeAll`, and an operation a router does not know (a typo in a saved workflow, or a name
 * Object.prototype has) fails with a node error before any request. The compiler already holds each
 * map to exactly the pairs of its node.type.ts; this holds the pairs to the description.
 */
import type { IExecuteFunctions, INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Roboflow } from '../../nodes/Roboflow/Roboflow.node';
import * as roboflow from '../../nodes/Roboflow/router';
import { VideoDb } from '../../nodes/VideoDb/VideoDb.node';
import * as videoDb from '../../nodes/VideoDb/router';

const NODES = [
	{ name: 'VideoDB', properties: new VideoDb().description.properties, ...videoDb, pairs: 22 },
	{ name: 'Roboflow', properties: new Roboflow().description.properties, ...roboflow, pairs: 8 },
];

/** Every (resource, operation) pair the editor offers, read from the description. */
function offeredPairs(properties: INodeProperties[]): Array<[string, string]> {
	const resources = properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[];
	return resources.flatMap(({ value: resource }) => {
		const operation = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
		return ((operation?.options ?? []) as INodePropertyOptions[]).map((o): [string, string] => [String(resource), String(o.value)]);
	});
}

/** Just enough of an execute context for the router to pick (or refuse) an operation. */
function context(resource: string, operation: string): IExecuteFunctions {
	const node = { name: 'Node', type: 'test', typeVersion: 1, parameters: {} } as unknown as INode;
	const parameters: Record<string, string> = { resource, operation };
	return { getNode: () => node, getNodeParameter: (name: string) => parameters[name] } as unknown as IExecuteFunctions;
}

test.each(NODES)('the $name router map holds exactly the offered (resource, operation) pairs, each with a function', ({ properties, operations, pairs }) => {
	const offered = offeredPairs(properties);
	expect(offered).toHaveLength(pairs);
	const routed = Object.entries(operations).flatMap(([resource, byOperation]) =>
		Object.entries(byOperation as Record<string, { execute?: unknown; executeAll?: unknown }>).map(([operation, module]) => {
			expect(typeof (module.execute ?? module.executeAll)).toBe('function');
			return [resource, operation];
		}),
	);
	expect(routed.sort()).toEqual([...offered].sort());
});

test.each([
	['VideoDB', 'event', 'delete'],
	['VideoDB', 'stream', 'constructor'],
	['VideoDB', 'sceneIndex', 'toString'],
	['VideoDB', 'video', 'create'],
	['Roboflow', 'visionEvent', 'constructor'],
	['Roboflow', 'constructor', 'create'],
	['Roboflow', 'image', 'delete'],
])('%s: an unknown pair (%s, %s) fails with a node error naming it', async (name, resource, operation) => {
	const { router } = NODES.find((n) => n.name === name)!;
	const run = router.call(context(resource, operation));
	await expect(run).rejects.toBeInstanceOf(NodeOperationError);
	await expect(run).rejects.toThrow(`The operation "${operation}" is not known for "${resource}"`);
});

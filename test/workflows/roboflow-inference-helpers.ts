/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling: reads the image fixture and serves it over HTTP */
/**
 * Shared set-up of the inference suites: the test image, the Run Workflow / Run Model parameters,
 * and the inference server's request log.
 */
import { readFileSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { join } from 'path';

import type { LoggedRequest, Sandbox } from '../../sandbox';
import { MODELS, SEED, WORKFLOWS } from '../../sandbox';

/** A 640×480 PNG of a dock (a person, a forklift, a pallet), what a camera snapshot node would give. */
export const DOCK_PNG = readFileSync(join(__dirname, '..', 'fixtures', 'dock-640x480.png'));
export const DOCK_BASE64 = DOCK_PNG.toString('base64');
/** An input item for the binary stand-in node (roboflow-helpers `binary: true`). */
export const dockItem = (json: IDataObject = {}): IDataObject => ({ imageBase64: DOCK_BASE64, fileName: 'dock.png', mimeType: 'image/png', ...json });

export { MODELS, SEED, WORKFLOWS };

export function modelParams(modelId: string = MODELS.objectDetection, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'inference', operation: 'runModel', modelId, ...extra };
}

export function workflowParams(workflowId: string = WORKFLOWS.detectAndCount, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'inference', operation: 'runWorkflow', workflowId, ...extra };
}

/** Requests the inference server received, optionally only those to `path` (below `/inference`). */
export function inferenceCalls(sandbox: Pick<Sandbox, 'requests'>, path?: string): LoggedRequest[] {
	return sandbox.requests({ service: 'inference', ...(path ? { path } : {}) });
}

/**
 * A web server with the dock image at every path (a camera's snapshot URL), started for the suite:
 * `url(name)` is an Image URL the inference server can fetch. Not the sandbox: an image URL points
 * anywhere but Roboflow.
 */
export function useImageServer(): { url(name: string): string } {
	let server: Server | undefined;
	let base = '';
	beforeAll(async () => {
		server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(DOCK_PNG));
		await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server?.closeAllConnections();
		await new Promise((resolve) => server?.close(resolve));
	});
	return { url: (name) => `${base}/${name}` };
}

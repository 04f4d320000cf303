/**
 * Roboflow's two contracts, used like VideoDB's spec (Roboflow publishes no spec):
 * - the Roboflow calls as Roboflow's own clients make and read them (test/fixtures/roboflow-contract.yaml,
 *   written by this project from roboflow-python and the inference Vision Events block);
 * - hosted inference as its server code takes and answers it (test/fixtures/roboflow-inference-contract.yaml,
 *   written from roboflow/inference 3bb973b, with file:line sources).
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test tooling outside the published package: locates the fixture
import { join } from 'path';

import type { Contract } from './openapi';
import { buildContract } from './openapi';

const built = new Map<string, Contract>();

/** The validator of a fixture document, built once per test worker. */
function contract(file: string, name: string): Contract {
	let spec = built.get(file);
	if (!spec) {
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test tooling: the fixture sits beside the tests
		spec = buildContract({ name, file: join(__dirname, '..', 'fixtures', file), errorSchema: 'Error' });
		built.set(file, spec);
	}
	return spec;
}

export const roboflowSpec = (): Contract => contract('roboflow-contract.yaml', "the Roboflow clients' contract");

export const inferenceSpec = (): Contract => contract('roboflow-inference-contract.yaml', "the inference server's contract");

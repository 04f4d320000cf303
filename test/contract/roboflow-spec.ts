/**
 * The Roboflow calls as Roboflow's own clients make and read them (test/fixtures/roboflow-contract.yaml,
 * written by this project from roboflow-python and the inference Vision Events block: Roboflow
 * publishes no spec), as the contract of every Roboflow call, used like VideoDB's spec.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test tooling outside the published package: locates the fixture
import { join } from 'path';

import type { Contract } from './openapi';
import { buildContract } from './openapi';

let spec: Contract | undefined;

/** The validator, built once per test worker. */
export function roboflowSpec(): Contract {
	spec ??= buildContract({
		name: "the Roboflow clients' contract",
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test tooling: the fixture sits beside the tests
		file: join(__dirname, '..', 'fixtures', 'roboflow-contract.yaml'),
		errorSchema: 'Error',
	});
	return spec;
}

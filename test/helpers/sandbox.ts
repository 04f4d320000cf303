/**
 * One sandbox per test file: started before the suite, reset before every test, closed after.
 * After every test, each request the test sent and each answer it got is held against the
 * service's contract: VideoDB's own OpenAPI spec, and for Roboflow the contract written from its
 * clients (test/contract/): a call the contract does not know, a field it does not name or a type
 * it does not allow fails the test. `{ requests: false }` checks only the sandbox's answers, for a
 * suite whose requests come from a vendor's own client rather than from this package.
 */
import type { Sandbox, SandboxOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { contractProblems } from '../contract/exchanges';

export function useSandbox(options: SandboxOptions = {}, contract: { requests?: boolean } = {}): Sandbox {
	let current: Sandbox | undefined;
	beforeAll(async () => {
		current = await startSandbox({ port: 0, logAnswers: true, ...options });
	});
	afterAll(async () => await current?.close());
	beforeEach(() => current?.reset());
	afterEach(() => {
		if (current) expect(contractProblems(current, contract)).toEqual([]);
	});
	return new Proxy({} as Sandbox, {
		get(_target, key) {
			if (!current) throw new Error('The sandbox is used before beforeAll started it');
			const value = (current as unknown as Record<string | symbol, unknown>)[key];
			return typeof value === 'function' ? value.bind(current) : value;
		},
	});
}

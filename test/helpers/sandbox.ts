/**
 * One sandbox per test file: started before the suite, reset before every test, closed after.
 * After every test, each VideoDB request the test sent and each answer it got is held against
 * VideoDB's own OpenAPI spec (test/contract/videodbSpec.ts): a call the spec does not know, a
 * field it does not name or a type it does not allow fails the test.
 */
import type { Sandbox, SandboxOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { videoDbSpec } from '../contract/videodbSpec';

export function useSandbox(options: SandboxOptions = {}): Sandbox {
	let current: Sandbox | undefined;
	beforeAll(async () => {
		current = await startSandbox({ port: 0, logAnswers: true, ...options });
	});
	afterAll(async () => await current?.close());
	beforeEach(() => current?.reset());
	afterEach(() => {
		if (!current) return;
		const spec = videoDbSpec();
		const problems = current.requests({ service: 'videodb' }).flatMap((exchange) => spec.check(exchange));
		expect(problems).toEqual([]);
	});
	return new Proxy({} as Sandbox, {
		get(_target, key) {
			if (!current) throw new Error('The sandbox is used before beforeAll started it');
			const value = (current as unknown as Record<string | symbol, unknown>)[key];
			return typeof value === 'function' ? value.bind(current) : value;
		},
	});
}

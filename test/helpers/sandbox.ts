/** One sandbox per test file: started before the suite, reset before every test, closed after. */
import type { Sandbox, SandboxOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';

/**
 * Registers the suite hooks and returns the sandbox. The returned object forwards to the
 * instance started in `beforeAll`, so test code can hold it at module level.
 */
export function useSandbox(options: SandboxOptions = {}): Sandbox {
	let current: Sandbox | undefined;
	beforeAll(async () => {
		current = await startSandbox({ port: 0, ...options });
	});
	afterAll(async () => await current?.close());
	beforeEach(() => current?.reset());
	return new Proxy({} as Sandbox, {
		get(_target, key) {
			if (!current) throw new Error('The sandbox is used before beforeAll started it');
			const value = (current as unknown as Record<string | symbol, unknown>)[key];
			return typeof value === 'function' ? value.bind(current) : value;
		},
	});
}

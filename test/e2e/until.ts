/** Bounded polling for the e2e suites: wait on an observable condition, never a fixed sleep before "nothing happened". */

// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test tooling, not node code: a real wait between polls
export const sleep = async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `intervalMs` until it returns a value (not undefined); throws when the time is up. */
export async function until<T>(
	what: string,
	check: () => T | undefined | Promise<T | undefined>,
	timeoutMs = 15000,
	intervalMs = 100,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = await check();
		if (value !== undefined) return value;
		await sleep(intervalMs);
	}
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs `task(0..count-1)` with at most `limit` in flight and returns the outcomes in index order.
 * With `stopOnError`, no new task starts after the first failure (those left out are absent
 * from the result), so a failing run does not keep sending requests.
 */
export async function mapLimit<R>(
	count: number,
	limit: number,
	task: (index: number) => Promise<R>,
	stopOnError = false,
): Promise<Array<Settled<R> | undefined>> {
	const results: Array<Settled<R> | undefined> = new Array(count);
	let next = 0;
	let failed = false;
	async function worker(): Promise<void> {
		while (next < count && !(stopOnError && failed)) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await task(index) };
			} catch (error) {
				failed = true;
				results[index] = { ok: false, error };
			}
		}
	}
	const workers = Math.max(1, Math.min(limit, count));
	await Promise.all(Array.from({ length: workers }, async () => await worker()));
	return results;
}

const chains = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after every earlier `serialized` call with the same key has settled (whatever its
 * outcome), so calls with one key never overlap within this process. Keys are dropped once idle.
 */
export async function serialized<R>(key: string, work: () => Promise<R>): Promise<R> {
	const previous = chains.get(key) ?? Promise.resolve();
	const run = previous.then(work, work);
	const tail = run.then(
		() => undefined,
		() => undefined,
	);
	chains.set(key, tail);
	try {
		return await run;
	} finally {
		if (chains.get(key) === tail) chains.delete(key);
	}
}

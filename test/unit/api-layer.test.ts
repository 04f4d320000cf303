/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling: reads the package's sources */
/**
 * Every HTTP call of a service goes out from its API modules (`nodes/<Service>/*Api.ts`), where the
 * contract tests hold it against the vendor's truth (docs/CONFORMANCE.md): no operation, picker or
 * trigger sends a request of its own.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const NODES = join(__dirname, '..', '..', 'nodes');
const SENDS = /\b(videoDbRequest|roboflowRequest|roboflowInferenceRequest|sendServiceRequest)\s*(<[^()]*>)?\s*\(/;
// The API modules, the transports that define the calls, and the long-job poll of VideoDB's transport.
const ALLOWED = /(Api\.ts|\/transport\.ts|\/VideoDb\/longJob\.ts|\/common\/http\.ts)$/;

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
	});
}

test('requests are sent only from the API modules (*Api.ts) and the transports', () => {
	const senders = sources(NODES).filter((file) => SENDS.test(readFileSync(file, 'utf8')));
	expect(senders.filter((file) => !ALLOWED.test(file)).map((file) => relative(NODES, file))).toEqual([]);
	// The rule has something to hold: every API module sends.
	expect(senders.filter((file) => file.endsWith('Api.ts')).length).toBeGreaterThanOrEqual(7);
});

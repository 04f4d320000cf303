/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a test of the package itself: it runs npm */
/**
 * What n8n's Community Nodes installer and verification read from the package: no runtime
 * dependencies, the n8n section pointing at the built nodes and credentials, and a tarball that
 * holds only the build, the manifest, the README and the licence.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loads package.json as JSON, the way npm reads it
const manifest = require(join(root, 'package.json'));

describe('package.json', () => {
	it('has no runtime dependencies and n8n-workflow as its only peer', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.license).toBe('MIT');
	});

	it('declares every node and credential, each with a source file', () => {
		expect(manifest.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		const built: string[] = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
		expect(built).toHaveLength(6);
		for (const path of built) {
			expect(path).toMatch(/^dist\/.+\.js$/);
			expect(existsSync(join(root, path.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
		}
	});

	// scripts/n8n-lines.sh lists the n8n lines the e2e suites run on, each with its Node.
	// Not "AI": n8n's node creator shows a node filed under AI only in its AI panel, by AI subcategory
	// (root node, tool, …), so a plain app node there drops out of the search (editor.e2e.test.ts).
	it('gives every node the same codex category, Analytics', () => {
		for (const path of manifest.n8n.nodes as string[]) {
			const codex = JSON.parse(readFileSync(join(root, path.replace(/^dist\//, '').replace(/\.js$/, '.json')), 'utf8'));
			expect(codex.categories).toEqual(['Analytics']);
		}
	});

	it('states the oldest n8n and Node that CI tests it on (engines), from the tested n8n lines', () => {
		const lines = readFileSync(join(root, 'scripts', 'n8n-lines.sh'), 'utf8');
		const tested = [...lines.matchAll(/N8N_LINE_VERSION=(\S+) N8N_LINE_NODE=(\d+)/g)].map((m) => ({ n8n: m[1], node: Number(m[2]) }));
		expect(tested.length).toBeGreaterThanOrEqual(2);
		const older = (a: string, b: string) => a.split('.').map(Number).reduce((r, x, i) => r || x - Number(b.split('.')[i]), 0);
		const oldest = tested.sort((a, b) => older(a.n8n, b.n8n))[0];
		expect(manifest.engines).toEqual({ node: `>=${Math.min(...tested.map((t) => t.node))}`, n8n: `>=${oldest.n8n}` });
	});

	it('packs only dist/, package.json, README.md and LICENSE', () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		const files: string[] = JSON.parse(output)[0].files.map((file: { path: string }) => file.path);
		const outside = files.filter((path) => !path.startsWith('dist/'));
		expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(files).not.toContain('dist/tsconfig.tsbuildinfo');
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling, not node code: packs and unpacks the package with npm/tar into an n8n user folder */
/** Installs the package under test into an n8n user folder the way the Community Nodes installer does. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { processAlive, tempDirs } from './processes';
import { REPO_ROOT } from './runtime';

const packCache = new Map<string, string>();

/** `npm pack` of packageDir (once per process and dir); returns the .tgz path. */
function packPackage(packageDir: string): string {
	const cached = packCache.get(packageDir);
	if (cached && existsSync(cached)) return cached;
	// .cache/e2e-pack/<pid>: per test process; folders of processes that are gone are removed here.
	const packRoot = join(REPO_ROOT, '.cache', 'e2e-pack');
	mkdirSync(packRoot, { recursive: true });
	for (const entry of readdirSync(packRoot)) {
		const pid = Number(entry);
		if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid)) {
			rmSync(join(packRoot, entry), { recursive: true, force: true });
		}
	}
	const dest = join(packRoot, String(process.pid));
	mkdirSync(dest, { recursive: true });
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], {
		cwd: packageDir,
		env: { ...process.env, npm_config_loglevel: 'error' },
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
	}).toString('utf8');
	const info = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
	const tgz = join(dest, info[0].filename.replace(/^@/, '').replace(/\//, '-'));
	if (!existsSync(tgz)) throw new Error(`npm pack did not produce ${tgz}: ${out}`);
	packCache.set(packageDir, tgz);
	tempDirs.add(dest);
	return tgz;
}

/**
 * Places the package in `<userFolder>/.n8n/nodes/node_modules/<name>` as n8n's Community Nodes installer
 * would: the packed files, a package.json without devDependencies/peerDependencies/optionalDependencies,
 * and its runtime dependencies (if any) installed next to it. Returns the package name.
 */
export function installPackage(userFolder: string, packageDir: string, mode: 'pack' | 'copy'): string {
	const pkgJsonPath = join(packageDir, 'package.json');
	const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8')) as {
		name: string;
		dependencies?: Record<string, string>;
	};
	if (!existsSync(join(packageDir, 'dist'))) {
		throw new Error(`${packageDir}/dist does not exist: build the package first (npm run build)`);
	}
	const modulesDir = join(userFolder, '.n8n', 'nodes', 'node_modules');
	const target = join(modulesDir, pkg.name);
	mkdirSync(join(target, '..'), { recursive: true });
	if (mode === 'pack') {
		const tgz = packPackage(packageDir);
		const unpack = mkdtempSync(join(userFolder, 'unpack-'));
		execFileSync('tar', ['-xzf', tgz, '-C', unpack]);
		renameSync(join(unpack, 'package'), target);
		rmSync(unpack, { recursive: true, force: true });
	} else {
		mkdirSync(target, { recursive: true });
		execFileSync('cp', ['-R', join(packageDir, 'dist'), pkgJsonPath, target]);
	}
	const installed = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as Record<string, unknown>;
	delete installed.devDependencies;
	delete installed.peerDependencies;
	delete installed.optionalDependencies;
	writeFileSync(join(target, 'package.json'), JSON.stringify(installed, null, 2));
	if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) {
		execFileSync(
			'npm',
			['install', '--ignore-scripts', '--install-strategy=shallow', '--package-lock=false', '--omit=dev', '--no-audit', '--no-fund'],
			{ cwd: target, env: { ...process.env, npm_config_loglevel: 'error' }, stdio: 'pipe' },
		);
	}
	return pkg.name;
}

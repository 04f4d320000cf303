/**
 * End-to-end suite: a real n8n 2.41.1 (Node 24, from scripts/install-n8n.sh) with this package installed
 * the way Community Nodes installs it. Run with `bash scripts/e2e.sh` (installs the runtime, builds, then
 * runs this config). Every suite starts its own n8n on free ports, so suites run one at a time.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		// test/e2e/tsconfig.json = test/tsconfig.json + isolatedModules (transpile only: others' type errors
		// elsewhere in the repo must not block the e2e run; `tsc`/lint check types).
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/e2e/tsconfig.json' }],
	},
	// n8n needs 7-15 s to become ready on two cores; a suite may start it more than once.
	testTimeout: 180000,
	maxWorkers: 1,
	// A hung n8n must not keep jest alive: the harness kills its children, this is the backstop.
	forceExit: true,
	verbose: true,
};

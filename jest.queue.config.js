/**
 * Queue-mode suite: n8n main + workers + webhook processors on Postgres 17 and Redis behind nginx,
 * with the package installed in every process (test/queue). Run with `npm run test:queue`
 * (scripts/test-queue.sh installs what it needs, builds, then runs this config).
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/e2e/tsconfig.json' }],
	},
	// Five n8n processes on two cores: starting the cluster alone takes 30-60 s.
	testTimeout: 600000,
	maxWorkers: 1,
	forceExit: true,
	verbose: true,
};

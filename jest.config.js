/** Unit, sandbox-contract and workflow tests. The real-n8n suites run with `npm run test:e2e` (test/e2e) and `npm run test:queue` (test/queue). */

// n8n-core reports every failed node through its ErrorReporter, which logs it (with the stack for
// errors); failure paths are what many tests exercise, and they assert on the run data instead.
// n8n's own log level setting quiets that; TEST_VERBOSE=1 (or an N8N_LOG_LEVEL of your own) keeps it.
if (!process.env.TEST_VERBOSE) process.env.N8N_LOG_LEVEL ??= 'silent';

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/queue/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	testTimeout: 30000,
	// Two cores: more workers only add contention; each suite starts its own sandbox on port 0.
	maxWorkers: 2,
};

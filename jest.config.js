/** Unit, sandbox-contract and workflow tests. The real-n8n suites run with `npm run test:e2e` (test/e2e) and `npm run test:queue` (test/queue). */
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

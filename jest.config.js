/** Unit, sandbox-contract and workflow tests. The real-n8n suite (test/e2e) runs with `npm run test:e2e`. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	testTimeout: 30000,
	// Two cores: more workers only add contention; each suite starts its own sandbox on port 0.
	maxWorkers: 2,
};

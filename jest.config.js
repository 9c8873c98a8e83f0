/** Engine and unit tests: real n8n-core execution, real HTTP on 127.0.0.1 against the sandbox. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/setup/env.ts'],
	testTimeout: 30000,
	// n8n-core's HTTP agents keep idle sockets open after the servers under test have closed.
	forceExit: true,
};

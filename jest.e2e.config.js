/**
 * End-to-end tests: a real n8n (both supported lines) with this package installed from its npm
 * tarball. Slow (n8n installs once into .cache/, every CLI call boots n8n), so kept apart from
 * the unit tests: `npx jest -c jest.e2e.config.js` after `npm run build`.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }] },
	// A cold install of both n8n lines takes ~10 minutes; each test boots n8n several times.
	testTimeout: 15 * 60 * 1000,
	// One n8n at a time: 2 shared cores, and parallel installs would fight over the cache.
	maxWorkers: 1,
};

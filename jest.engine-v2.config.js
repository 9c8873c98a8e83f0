/**
 * The engine tests of jest.config.js, run against the n8n 2.x engine (n8n-core 2.41.1 +
 * n8n-workflow 2.41.0, what n8n 2.41.1 ships) instead of the 1.x devDependencies.
 *
 *   node tools/engine-v2/run.js        installs the engine + Node 24 when missing, then runs this
 *
 * `moduleNameMapper` applies to every module jest loads — the package's nodes, the test helpers and
 * n8n-core's own requires — so there is exactly one n8n-workflow instance (from .cache/engine-v2)
 * and `instanceof NodeApiError` holds between node code and the engine.
 * test/tools (the sandbox) exercises no n8n code, not n8n, so it is not repeated here.
 */
const path = require('node:path');
const base = require('./jest.config.js');

const V2 = path.join(__dirname, '.cache', 'engine-v2', 'node_modules');

module.exports = {
	...base,
	displayName: 'engine-v2',
	testPathIgnorePatterns: [...base.testPathIgnorePatterns, '/test/tools/'],
	moduleNameMapper: {
		...(base.moduleNameMapper ?? {}),
		'^n8n-workflow$': path.join(V2, 'n8n-workflow', 'dist', 'cjs', 'index.js'),
		'^n8n-workflow/(.*)$': path.join(V2, 'n8n-workflow', '$1'),
		'^n8n-core$': path.join(V2, 'n8n-core', 'dist', 'index.js'),
		'^n8n-core/(.*)$': path.join(V2, 'n8n-core', '$1'),
	},
	// ts-jest's cache key does not include the mapper targets; keep 2.x runs apart from 1.x ones.
	cacheDirectory: path.join(__dirname, '.cache', 'jest-engine-v2'),
};

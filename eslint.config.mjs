import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import requireCycle from './tools/lint/requireCycle.mjs';

// n8n's own community-node rule sets. The package is not aimed at n8n Cloud (it needs one runtime
// dependency), so the Cloud-only import/global restrictions of `recommended` are not selected.
const community = communityNodes.configs.recommendedWithoutN8nCloudSupport;
const base = (set) => n8nNodesBase.configs[set].rules;

// No import cycles anywhere: the package, the tooling and the tests. import-x's no-cycle follows
// runtime imports (`import type` is erased by tsc and does not count); it cannot follow require()
// through CommonJS files, so the CommonJS tooling has a small rule of its own (tools/lint/).
const importCycles = {
	plugins: { 'import-x': importX },
	settings: {
		'import-x/extensions': ['.ts', '.js'],
		'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
		'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
	},
	rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
};

export default [
	{ ignores: ['dist/**', '.build/**', 'node_modules/**', '.cache/**', 'eslint.config.mjs'] },
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...community.plugins },
		rules: {
			...base('community'),
			...community.rules,
			// fast-xml-parser is the one runtime dependency: the callback XML needs a real parser with
			// entity expansion off, and n8n ships none to community nodes.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...community.plugins },
		// The n8n-nodes-base credentials set targets n8n's own repository (camel-cased doc slugs);
		// community credentials follow @n8n/community-nodes, which wants a real documentation URL.
		rules: { ...community.rules },
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		// n8n-nodes-base's older `nodes` set contradicts @n8n/community-nodes (it wants `['main']`
		// where the newer rules want NodeConnectionTypes.Main); the newer, community-specific set wins.
		plugins: { ...community.plugins },
		rules: { ...community.rules },
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'tools/**/*.ts', 'test/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		...importCycles,
	},
	{
		files: ['tools/**/*.js'],
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022 },
		plugins: { local: { rules: { 'no-require-cycle': requireCycle } } },
		rules: { 'local/no-require-cycle': 'error' },
	},
];

import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

// n8n's own community-node rule sets. The package is not aimed at n8n Cloud (it needs one runtime
// dependency), so the Cloud-only import/global restrictions of `recommended` are not selected.
const community = communityNodes.configs.recommendedWithoutN8nCloudSupport;
const base = (set) => n8nNodesBase.configs[set].rules;

export default [
	{ ignores: ['dist/**', '.build/**', 'node_modules/**', '.cache/**', 'eslint.config.mjs'] },
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...community.plugins },
		rules: {
			...base('community'),
			...Object.fromEntries(
				Object.entries(community.rules).filter(([rule]) =>
					/package-json|package-name|require-files|require-homepage|valid-author|valid-peer|no-overrides|no-forbidden-lifecycle|no-runtime-dependencies/.test(rule),
				),
			),
			// fast-xml-parser is the one runtime dependency: the callback XML needs a real parser with
			// entity expansion off, and n8n ships none to community nodes.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...community.plugins },
		rules: { ...base('credentials'), ...community.rules },
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...community.plugins },
		rules: { ...base('nodes'), ...community.rules },
	},
];

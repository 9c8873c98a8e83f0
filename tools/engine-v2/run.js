'use strict';
/**
 * Run the engine test suite against the n8n 2.x engine under Node 24:
 *
 *   node tools/engine-v2/run.js [extra jest args...]
 *
 * = `<node24> node_modules/.bin/jest -c jest.engine-v2.config.js --json
 *      --outputFile=artifacts/jest-engine-v2.json [extra jest args...]`
 * after installing Node 24 and n8n-core 2.x / n8n-workflow 2.x into .cache/ when missing.
 * Exits with jest's exit code.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ensureEngineV2 } = require('./install.js');

const ROOT = path.resolve(__dirname, '..', '..');
const OUTPUT = path.join('artifacts', 'jest-engine-v2.json');

async function main() {
	const { nodeBin } = await ensureEngineV2();
	fs.mkdirSync(path.join(ROOT, 'artifacts'), { recursive: true });
	const args = [
		path.join('node_modules', '.bin', 'jest'),
		'-c',
		'jest.engine-v2.config.js',
		'--json',
		`--outputFile=${OUTPUT}`,
		...process.argv.slice(2),
	];
	process.stderr.write(`[engine-v2] ${path.relative(ROOT, nodeBin)} ${args.join(' ')}\n`);
	const child = spawn(nodeBin, args, {
		cwd: ROOT,
		stdio: 'inherit',
		// Node 24 first on PATH for anything jest spawns (workers use process.execPath anyway).
		env: { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}` },
	});
	for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
	child.on('exit', (code, signal) => {
		if (signal) process.stderr.write(`[engine-v2] jest ended by ${signal}\n`);
		process.exit(code ?? 1);
	});
}

main().catch((err) => {
	process.stderr.write(`${err.stack || err}\n`);
	process.exit(1);
});

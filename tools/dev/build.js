'use strict';
/**
 * The "install what is missing, build what is stale" half of `npm run dev`:
 *  - `npm ci` when node_modules is absent (the repo's .npmrc sets ignore-scripts);
 *  - `npm run build` (tsc + icons into dist/) when a source file changed since the last build;
 *  - `npx tsc -p tsconfig.tools.json` (the sandbox CLI into .build/tools/) likewise.
 * Staleness is checked like make: a build is redone when any input file is newer than the oldest
 * output (tsc rewrites every output file on each run), so a warm start skips ~15 s of compiling,
 * an edited file is never missed, and a build someone else ran (`npm test`) counts too.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const SANDBOX_CLI = path.join(ROOT, '.build', 'tools', 'sandbox', 'cli.js');

const PACKAGE_INPUTS = [
	'nodes',
	'credentials',
	'package.json',
	'tsconfig.json',
	'tsconfig.build.json',
	'gulpfile.js',
];
const TOOLS_INPUTS = ['tools/sandbox', 'tsconfig.json', 'tsconfig.tools.json'];

/** Every file under `entries` (relative to the repo), sorted, skipping dot folders. */
function listFiles(entries) {
	const out = [];
	const walk = (rel) => {
		const abs = path.join(ROOT, rel);
		let st;
		try {
			st = fs.statSync(abs);
		} catch {
			return;
		}
		if (st.isDirectory()) {
			for (const name of fs.readdirSync(abs).sort())
				if (!name.startsWith('.')) walk(path.join(rel, name));
		} else {
			out.push({ rel, size: st.size, mtimeMs: st.mtimeMs });
		}
	};
	for (const e of entries) walk(e);
	return out;
}

/** Hash of (path, size, mtime) of the files: changes when any input is touched. */
function fingerprint(entries) {
	const h = crypto.createHash('sha256');
	for (const f of listFiles(entries)) h.update(`${f.rel}\0${f.size}\0${Math.round(f.mtimeMs)}\n`);
	return h.digest('hex').slice(0, 16);
}

/** Newest mtime of the inputs (0 when none). */
function newestInput(entries) {
	return listFiles(entries).reduce((m, f) => Math.max(m, f.mtimeMs), 0);
}

/** Oldest mtime of the outputs, 0 when any is missing (= must build). */
function oldestOutput(files) {
	let oldest = Infinity;
	for (const f of files) {
		try {
			oldest = Math.min(oldest, fs.statSync(f).mtimeMs);
		} catch {
			return 0;
		}
	}
	return files.length ? oldest : 0;
}

/**
 * Run a command in the repo, output collected; throw with its tail on failure. Not detached, so a
 * Ctrl-C in the terminal reaches it together with us.
 */
function sh(cmd, args, { echo = false, env } = {}) {
	const t0 = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: ROOT,
			env: env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		const onData = (d) => {
			out += d;
			if (echo) process.stderr.write(d);
		};
		child.stdout.setEncoding('utf8').on('data', onData);
		child.stderr.setEncoding('utf8').on('data', onData);
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, out, ms: Date.now() - t0 }));
	}).then((res) => {
		res.fail = () => {
			const tail = res.out.split('\n').slice(-40).join('\n');
			return new Error(
				`${cmd} ${args.join(' ')} failed (exit ${res.code}${res.signal ? ', ' + res.signal : ''}):\n${tail}`,
			);
		};
		return res;
	});
}

/** The files package.json's `n8n` section lists, that the build must produce. */
function manifestOutputs() {
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
}

/**
 * Make sure dependencies are installed and both builds are current.
 * @param {{ log: (msg: string) => void, force?: boolean }} o
 * @returns {Promise<{ installed: boolean, built: boolean, toolsBuilt: boolean, packageFingerprint: string }>}
 */
async function ensureBuilt({ log, force = false }) {
	const result = { installed: false, built: false, toolsBuilt: false, packageFingerprint: '' };

	if (!fs.existsSync(path.join(ROOT, 'node_modules', '.package-lock.json'))) {
		log('node_modules is missing: npm ci (first run only, about a minute)');
		const res = await sh('npm', ['ci', '--no-audit', '--no-fund']);
		if (res.code !== 0) throw res.fail();
		log(`npm ci done in ${(res.ms / 1000).toFixed(1)} s`);
		result.installed = true;
	}

	const pkgOutputs = manifestOutputs().map((f) => path.join(ROOT, f));
	if (force || newestInput(PACKAGE_INPUTS) > oldestOutput(pkgOutputs)) {
		log('building the package: npm run build');
		const res = await sh('npm', ['run', 'build']);
		if (res.code !== 0) throw res.fail();
		log(`build done in ${(res.ms / 1000).toFixed(1)} s`);
		result.built = true;
	} else {
		log('package build is up to date (dist/)');
	}

	// cli.js stands for the whole emit (tsc rewrites every file); stale leftovers of deleted
	// sources must not force a rebuild on every start.
	if (force || newestInput(TOOLS_INPUTS) > oldestOutput([SANDBOX_CLI])) {
		log('compiling the sandbox: npx tsc -p tsconfig.tools.json');
		const before = fs.existsSync(SANDBOX_CLI) ? fs.statSync(SANDBOX_CLI).mtimeMs : 0;
		const res = await sh(process.execPath, [
			path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
			'-p',
			'tsconfig.tools.json',
		]);
		if (res.code !== 0) {
			// tsconfig.tools.json covers all of tools/ (bench too); tsc still emits on type errors, so
			// errors elsewhere must not stop the sandbox. Errors in tools/sandbox/ itself do.
			const errors = res.out.split('\n').filter((l) => /error TS\d+/.test(l));
			const inSandbox = errors.filter((l) => l.startsWith('tools/sandbox/'));
			const emitted = fs.existsSync(SANDBOX_CLI) && fs.statSync(SANDBOX_CLI).mtimeMs > before;
			if (inSandbox.length || !emitted) throw res.fail();
			log(
				`warning: tsc reported ${errors.length} type error(s) outside tools/sandbox/ (ignored here):\n  ${errors.slice(0, 5).join('\n  ')}`,
			);
		}
		log(`sandbox compiled in ${(res.ms / 1000).toFixed(1)} s`);
		result.toolsBuilt = true;
	} else {
		log('sandbox build is up to date (.build/tools/)');
	}

	// What gets packed: dist/ plus the manifest. Unchanged means the installed copy is current.
	result.packageFingerprint = fingerprint(['dist', 'package.json', 'README.md', 'LICENSE']);
	return result;
}

module.exports = { ensureBuilt, fingerprint, sh, ROOT, SANDBOX_CLI };

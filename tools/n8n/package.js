'use strict';
/**
 * Install this repository's package into an n8n user folder exactly the way users get it:
 * from the `npm pack` tarball (so `files`, `main` and the `n8n` manifest section are what ships),
 * into `<userFolder>/.n8n/nodes/node_modules/<name>` with only its runtime dependencies.
 *
 * Not used: N8N_CUSTOM_EXTENSIONS / ~/.n8n/custom, which load nodes as `CUSTOM.<node>` instead of
 * `<package>.<node>`, so workflows written for users would not match.
 *
 * The caller must have run `npm run build` first: packing uses --ignore-scripts so the `prepack`
 * build does not run again for every user folder.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runOrThrow, fmtMs, log } = require('./exec');

const ROOT = path.resolve(__dirname, '..', '..');

/** Throw a clear error when the package was not built (the tarball would contain no code). */
function assertBuilt() {
	const dist = path.join(ROOT, 'dist');
	if (!fs.existsSync(dist)) {
		throw new Error(
			`${dist} is missing: run \`npm run build\` before installing the package into n8n`,
		);
	}
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const listed = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	return { manifest, missing: listed.filter((f) => !fs.existsSync(path.join(ROOT, f))) };
}

/**
 * `npm pack` the repository into `destDir`.
 * @returns {Promise<{ tarball: string, ms: number }>}
 */
async function pack(destDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wecom-pack-'))) {
	fs.mkdirSync(destDir, { recursive: true });
	const res = await runOrThrow(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', destDir],
		{ cwd: ROOT },
	);
	// npm prints lifecycle noise before the JSON on some versions; the JSON array is what we want.
	const info = JSON.parse(res.stdout.slice(res.stdout.indexOf('[')));
	return { tarball: path.join(destDir, info[0].filename), ms: res.ms };
}

/**
 * Pack (or reuse `opts.tarball`) and install the package into `<userFolder>/.n8n/nodes`.
 * @param {string} userFolder the N8N_USER_FOLDER of the instance
 * @param {{ tarball?: string }} [opts]
 * @returns {Promise<{ name: string, version: string, packageDir: string, tarball: string, missing: string[], ms: number }>}
 *   `missing`: files the `n8n` section of package.json lists that the build did not produce.
 */
async function packAndInstall(userFolder, opts = {}) {
	const t0 = Date.now();
	const { manifest, missing } = assertBuilt();
	if (missing.length)
		log(`warning: package.json lists files the build did not produce: ${missing.join(', ')}`);
	const tarball = opts.tarball ?? (await pack(path.join(userFolder, '.pack'))).tarball;

	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	// npm tarballs hold everything under `package/`.
	await runOrThrow('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

	// Peer deps would make npm install n8n-workflow next to the package (n8n provides its own);
	// dev/optional deps are not what a user's n8n installs either.
	const pkgJsonPath = path.join(packageDir, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
	for (const key of [
		'peerDependencies',
		'peerDependenciesMeta',
		'devDependencies',
		'optionalDependencies',
	])
		delete pkg[key];
	fs.writeFileSync(pkgJsonPath, JSON.stringify(pkg, null, 2));

	if (Object.keys(pkg.dependencies ?? {}).length) {
		await runOrThrow(
			'npm',
			[
				'install',
				'--omit=dev',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--no-package-lock',
				'--prefer-offline',
				'--loglevel=error',
			],
			{ cwd: packageDir, env: { ...process.env, npm_config_update_notifier: 'false' } },
		);
	}

	// n8n's community-package loader reads this list of what is installed in the nodes folder.
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } },
			null,
			2,
		),
	);
	const ms = Date.now() - t0;
	log(
		`installed ${pkg.name}@${pkg.version} into ${path.relative(ROOT, packageDir)} in ${fmtMs(ms)}`,
	);
	return { name: pkg.name, version: pkg.version, packageDir, tarball, missing, ms };
}

module.exports = { packAndInstall, pack, assertBuilt };

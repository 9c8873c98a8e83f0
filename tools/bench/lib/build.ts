/** Makes sure dist/ holds a build at least as new as the sources the benchmarks install or load. */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root, from .build/tools/bench/lib where this runs compiled. */
export const ROOT = join(__dirname, '..', '..', '..', '..');

function newest(dir: string, test: (file: string) => boolean): number {
	let latest = 0;
	if (!existsSync(dir)) return latest;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) latest = Math.max(latest, newest(path, test));
		else if (test(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
	}
	return latest;
}

/** Runs `npm run build` when dist/ is missing or older than nodes/ or credentials/. */
export function ensureBuilt(): string {
	const isSource = (file: string) => /\.(ts|json|svg)$/.test(file);
	const sources = Math.max(
		newest(join(ROOT, 'nodes'), isSource),
		newest(join(ROOT, 'credentials'), isSource),
	);
	const built = newest(join(ROOT, 'dist'), (file) => file.endsWith('.js'));
	const missing = !existsSync(join(ROOT, 'dist', 'nodes', 'WeComTrigger', 'WeComTrigger.node.js'));
	if (!missing && built >= sources) return 'dist/ is up to date';
	const started = Date.now();
	execSync('npm run build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	return `dist/ was ${missing ? 'missing' : 'older than the sources'}: ran npm run build (${((Date.now() - started) / 1000).toFixed(1)} s)`;
}

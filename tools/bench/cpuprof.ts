/**
 * Reads the V8 CPU profiles `npm run bench:latency -- --cpu-prof` has n8n's processes write, and
 * prints where their CPU went: per source (n8n's packages, this package, the minimal trigger) and
 * the heaviest functions, in ms per callback when told how many callbacks the run made.
 *
 *   node .build/tools/bench/cpuprof.js <dir> [<dir> …] [--callbacks 300] [--top 25]
 *
 * Two directories (one chain each, the same callbacks) side by side show what one chain costs
 * more than the other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { argValue } from './lib/machine';
import { summarizeProfile, type Profile } from './lib/profile';

const CALLBACKS = Number(argValue('callbacks', '1'));
const TOP = Number(argValue('top', '25'));
const dirs = process.argv
	.slice(2)
	.filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'));

for (const dir of dirs) {
	const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
	console.log(`\n${dir}: ${files.length} profile(s)`);
	for (const file of files) {
		const result = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
		const summary = summarizeProfile(result, TOP);
		const per = (pct: number) => ((summary.totalMs * pct) / 100 / CALLBACKS).toFixed(2);
		console.log(
			`\n  ${file}: ${summary.totalMs.toFixed(0)} ms CPU, ${(summary.totalMs / CALLBACKS).toFixed(2)} ms per callback`,
		);
		for (const { source, selfPct } of summary.sources)
			console.log(
				`    ${per(selfPct).padStart(8)} ms  ${selfPct.toFixed(1).padStart(5)} %  ${source}`,
			);
		console.log('    heaviest functions (self):');
		for (const { fn, where, selfPct } of summary.functions)
			console.log(
				`    ${per(selfPct).padStart(8)} ms  ${selfPct.toFixed(1).padStart(5)} %  ${fn}  ${where}`,
			);
	}
}

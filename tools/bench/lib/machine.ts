/** One line describing where and when a benchmark ran, printed above its tables. */
import { cpus, loadavg, totalmem } from 'node:os';
import { availableParallelism } from 'node:os';

export function machineLine(): string {
	const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
	const load = loadavg()
		.map((l) => l.toFixed(2))
		.join(' ');
	return (
		`${new Date().toISOString()} · nproc ${availableParallelism()} (${cpu}) · ` +
		`${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version} · load ${load}`
	);
}

/** `--name value` or `--name=value` from argv. */
export function argValue(name: string, fallback: string): string {
	const argv = process.argv.slice(2);
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === `--${name}`) return argv[i + 1] ?? fallback;
		if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
	}
	return fallback;
}

export function hasFlag(name: string): boolean {
	return process.argv.slice(2).includes(`--${name}`);
}

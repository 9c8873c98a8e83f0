/**
 * CPU time of a process group (n8n started detached, so its task broker/runner children share the
 * group), read from /proc. CPU per callback does not depend on how busy the shared machine is the
 * way latency does, so chains can be compared even when other work steals the cores.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux x86-64

/** user + system ms of every live process for which `counts(pid, fields)` holds. */
function cpuMsWhere(counts: (pid: number, fields: string[]) => boolean): number {
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // exited meanwhile
		}
		// Fields after the command name, which may itself hold spaces and parentheses.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (counts(Number(entry), fields)) ticks += Number(fields[11]) + Number(fields[12]);
	}
	return ticks * TICK_MS;
}

/** user + system ms of every live process whose process group is `pgid`. */
export function groupCpuMs(pgid: number): number {
	return cpuMsWhere((_pid, fields) => Number(fields[2]) === pgid);
}

/** ms of CPU of the postmaster `pid` and its children (each Postgres backend is its own session). */
export function postgresCpuMs(pid: number): number {
	return cpuMsWhere((entry, fields) => entry === pid || Number(fields[1]) === pid);
}

/** The process group of `pid`, or -1 when it has exited. */
export function pgidOf(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
	} catch {
		return -1;
	}
}

/** Resolves once the group used at most `idleMs` of CPU in each of two `windowMs` windows in a row. */
export async function waitCpuIdle(
	pgid: number,
	{ windowMs = 250, idleMs = 10, timeoutMs = 60_000 } = {},
): Promise<void> {
	const started = Date.now();
	let quiet = 0;
	let last = groupCpuMs(pgid);
	while (quiet < 2 && Date.now() - started < timeoutMs) {
		await new Promise((resolve) => setTimeout(resolve, windowMs));
		const now = groupCpuMs(pgid);
		quiet = now - last <= idleMs ? quiet + 1 : 0;
		last = now;
	}
}

/**
 * Peak memory of a process, from Linux's /proc/<pid>/status: VmHWM is the kernel's own resident
 * high-water mark, so a short spike between two samples is not missed. Sampling goes on while the
 * child runs; the child also reports its own VmHWM just before exiting (see `ownPeakRssKb`).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcMemory {
	rssKb: number;
	hwmKb: number;
}

export function readProcMemory(pid: number | 'self'): ProcMemory | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const field = (name: string) =>
			Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
		return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
	} catch {
		return undefined;
	}
}

/** The calling process's peak RSS in kB (VmHWM; falls back to getrusage's maxRSS). */
export function ownPeakRssKb(): number {
	const proc = readProcMemory('self');
	return proc && Number.isFinite(proc.hwmKb) ? proc.hwmKb : process.resourceUsage().maxRSS;
}

export interface MemorySampler {
	/** Highest VmHWM seen so far, kB. */
	peakKb(): number;
	stop(): number;
}

export function sampleMemory(pid: number, intervalMs = 50): MemorySampler {
	let peak = 0;
	const read = () => {
		const memory = readProcMemory(pid);
		if (memory && Number.isFinite(memory.hwmKb)) peak = Math.max(peak, memory.hwmKb);
	};
	read();
	const timer = setInterval(read, intervalMs);
	timer.unref();
	return {
		peakKb: () => peak,
		stop: () => {
			read();
			clearInterval(timer);
			return peak;
		},
	};
}

export interface ChildRun {
	code: number | null;
	stdout: string;
	stderr: string;
	/** Peak RSS (VmHWM) in kB: the larger of the sampled value and what the child reported. */
	peakRssKb: number;
	ms: number;
	/** The last line of stdout that parses as JSON, if any. */
	result: any;
}

/**
 * Runs `node <script> <args>` and samples its memory until it exits. A child that wants an exact
 * figure prints a JSON line containing `peakRssKb` (from ownPeakRssKb) last.
 */
export function runNodeChild(
	script: string,
	args: string[],
	env: NodeJS.ProcessEnv = {},
	nodeArgs: string[] = [],
): Promise<ChildRun> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const sampler = sampleMemory(child.pid!);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		child.on('error', reject);
		child.on('close', (code) => {
			const sampled = sampler.stop();
			let result: any;
			for (const line of stdout.trim().split('\n').reverse()) {
				try {
					result = JSON.parse(line);
					break;
				} catch {
					// not the result line
				}
			}
			const reported = typeof result?.peakRssKb === 'number' ? result.peakRssKb : 0;
			resolve({
				code,
				stdout,
				stderr,
				peakRssKb: Math.max(sampled, reported),
				ms: Date.now() - started,
				result,
			});
		});
	});
}

export function mb(kb: number): number {
	return Math.round((kb / 1024) * 10) / 10;
}

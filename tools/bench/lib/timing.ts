/**
 * Throughput is counted per second of this process's CPU time (process.cpuUsage: user + system),
 * not wall time: on a shared machine other processes take the core away at random, which would
 * show up as noise in wall-clock rates but not in CPU-time rates. Wall-clock rates are kept too.
 *
 * Throughput of several contenders on the same inputs, measured side by side: after a warm-up,
 * every round runs each contender for `roundMs` (the order rotates from round to round), so drift
 * in machine load hits all of them alike. Per-round ratios are kept, not just per-contender medians.
 */
import { median } from './stats';

export interface Contender<T> {
	name: string;
	run(input: T): unknown;
}

export interface ThroughputOptions {
	warmupMs: number;
	roundMs: number;
	rounds: number;
}

export interface ThroughputResult {
	name: string;
	/** ops per CPU-second of each round, in round order. */
	perRound: number[];
	/** ops per wall-clock second of each round. */
	wallPerRound: number[];
	wallMedian: number;
	median: number;
	min: number;
	max: number;
}

/** Keeps results reachable so the optimiser cannot drop the work. */
export let sink: unknown;

function runFor<T>(
	contender: Contender<T>,
	inputs: readonly T[],
	ms: number,
): { cpu: number; wall: number } {
	let ops = 0;
	const cpuStart = process.cpuUsage();
	const start = process.hrtime.bigint();
	const budget = BigInt(Math.round(ms * 1e6));
	let elapsed = 0n;
	// Whole passes over the inputs, so every contender sees the same mix.
	do {
		for (let i = 0; i < inputs.length; i++) sink = contender.run(inputs[i]);
		ops += inputs.length;
		elapsed = process.hrtime.bigint() - start;
	} while (elapsed < budget);
	const cpu = process.cpuUsage(cpuStart);
	return { cpu: ops / ((cpu.user + cpu.system) / 1e6), wall: ops / (Number(elapsed) / 1e9) };
}

export function throughput<T>(
	contenders: Contender<T>[],
	inputs: readonly T[],
	options: ThroughputOptions,
): ThroughputResult[] {
	for (const contender of contenders) runFor(contender, inputs, options.warmupMs);
	const perRound = contenders.map(() => [] as number[]);
	const wallPerRound = contenders.map(() => [] as number[]);
	for (let round = 0; round < options.rounds; round++) {
		for (let k = 0; k < contenders.length; k++) {
			const index = (k + round) % contenders.length;
			const rate = runFor(contenders[index], inputs, options.roundMs);
			perRound[index].push(rate.cpu);
			wallPerRound[index].push(rate.wall);
		}
	}
	return contenders.map((contender, i) => ({
		name: contender.name,
		perRound: perRound[i],
		wallPerRound: wallPerRound[i],
		wallMedian: median(wallPerRound[i]),
		median: median(perRound[i]),
		min: Math.min(...perRound[i]),
		max: Math.max(...perRound[i]),
	}));
}

/** Median of the per-round ratios a/b (same round, so same machine conditions). */
export function medianRatio(a: ThroughputResult, b: ThroughputResult): number {
	return median(a.perRound.map((value, i) => value / b.perRound[i]));
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

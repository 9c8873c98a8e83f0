/** Small statistics helpers for the benchmarks: no dependencies, numbers in, numbers out. */

/** Nearest-rank percentile (p in 0..100) of an unsorted sample; NaN for an empty one. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number {
	return values.length === 0 ? NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
}

export interface LatencySummary {
	n: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	mean: number;
}

export function summarize(values: readonly number[]): LatencySummary {
	return {
		n: values.length,
		p50: percentile(values, 50),
		p95: percentile(values, 95),
		p99: percentile(values, 99),
		max: values.length === 0 ? NaN : Math.max(...values),
		mean: mean(values),
	};
}

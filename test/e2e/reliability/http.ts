/** Raw HTTP for the reliability suite: any method, exact bytes, bounded time; plus small statistics. */
import http from 'node:http';

export interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	/** ms from sending the request to the end of the answer. */
	ms: number;
	/** Date.now() when the request was sent. */
	sentAt: number;
	/** Set when no HTTP answer came (connection error or timeout). */
	error?: string;
}

export interface RequestOptions {
	method?: string;
	query?: Record<string, string | string[]> | string;
	body?: string | Buffer;
	headers?: http.OutgoingHttpHeaders;
	timeoutMs?: number;
	agent?: http.Agent;
}

export function withQuery(url: string, query: RequestOptions['query']): string {
	if (query === undefined) return url;
	if (typeof query === 'string') return query === '' ? url : `${url}?${query}`;
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(query)) {
		for (const one of Array.isArray(value) ? value : [value]) params.append(name, one);
	}
	const qs = params.toString();
	return qs === '' ? url : `${url}?${qs}`;
}

/** Never rejects: transport failures come back as status 0 with `error`. */
export function request(url: string, options: RequestOptions = {}): Promise<Answer> {
	const sentAt = Date.now();
	const started = process.hrtime.bigint();
	const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
	const body =
		options.body === undefined
			? undefined
			: Buffer.isBuffer(options.body)
				? options.body
				: Buffer.from(options.body, 'utf8');
	return new Promise((resolve) => {
		let settled = false;
		const done = (answer: Omit<Answer, 'ms' | 'sentAt'>) => {
			if (settled) return;
			settled = true;
			resolve({ ...answer, ms: elapsed(), sentAt });
		};
		const req = http.request(
			withQuery(url, options.query),
			{
				method: options.method ?? 'POST',
				headers: {
					...(body === undefined
						? {}
						: { 'Content-Type': 'text/xml', 'Content-Length': body.length }),
					...options.headers,
				},
				agent: options.agent ?? false,
				timeout: options.timeoutMs ?? 30_000,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					done({
						status: res.statusCode ?? 0,
						headers: res.headers,
						text: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				res.on('error', (error) =>
					done({ status: 0, headers: {}, text: '', error: String(error) }),
				);
			},
		);
		req.on('timeout', () =>
			req.destroy(new Error(`timed out after ${options.timeoutMs ?? 30_000} ms`)),
		);
		req.on('error', (error) => done({ status: 0, headers: {}, text: '', error: String(error) }));
		if (body !== undefined) req.write(body);
		req.end();
	});
}

/** Runs `fn` over `items` with at most `concurrency` in flight; results in item order. */
export async function runPool<T, R>(
	items: T[],
	concurrency: number,
	fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	return results;
}

export interface Percentiles {
	count: number;
	min: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	mean: number;
}

/** Nearest-rank percentiles, rounded to 0.1 ms. */
export function percentiles(values: number[]): Percentiles {
	const sorted = [...values].sort((a, b) => a - b);
	const round = (v: number) => Math.round(v * 10) / 10;
	const at = (p: number) =>
		sorted.length === 0
			? NaN
			: round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
	return {
		count: sorted.length,
		min: round(sorted[0] ?? NaN),
		p50: at(50),
		p95: at(95),
		p99: at(99),
		max: round(sorted[sorted.length - 1] ?? NaN),
		mean: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)),
	};
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `intervalMs` until it returns true or `timeoutMs` passes; returns the last result. */
export async function pollUntil(
	check: () => Promise<boolean> | boolean,
	timeoutMs: number,
	intervalMs = 500,
): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return true;
		if (Date.now() >= deadline) return false;
		await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
	}
}

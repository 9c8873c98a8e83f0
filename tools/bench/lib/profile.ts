/**
 * In-process CPU profile through node:inspector (no dependency, no flags): runs `work` while the
 * V8 sampling profiler is on and returns self time per function, heaviest first.
 */
import { Session } from 'node:inspector';
import { relative } from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples?: number[];
	timeDeltas?: number[];
}

export interface HotSpot {
	fn: string;
	where: string;
	selfPct: number;
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
	return new Promise((resolve, reject) =>
		session.post(method, params ?? {}, (error, result) =>
			error ? reject(error) : resolve(result as T),
		),
	);
}

function shortUrl(url: string): string {
	if (url === '') return '(native)';
	const path = url.replace(/^file:\/\//, '');
	const inModules = path.lastIndexOf('node_modules/');
	if (inModules >= 0) return path.slice(inModules + 'node_modules/'.length);
	return path.startsWith('/') ? relative(process.cwd(), path) : path;
}

export interface ProfileSummary {
	/** Heaviest functions by self time. */
	functions: HotSpot[];
	/** Self time per source: an npm package, one of our files, or (native) / (garbage collector). */
	sources: Array<{ source: string; selfPct: number }>;
}

function sourceOf(url: string, functionName: string): string {
	if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
	const path = url.replace(/^file:\/\//, '');
	const inModules = path.lastIndexOf('node_modules/');
	if (inModules >= 0) {
		const parts = path.slice(inModules + 'node_modules/'.length).split('/');
		return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
	}
	if (path.startsWith('node:')) return 'node: internals';
	return shortUrl(url);
}

export async function profile(work: () => void, top = 15): Promise<ProfileSummary> {
	const session = new Session();
	session.connect();
	await post(session, 'Profiler.enable');
	await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
	await post(session, 'Profiler.start');
	work();
	const { profile: result } = await post<{ profile: Profile }>(session, 'Profiler.stop');
	session.disconnect();

	const total = result.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
	const bySource = new Map<string, number>();
	for (const node of result.nodes) {
		const source = sourceOf(node.callFrame.url, node.callFrame.functionName);
		bySource.set(source, (bySource.get(source) ?? 0) + (node.hitCount ?? 0));
	}
	const byFunction = new Map<string, { fn: string; where: string; hits: number }>();
	for (const node of result.nodes) {
		const { functionName, url, lineNumber } = node.callFrame;
		const fn = functionName || '(anonymous)';
		const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : shortUrl(url);
		const key = `${fn}@${where}`;
		const entry = byFunction.get(key) ?? { fn, where, hits: 0 };
		entry.hits += node.hitCount ?? 0;
		byFunction.set(key, entry);
	}
	const pct = (hits: number) => (100 * hits) / Math.max(1, total);
	return {
		functions: [...byFunction.values()]
			.sort((a, b) => b.hits - a.hits)
			.slice(0, top)
			.map((entry) => ({ fn: entry.fn, where: entry.where, selfPct: pct(entry.hits) })),
		sources: [...bySource.entries()]
			.sort((a, b) => b[1] - a[1])
			.map(([source, hits]) => ({ source, selfPct: pct(hits) }))
			.filter((entry) => entry.selfPct >= 0.5),
	};
}

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

export interface Profile {
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

/** Self time per function and per source of a V8 CPU profile, heaviest first; `(idle)` left out. */
export function summarizeProfile(result: Profile, top = 15): ProfileSummary & { totalMs: number } {
	// Sample i's time is timeDeltas[i] (µs since the previous sample); without them, one hit each.
	const selfUs = new Map<number, number>();
	if (result.samples && result.timeDeltas) {
		result.samples.forEach((id, i) =>
			selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, result.timeDeltas![i] ?? 0)),
		);
	} else for (const node of result.nodes) selfUs.set(node.id, node.hitCount ?? 0);
	const nodes = result.nodes.filter((node) => node.callFrame.functionName !== '(idle)');
	const total = nodes.reduce((sum, node) => sum + (selfUs.get(node.id) ?? 0), 0);
	const bySource = new Map<string, number>();
	const byFunction = new Map<string, { fn: string; where: string; us: number }>();
	for (const node of nodes) {
		const { functionName, url, lineNumber } = node.callFrame;
		const us = selfUs.get(node.id) ?? 0;
		const source = sourceOf(url, functionName);
		bySource.set(source, (bySource.get(source) ?? 0) + us);
		const fn = functionName || '(anonymous)';
		const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : shortUrl(url);
		const entry = byFunction.get(`${fn}@${where}`) ?? { fn, where, us: 0 };
		entry.us += us;
		byFunction.set(`${fn}@${where}`, entry);
	}
	const pct = (us: number) => (100 * us) / Math.max(1, total);
	return {
		totalMs: total / 1000,
		functions: [...byFunction.values()]
			.sort((a, b) => b.us - a.us)
			.slice(0, top)
			.map((entry) => ({ fn: entry.fn, where: entry.where, selfPct: pct(entry.us) })),
		sources: [...bySource.entries()]
			.sort((a, b) => b[1] - a[1])
			.map(([source, us]) => ({ source, selfPct: pct(us) }))
			.filter((entry) => entry.selfPct >= 0.5),
	};
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
	const { functions, sources } = summarizeProfile({ nodes: result.nodes }, top);
	return { functions, sources };
}

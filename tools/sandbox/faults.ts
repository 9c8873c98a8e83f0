/** Scripted failures: which rule (if any) hits a request, and what WeCom would have said. */
import type { FaultKind, FaultRule } from './types';
import type { ActiveFault } from './state';

const KINDS: readonly FaultKind[] = [
	'errcode',
	'http500',
	'reset',
	'slow',
	'expireToken',
	'doneThenReset',
	'doneThen500',
	// The page WeCom cut is answered with its lists empty but its next_cursor kept (filtered after paging).
	'emptyPage',
	// A fixed JSON answer with HTTP 200 (a proxy answering `{}`, an answer without the id it should carry).
	'answer',
];

/** Kinds where WeCom does the work (the route runs and changes state) and then the answer is lost. */
export const AFTER_ROUTE_KINDS: readonly FaultKind[] = ['doneThenReset', 'doneThen500'];

export const DEFAULT_ERRMSG: Record<number, string> = {
	[-1]: 'system busy',
	40001: 'invalid credential',
	40014: 'invalid access_token',
	41001: 'access_token missing',
	42001: 'access_token expired',
	45009: 'api freq out of limit',
	45033: 'api concurrent out of limit',
	48002: 'api forbidden',
	60020: 'not allow to access from your ip',
};

export function errmsgFor(errcode: number): string {
	return DEFAULT_ERRMSG[errcode] ?? `sandbox fault ${errcode}`;
}

/** Throws on rules that could never do what the test meant, rather than silently ignoring them. */
export function validateRule(rule: FaultRule): FaultRule {
	if (!rule || !KINDS.includes(rule.kind))
		throw new Error(`sandbox: fault kind must be one of ${KINDS.join(', ')}`);
	if (rule.kind === 'errcode' && typeof rule.errcode !== 'number')
		throw new Error('sandbox: errcode fault needs a numeric errcode');
	if (rule.kind === 'slow' && typeof rule.delayMs !== 'number')
		throw new Error('sandbox: slow fault needs delayMs');
	if (rule.kind === 'answer' && (typeof rule.json !== 'object' || rule.json === null))
		throw new Error('sandbox: answer fault needs json');
	return { ...rule };
}

function matches(rule: FaultRule, path: string): boolean {
	if (!rule.api) return path.startsWith('/cgi-bin/');
	const api = rule.api.replace(/^\/+/, '');
	return path === '/' + api || path.endsWith('/' + api);
}

function unlimited(times: number | undefined): boolean {
	return times === Infinity || (typeof times === 'number' && times < 0);
}

/** Finds the first rule that hits this request and counts it; rules still skipping let it pass. */
export function takeFault(faults: ActiveFault[], path: string): FaultRule | undefined {
	for (const f of faults) {
		if (!matches(f.rule, path)) continue;
		const times = f.rule.times ?? 1;
		if (!unlimited(times) && f.fired >= times) continue;
		f.seen++;
		if (f.seen <= (f.rule.skip ?? 0)) continue;
		f.fired++;
		return f.rule;
	}
	return undefined;
}

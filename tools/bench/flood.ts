/**
 * Benchmark — a stranger floods the public callback URL while real customers arrive: real callbacks
 * at `--real-rate` per second (default 5, `--customers` of them, default 100) reach the welcome
 * chain while forged requests arrive at `--flood-rate` per second (default 30): half GET (URL
 * verification), half POST (an event), all well-formed and signed with a guessed Token, so they pass
 * every cheap check and fail the signature — the most a refusal can cost. Each chain is measured
 * without and then with the flood, in one run, in one n8n:
 *
 *   ours    WeCom Trigger → WeCom Send
 *   floor   a minimal community trigger that refuses a request without `?code=` at once, reading
 *           nothing (tools/bench/lib/minimalTrigger.ts) → HTTP Request: what n8n itself costs per
 *           request (it loads the workflow for every webhook request), the floor for any trigger
 *
 * First, the refusal cost: `--refuse-count` (300) forged requests alone at `--refuse-rate` (10) per
 * second, per chain, in the order ours, floor, floor, ours: the n8n CPU each refused request costs
 * (CPU time, so other load on a shared machine barely moves it). `--only-cost` stops there.
 *
 * Per chain and phase: real customers greeted within the code's 20 s (send_welcome_msg errcode 0),
 * lost ones, callback → send_welcome_msg p50 / p99, the real callbacks' answers, the forged
 * requests' answers (401 / other / no answer within 10 s), and the cores n8n kept busy. The ratios
 * that matter: p99 with the flood ÷ p99 without it (goal ≤ 1.5), and ours ÷ the floor's p99 under
 * the flood (goal ≤ 1.1).
 *
 *   npm run bench:flood [-- --line 1|2 --topology sqlite --chains ours,floor
 *                          --customers 100 --real-rate 5 --flood-rate 30
 *                          --refuse-count 300 --refuse-rate 10 --only-cost
 *                          --env N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true]
 * Run it under the shared lock: flock /tmp/wecom-e2e.lock npm run bench:flood -- ...
 * A JSON summary goes to artifacts/bench-flood-<line>-<settings>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import { buildCallback, buildEcho } from '../sandbox/callback/emitter';
import { ROOT, ensureBuilt } from './lib/build';
import { argValue, hasFlag, machineLine } from './lib/machine';
import {
	type Chain,
	type Setup,
	type Topology,
	coresBusy,
	newCallback,
	parseEnv,
	startSetup,
	warmUp,
	webhookUrl,
} from './lib/setups';
import { percentile } from './lib/stats';
import { printTable } from './lib/table';
import { sleep } from './lib/timing';

const LINE = argValue('line', '2') as '1' | '2';
const TOPOLOGY = argValue('topology', 'sqlite') as Topology;
const CHAINS = argValue('chains', 'ours,floor').split(',') as Chain[];
const CUSTOMERS = Number(argValue('customers', '100'));
const REAL_RATE = Number(argValue('real-rate', '5'));
const FLOOD_RATE = Number(argValue('flood-rate', '30'));
const ENV = parseEnv(argValue('env', ''));
const CODE_LIFETIME_MS = 20_000;
const FORGED_TIMEOUT_MS = 10_000;
/** The refusal-cost phase: forged requests only, this many at `--refuse-rate` per second. */
const REFUSE_COUNT = Number(argValue('refuse-count', '300'));
const REFUSE_RATE = Number(argValue('refuse-rate', '10'));
/** Only the refusal cost, no customers (a quick comparison, e.g. against another build). */
const ONLY_COST = hasFlag('only-cost');

type Phase = 'quiet' | 'flood';

interface PhaseResult {
	chain: Chain;
	phase: Phase;
	customers: number;
	greeted: number;
	lost: number;
	s7P50Ms: number;
	s7P99Ms: number;
	realAnswered200: number;
	realAnswerP99Ms: number;
	/** HTTP status → count (0 = no answer within the timeout). */
	realStatuses: Record<string, number>;
	forgedStatuses: Record<string, number>;
	forged: number;
	forged401: number;
	forgedOther: number;
	forgedNoAnswer: number;
	forgedAnswerP50Ms: number;
	forgedAnswerP99Ms: number;
	cores: Record<string, number>;
}

interface RefusalCost {
	chain: Chain;
	forged: number;
	statuses: Record<string, number>;
	answerP50Ms: number;
	answerP99Ms: number;
	/** CPU of the n8n processes per forged request, ms (robust to other load on the machine). */
	cpuMsPerRequest: number;
}

/**
 * Forged requests only, at a rate n8n keeps up with: what one refused request costs n8n in CPU,
 * for this chain. CPU time, not wall time, so other load on a shared machine barely moves it.
 */
async function refusalCost(setup: Setup, sandbox: Sandbox, chain: Chain): Promise<RefusalCost> {
	const requests = Array.from({ length: REFUSE_COUNT }, (_, i) =>
		forged(setup, sandbox, chain, i % 2 === 0 ? 'GET' : 'POST'),
	);
	const before = setup.groups();
	const t0 = Date.now();
	const shots: Array<Promise<{ status: number; ms: number }>> = [];
	for (let i = 0; i < requests.length; i++) {
		const wait = t0 + (i * 1000) / REFUSE_RATE - Date.now();
		if (wait > 0) await sleep(wait);
		shots.push(timedFetch(requests[i].url, requests[i].init, FORGED_TIMEOUT_MS));
	}
	const answers = await Promise.all(shots);
	await sleep(500);
	const after = setup.groups();
	const cpuMs = Object.keys(after).reduce((sum, k) => sum + (after[k] - (before[k] ?? 0)), 0);
	const answered = answers.filter((a) => a.status !== 0).map((a) => a.ms);
	return {
		chain,
		forged: answers.length,
		statuses: histogram(answers.map((a) => a.status)),
		answerP50Ms: Math.round(percentile(answered, 50)),
		answerP99Ms: Math.round(percentile(answered, 99)),
		cpuMsPerRequest: Math.round((cpuMs / answers.length) * 10) / 10,
	};
}

/** A forged request for `chain`: signed with a Token the stranger guessed (ours), or without the code (floor). */
function forged(
	setup: Setup,
	sandbox: Sandbox,
	chain: Chain,
	method: 'GET' | 'POST',
): { url: string; init: RequestInit } {
	const guessed = { ...sandbox.config, callbackToken: 'GuessedToken' };
	const base = webhookUrl(setup, chain);
	if (method === 'GET') {
		const echo = buildEcho(guessed);
		return { url: `${base}?${new URLSearchParams(echo.query)}`, init: { method: 'GET' } };
	}
	const event = sandbox.addExternalContactEvent({ state: 'forged' });
	const built = buildCallback(guessed, event as never);
	return {
		url: `${base}?${new URLSearchParams(built.query)}`,
		init: { method: 'POST', headers: { 'content-type': 'text/xml' }, body: built.body },
	};
}

async function timedFetch(
	url: string,
	init: RequestInit,
	timeoutMs: number,
): Promise<{ status: number; ms: number }> {
	const started = Date.now();
	try {
		const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
		await res.arrayBuffer();
		return { status: res.status, ms: Date.now() - started };
	} catch {
		return { status: 0, ms: Date.now() - started };
	}
}

async function runPhase(
	setup: Setup,
	sandbox: Sandbox,
	chain: Chain,
	phase: Phase,
): Promise<PhaseResult> {
	const cpu0 = setup.groups();
	const t0 = Date.now();
	let flooding = phase === 'flood';
	const forgedShots: Array<Promise<{ status: number; ms: number }>> = [];
	const flood = (async () => {
		if (!flooding) return;
		// A second of flood before the first customer, then until the last customer was sent.
		for (let i = 0; flooding; i++) {
			const at = t0 + (i * 1000) / FLOOD_RATE;
			const wait = at - Date.now();
			if (wait > 0) await sleep(wait);
			const { url, init } = forged(setup, sandbox, chain, i % 2 === 0 ? 'GET' : 'POST');
			forgedShots.push(timedFetch(url, init, FORGED_TIMEOUT_MS));
		}
	})();
	if (flooding) await sleep(1000);
	const realStart = Date.now();
	const real: Array<{
		code: string;
		sentAt: number;
		answer: Promise<{ status: number; ms: number }>;
	}> = [];
	for (let i = 0; i < CUSTOMERS; i++) {
		const wait = realStart + (i * 1000) / REAL_RATE - Date.now();
		if (wait > 0) await sleep(wait);
		const { code, url, init } = newCallback(setup, sandbox, chain, `flood-${chain}-${phase}-${i}`);
		real.push({ code, sentAt: Date.now(), answer: timedFetch(url, init, 60_000) });
	}
	// Every code is dead 20 s after it was made: wait that long for the last ones, flood still on.
	const codes = new Set(real.map((r) => r.code));
	const arrivals = () => {
		const found = new Map<string, { at: number; errcode: number }>();
		for (const call of sandbox.calls) {
			if (!call.path.endsWith('/send_welcome_msg')) continue;
			const code = String((call.body as { welcome_code?: string } | undefined)?.welcome_code);
			if (codes.has(code) && !found.has(code))
				found.set(code, { at: call.at, errcode: call.errcode ?? 0 });
		}
		return found;
	};
	const lastSent = real[real.length - 1].sentAt;
	while (Date.now() < lastSent + CODE_LIFETIME_MS + 2_000 && arrivals().size < codes.size)
		await sleep(250);
	flooding = false;
	await flood;
	const elapsed = Date.now() - t0;
	const cores = coresBusy(cpu0, setup.groups(), elapsed);
	const found = arrivals();
	// Latency over every customer: a lost one (no send_welcome_msg with the code alive) counts as
	// infinitely late, so p99 is finite only when at most 1 in 100 was lost.
	const latencies: number[] = [];
	let greeted = 0;
	for (const r of real) {
		const call = found.get(r.code);
		const ok = call !== undefined && call.errcode === 0 && call.at - r.sentAt <= CODE_LIFETIME_MS;
		if (ok) greeted++;
		latencies.push(ok ? call.at - r.sentAt : Infinity);
	}
	const realAnswers = await Promise.all(real.map((r) => r.answer));
	const forgedAnswers = await Promise.all(forgedShots);
	const forgedMs = forgedAnswers.filter((a) => a.status !== 0).map((a) => a.ms);
	return {
		chain,
		phase,
		customers: real.length,
		greeted,
		lost: real.length - greeted,
		s7P50Ms: Math.round(percentile(latencies, 50)),
		s7P99Ms: Math.round(percentile(latencies, 99)),
		realAnswered200: realAnswers.filter((a) => a.status === 200).length,
		realAnswerP99Ms: Math.round(
			percentile(
				realAnswers.map((a) => a.ms),
				99,
			),
		),
		realStatuses: histogram(realAnswers.map((a) => a.status)),
		forgedStatuses: histogram(forgedAnswers.map((a) => a.status)),
		forged: forgedAnswers.length,
		forged401: forgedAnswers.filter((a) => a.status === 401).length,
		forgedOther: forgedAnswers.filter((a) => a.status !== 401 && a.status !== 0).length,
		forgedNoAnswer: forgedAnswers.filter((a) => a.status === 0).length,
		forgedAnswerP50Ms: Math.round(percentile(forgedMs, 50)),
		forgedAnswerP99Ms: Math.round(percentile(forgedMs, 99)),
		cores,
	};
}

function histogram(statuses: number[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const status of statuses) counts[String(status)] = (counts[String(status)] ?? 0) + 1;
	return counts;
}

function ms(value: number): string {
	return Number.isFinite(value) ? `${value}` : '∞';
}

/** Until n8n is idle again (a phase's backlog drained), at most 2 minutes. */
async function waitQuiet(setup: Setup): Promise<void> {
	const total = () => Object.values(setup.groups()).reduce((a, b) => a + b, 0);
	const started = Date.now();
	let last = total();
	let quiet = 0;
	while (quiet < 3 && Date.now() - started < 120_000) {
		await sleep(1_000);
		const now = total();
		quiet = now - last < 100 ? quiet + 1 : 0;
		last = now;
	}
}

function ratio(a: number, b: number): string {
	if (!Number.isFinite(a) && Number.isFinite(b)) return '∞ (customers lost)';
	return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : 'n/a';
}

async function main() {
	console.log(`ensureBuilt: ${ensureBuilt()}`);
	const machine = machineLine();
	const settings =
		Object.entries(ENV)
			.map(([k, v]) => `${k}=${v}`)
			.join(' ') || 'n8n defaults';
	console.log(
		`flood benchmark · ${machine} · line ${LINE} · ${TOPOLOGY} · ${CUSTOMERS} customers at ${REAL_RATE}/s, forged at ${FLOOD_RATE}/s · ${settings}`,
	);
	const sandbox = await startSandbox();
	const results: PhaseResult[] = [];
	const costs: RefusalCost[] = [];
	try {
		const tokenResponse = await fetch(
			`${sandbox.url}/cgi-bin/gettoken?corpid=${sandbox.config.corpId}&corpsecret=${encodeURIComponent(sandbox.config.secret)}`,
		);
		const accessToken = String(
			((await tokenResponse.json()) as { access_token: string }).access_token,
		);
		const setup = await startSetup(LINE, TOPOLOGY, sandbox, accessToken, CHAINS, ENV);
		try {
			for (const chain of CHAINS) await warmUp(setup, sandbox, chain);
			// Refusal cost first, chain after chain and back (ours, floor, floor, ours): drift cancels.
			for (const chain of [...CHAINS, ...[...CHAINS].reverse()]) {
				await waitQuiet(setup);
				const cost = await refusalCost(setup, sandbox, chain);
				costs.push(cost);
				console.log(`${chain} refusal cost: ${JSON.stringify(cost)}`);
			}
			for (const chain of ONLY_COST ? [] : CHAINS) {
				for (const phase of ['quiet', 'flood'] as const) {
					await waitQuiet(setup);
					const result = await runPhase(setup, sandbox, chain, phase);
					results.push(result);
					console.log(`${chain} ${phase}: ${JSON.stringify(result)}`);
				}
			}
		} finally {
			await setup.stop();
		}
	} finally {
		await sandbox.close();
	}
	const p99 = (chain: Chain, phase: Phase) =>
		results.find((r) => r.chain === chain && r.phase === phase)?.s7P99Ms ?? NaN;
	const summary = CHAINS.map((chain) => ({
		chain,
		floodOverQuietP99: ratio(p99(chain, 'flood'), p99(chain, 'quiet')),
	}));
	const oursOverFloor =
		CHAINS.includes('ours') && CHAINS.includes('floor')
			? ratio(p99('ours', 'flood'), p99('floor', 'flood'))
			: 'n/a';
	const tag = `${LINE}-${Object.keys(ENV).length ? 'custom' : 'defaults'}`;
	mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
	writeFileSync(
		join(ROOT, 'artifacts', `bench-flood-${tag}.json`),
		`${JSON.stringify({ machine, line: LINE, topology: TOPOLOGY, customers: CUSTOMERS, realRate: REAL_RATE, floodRate: FLOOD_RATE, env: ENV, costs, results, summary, oursOverFloor }, null, 2)}\n`,
	);
	printTable(
		`Flood: ${CUSTOMERS} customers at ${REAL_RATE}/s, ${FLOOD_RATE} forged/s, line ${LINE}, ${TOPOLOGY}, ${settings} · ${machine}`,
		[
			'chain',
			'phase',
			'greeted ≤ 20 s',
			'lost',
			'callback → send_welcome_msg p50 / p99',
			'real answered 200',
			'forged answers (status count)',
			'forged answer p50 / p99',
			'cores busy',
		],
		results.map((r) => [
			r.chain,
			r.phase,
			`${r.greeted} / ${r.customers}`,
			r.lost,
			`${ms(r.s7P50Ms)} / ${ms(r.s7P99Ms)} ms`,
			r.realAnswered200,
			Object.entries(r.forgedStatuses)
				.map(([status, n]) => `${status === '0' ? 'none' : status} ${n}`)
				.join(', ') || '–',
			r.forged === 0 ? '–' : `${r.forgedAnswerP50Ms} / ${r.forgedAnswerP99Ms} ms`,
			Object.entries(r.cores)
				.filter(([, v]) => v >= 0.05)
				.map(([k, v]) => `${k} ${v.toFixed(2)}`)
				.join(', '),
		]),
	);
	const cpuOf = (chain: Chain) => {
		const mine = costs.filter((c) => c.chain === chain).map((c) => c.cpuMsPerRequest);
		return mine.length ? mine.reduce((a, b) => a + b, 0) / mine.length : NaN;
	};
	printTable(
		`Refusal cost: ${REFUSE_COUNT} forged requests (half GET, half POST) at ${REFUSE_RATE}/s, nothing else, per chain and round`,
		[
			'chain',
			'forged',
			'answers (status count)',
			'answer p50 / p99',
			'n8n CPU per refused request',
		],
		costs.map((c) => [
			c.chain,
			c.forged,
			Object.entries(c.statuses)
				.map(([status, n]) => `${status === '0' ? 'none' : status} ${n}`)
				.join(', '),
			`${c.answerP50Ms} / ${c.answerP99Ms} ms`,
			`${c.cpuMsPerRequest} ms`,
		]),
	);
	if (CHAINS.includes('ours') && CHAINS.includes('floor')) {
		console.log(
			`n8n CPU per refused request: ours ${cpuOf('ours').toFixed(1)} ms ÷ floor ${cpuOf('floor').toFixed(1)} ms = ${ratio(cpuOf('ours'), cpuOf('floor'))}`,
		);
	}
	for (const s of summary)
		console.log(`${s.chain}: p99 with the flood ÷ without = ${s.floodOverQuietP99}`);
	console.log(`ours ÷ floor, p99 under the flood = ${oursOverFloor}`);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});

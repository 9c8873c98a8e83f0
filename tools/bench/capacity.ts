/**
 * Benchmark — burst capacity: the highest callback rate an n8n setup holds while every new
 * customer is still greeted in time. For each topology and n8n line, at a rising open-loop rate
 * (callbacks sent on a fixed schedule, whatever the answers), for `--hold` seconds:
 *   passes when every callback is answered 200, every send_welcome_msg (send_welcome_msg) arrives within 20 s
 *   of its callback (WeCom's welcome-code lifetime) with errcode 0, and p99 callback → send_welcome_msg < 5 s.
 * The highest passing rate is the capacity. The chains (tools/bench/lib/setups.ts: ours = WeCom Trigger →
 * WeCom Send, floor = a minimal community trigger → HTTP Request, bare = n8n's Webhook → HTTP
 * Request, all the same send_welcome_msg) are active in the same n8n and run one after the other at each rate,
 * same run; the table gives ours / each other chain. Topologies: sqlite, postgres (one `n8n
 * start`), queue1, queue2 (main + webhook processor + 1 or 2 workers; callbacks go to the webhook
 * processor).
 *
 * What limits a step: the CPU each part used (n8n processes by process group, Postgres, Redis,
 * this process with the sandbox), as a share of the machine's cores during the step.
 *
 *   npm run bench:capacity [-- --line 1|2|both --topologies sqlite,postgres,queue1,queue2
 *                             --chains ours,bare|ours,floor,bare --rates 2,4,6,8,12,16 --hold 60
 *                             --env N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true]
 * Run it under the shared lock: flock /tmp/wecom-e2e.lock npm run bench:capacity -- ...
 * A JSON summary goes to artifacts/bench-capacity.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type RecordedCall, type Sandbox } from '../sandbox';
import { ROOT, ensureBuilt } from './lib/build';
import { argValue, machineLine } from './lib/machine';
import {
	type Chain,
	type Setup,
	type Topology,
	coresBusy,
	newCallback,
	parseEnv,
	startSetup,
	warmUp,
} from './lib/setups';
import { percentile } from './lib/stats';
import { printTable } from './lib/table';
import { sleep } from './lib/timing';

const LINE_ARG = argValue('line', 'both');
const LINES = (LINE_ARG === 'both' ? ['1', '2'] : [LINE_ARG]) as Array<'1' | '2'>;
const TOPOLOGIES = argValue('topologies', 'sqlite,postgres,queue1,queue2').split(',') as Topology[];
const CHAINS = argValue('chains', 'ours,bare').split(',') as Chain[];
const RATES = argValue('rates', '2,4,6,8,12,16').split(',').map(Number);
const HOLD_S = Number(argValue('hold', '60'));
const ENV = parseEnv(argValue('env', ''));
const CODE_LIFETIME_MS = 20_000;
const P99_GOAL_MS = 5_000;

interface Step {
	chain: Chain;
	rate: number;
	sent: number;
	answered200: number;
	greetedInTime: number;
	lost: number;
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	passed: boolean;
	/** Share of all cores each part used during the step (1.00 = one core busy). */
	cores: Record<string, number>;
}

async function runStep(setup: Setup, sandbox: Sandbox, chain: Chain, rate: number): Promise<Step> {
	const total = Math.round(rate * HOLD_S);
	const gap = 1000 / rate;
	const shots: Array<{ code: string; sentAt: number; status?: number }> = [];
	const pending: Array<Promise<void>> = [];
	const cpu0 = setup.groups();
	const self0 = process.cpuUsage();
	const t0 = Date.now();
	for (let i = 0; i < total; i++) {
		const due = t0 + i * gap;
		const wait = due - Date.now();
		if (wait > 0) await sleep(wait);
		const { code, url, init } = newCallback(setup, sandbox, chain, `cap-${chain}-${rate}-${i}`);
		const shot: { code: string; sentAt: number; status?: number } = { code, sentAt: Date.now() };
		shots.push(shot);
		pending.push(
			fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
				.then(async (res) => {
					await res.arrayBuffer();
					shot.status = res.status;
				})
				.catch(() => {
					shot.status = 0;
				}),
		);
	}
	await Promise.all(pending);
	// Whatever has not arrived 20 s after the last callback was sent is late or lost; stop waiting
	// earlier once every accepted callback has its send_welcome_msg.
	const lastSent = shots[shots.length - 1].sentAt;
	const waitingFor = new Set(shots.filter((s) => s.status === 200).map((s) => s.code));
	let scanned = 0;
	while (Date.now() < lastSent + CODE_LIFETIME_MS + 1_000 && waitingFor.size > 0) {
		const calls = sandbox.calls;
		for (; scanned < calls.length; scanned++) {
			if (calls[scanned].path.endsWith('/send_welcome_msg'))
				waitingFor.delete(
					String((calls[scanned].body as { welcome_code?: string } | undefined)?.welcome_code),
				);
		}
		await sleep(250);
	}
	await sleep(500);
	const elapsed = Date.now() - t0;
	const cpu1 = setup.groups();
	const self = process.cpuUsage(self0);
	const cores = coresBusy(cpu0, cpu1, elapsed);
	cores.benchAndSandbox = Math.round(((self.user + self.system) / 1000 / elapsed) * 100) / 100;

	const arrivals = new Map<string, RecordedCall>();
	for (const call of sandbox.calls) {
		if (!call.path.endsWith('/send_welcome_msg')) continue;
		const code = String((call.body as { welcome_code?: string } | undefined)?.welcome_code);
		if (!arrivals.has(code)) arrivals.set(code, call);
	}
	const latencies: number[] = [];
	let inTime = 0;
	let lost = 0;
	for (const s of shots) {
		const call = arrivals.get(s.code);
		if (!call) {
			if (s.status === 200) lost++;
			continue;
		}
		const ms = call.at - s.sentAt;
		latencies.push(ms);
		if (ms <= CODE_LIFETIME_MS && (call.errcode ?? 0) === 0) inTime++;
	}
	const answered200 = shots.filter((s) => s.status === 200).length;
	const p99 = latencies.length ? percentile(latencies, 99) : Infinity;
	return {
		chain,
		rate,
		sent: shots.length,
		answered200,
		greetedInTime: inTime,
		lost,
		p50Ms: latencies.length ? Math.round(percentile(latencies, 50)) : NaN,
		p99Ms: Math.round(p99),
		maxMs: latencies.length ? Math.round(Math.max(...latencies)) : NaN,
		passed:
			answered200 === shots.length && inTime === shots.length && lost === 0 && p99 < P99_GOAL_MS,
		cores,
	};
}

async function main() {
	console.log(`ensureBuilt: ${ensureBuilt()}`);
	const machineAtStart = machineLine();
	console.log(
		`capacity benchmark · ${machineAtStart} · rates ${RATES.join(',')}/s · hold ${HOLD_S} s`,
	);
	const sandbox = await startSandbox();
	const tokenResponse = await fetch(
		`${sandbox.url}/cgi-bin/gettoken?corpid=${sandbox.config.corpId}&corpsecret=${encodeURIComponent(sandbox.config.secret)}`,
	);
	const accessToken = String(
		((await tokenResponse.json()) as { access_token: string }).access_token,
	);
	const results: Array<{
		line: string;
		topology: Topology;
		steps: Step[];
		capacity: Partial<Record<Chain, number>>;
		loadAvg: number[];
	}> = [];
	const out = () => {
		mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
		writeFileSync(
			join(ROOT, 'artifacts', 'bench-capacity.json'),
			`${JSON.stringify({ machine: machineAtStart, nproc: availableParallelism(), holdS: HOLD_S, rates: RATES, results }, null, 2)}\n`,
		);
	};
	try {
		for (const line of LINES) {
			for (const topology of TOPOLOGIES) {
				const setup = await startSetup(line, topology, sandbox, accessToken, CHAINS, ENV);
				const steps: Step[] = [];
				const capacity: Partial<Record<Chain, number>> = Object.fromEntries(
					CHAINS.map((c) => [c, 0]),
				);
				const failed = new Set<Chain>();
				try {
					// Warm-up: the first executions of a process load modules and isolates.
					for (const chain of CHAINS) await warmUp(setup, sandbox, chain);
					for (const rate of RATES) {
						for (const chain of CHAINS) {
							if (failed.has(chain)) continue;
							const step = await runStep(setup, sandbox, chain, rate);
							steps.push(step);
							console.log(
								`line ${line} ${topology} ${chain} ${rate}/s: ${step.passed ? 'PASS' : 'FAIL'} answered ${step.answered200}/${step.sent}, in time ${step.greetedInTime}, lost ${step.lost}, p50 ${step.p50Ms} ms, p99 ${step.p99Ms} ms, cores ${JSON.stringify(step.cores)}`,
							);
							if (step.passed) capacity[chain] = rate;
							else failed.add(chain);
							await sleep(3_000);
						}
						if (failed.size === CHAINS.length) break;
					}
				} finally {
					await setup.stop();
				}
				results.push({ line, topology, steps, capacity, loadAvg: loadavg() });
				out();
			}
		}
	} finally {
		await sandbox.close();
	}
	const rows = results.map((r) => {
		const limit = (chain: Chain) => {
			const failedStep = r.steps.find((s) => s.chain === chain && !s.passed);
			if (!failedStep) return 'not reached';
			const [top, share] = Object.entries(failedStep.cores).sort((a, b) => b[1] - a[1])[0];
			const total = Object.values(failedStep.cores).reduce((a, b) => a + b, 0);
			return `${total.toFixed(2)} of ${availableParallelism()} cores busy (most: ${top} ${share.toFixed(2)})`;
		};
		const ratios = CHAINS.filter((c) => c !== 'ours').map((c) =>
			r.capacity[c] ? ((r.capacity.ours ?? 0) / r.capacity[c]!).toFixed(2) : 'n/a',
		);
		return [r.line, r.topology, ...CHAINS.map((c) => r.capacity[c]), ...ratios, limit('ours')];
	});
	const others = CHAINS.filter((c) => c !== 'ours');
	printTable(
		`Burst capacity (highest rate held ${HOLD_S} s: all answered, all send_welcome_msg ≤ 20 s, p99 < 5 s, 0 lost) · ${machineAtStart}`,
		[
			'line',
			'topology',
			...CHAINS.map((c) => `${c} /s`),
			...others.map((c) => `ours / ${c}`),
			'at the first failing rate (ours)',
		],
		rows,
	);
	out();
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});

/**
 * Benchmark — the test suites' burst, side by side: `--events` callbacks (default 1,000) from
 * `--senders` (default 50) senders, each posting its next callback as soon as the previous one is
 * answered (closed loop: as fast as the setup answers), for each chain in one setup
 * (tools/bench/lib/setups.ts: ours = WeCom Trigger → WeCom Send, floor = a minimal community trigger →
 * HTTP Request, bare = n8n's Webhook → HTTP Request; the same send_welcome_msg).
 *
 * It answers the question the suites cannot: when a burst loses codes on a machine, is it the
 * package or n8n on that machine? If the floor — a trigger that parses nothing and evaluates no
 * expression — loses as many, no package can do better there; scale out or change a setting.
 *
 * Per chain: how fast callbacks came in, answers (200 / other), codes greeted in time (send_welcome_msg errcode 0
 * within WeCom's 20 s), send_welcome_msg calls refused (the code had expired on arrival), codes with no send_welcome_msg at all
 * (ours skips a code whose window passed before its execution started), answer and callback → send_welcome_msg
 * percentiles, and the cores each part kept busy.
 *
 *   npm run bench:burst [-- --line 1|2 --topology sqlite|postgres|queue1|queue2
 *                          --chains ours,floor,bare --events 1000 --senders 50
 *                          --env N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true]
 * Run it under the shared lock: flock /tmp/wecom-e2e.lock npm run bench:burst -- ...
 * A JSON summary goes to artifacts/bench-burst.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
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

const LINE = argValue('line', '2') as '1' | '2';
const TOPOLOGY = argValue('topology', 'queue2') as Topology;
const CHAINS = argValue('chains', 'ours,floor,bare').split(',') as Chain[];
const EVENTS = Number(argValue('events', '1000'));
const SENDERS = Number(argValue('senders', '50'));
const ENV = parseEnv(argValue('env', ''));
const CODE_LIFETIME_MS = 20_000;

interface Shot {
	code: string;
	sentAt: number;
	answeredMs?: number;
	status?: number;
}

interface BurstResult {
	chain: Chain;
	events: number;
	sendingS: number;
	inPerS: number;
	answered200: number;
	greetedInTime: number;
	refused: number;
	noS7: number;
	answerP50Ms: number;
	answerP99Ms: number;
	s7P50Ms: number;
	s7P99Ms: number;
	cores: Record<string, number>;
}

async function runBurst(setup: Setup, sandbox: Sandbox, chain: Chain): Promise<BurstResult> {
	const shots: Shot[] = [];
	let next = 0;
	const cpu0 = setup.groups();
	const t0 = Date.now();
	const sender = async () => {
		while (next < EVENTS) {
			const i = next++;
			const { code, url, init } = newCallback(setup, sandbox, chain, `burst-${chain}-${i}`);
			const shot: Shot = { code, sentAt: Date.now() };
			shots.push(shot);
			try {
				const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
				await res.arrayBuffer();
				shot.status = res.status;
			} catch {
				shot.status = 0;
			}
			shot.answeredMs = Date.now() - shot.sentAt;
		}
	};
	await Promise.all(Array.from({ length: SENDERS }, sender));
	const sendingMs = Date.now() - t0;
	// Every code is dead 20 s after it was made; give the last ones that long, plus a margin.
	const lastSent = Math.max(...shots.map((s) => s.sentAt));
	const codes = new Set(shots.map((s) => s.code));
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
	while (Date.now() < lastSent + CODE_LIFETIME_MS + 2_000 && arrivals().size < codes.size)
		await sleep(500);
	const elapsed = Date.now() - t0;
	const cores = coresBusy(cpu0, setup.groups(), elapsed);
	const found = arrivals();
	const inTime: number[] = [];
	let refused = 0;
	for (const s of shots) {
		const call = found.get(s.code);
		if (!call) continue;
		if (call.errcode !== 0) refused++;
		else if (call.at - s.sentAt <= CODE_LIFETIME_MS) inTime.push(call.at - s.sentAt);
	}
	const answers = shots.map((s) => s.answeredMs ?? Infinity);
	return {
		chain,
		events: shots.length,
		sendingS: Math.round(sendingMs / 100) / 10,
		inPerS: Math.round((shots.length / sendingMs) * 10_000) / 10,
		answered200: shots.filter((s) => s.status === 200).length,
		greetedInTime: inTime.length,
		refused,
		noS7: shots.length - found.size,
		answerP50Ms: Math.round(percentile(answers, 50)),
		answerP99Ms: Math.round(percentile(answers, 99)),
		s7P50Ms: Math.round(percentile(inTime, 50)),
		s7P99Ms: Math.round(percentile(inTime, 99)),
		cores,
	};
}

/** Until the setup's processes are idle again (a burst's backlog drained), at most 3 minutes. */
async function waitQuiet(setup: Setup): Promise<void> {
	const total = () => Object.values(setup.groups()).reduce((a, b) => a + b, 0);
	const started = Date.now();
	let last = total();
	let quiet = 0;
	while (quiet < 3 && Date.now() - started < 180_000) {
		await sleep(1_000);
		const now = total();
		quiet = now - last < 100 ? quiet + 1 : 0;
		last = now;
	}
}

async function main() {
	console.log(`ensureBuilt: ${ensureBuilt()}`);
	const machine = machineLine();
	const settings =
		Object.entries(ENV)
			.map(([k, v]) => `${k}=${v}`)
			.join(' ') || 'n8n defaults';
	console.log(
		`burst benchmark · ${machine} · line ${LINE} · ${TOPOLOGY} · ${EVENTS} callbacks from ${SENDERS} senders · ${settings}`,
	);
	const sandbox = await startSandbox();
	const results: BurstResult[] = [];
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
			for (const chain of CHAINS) {
				await waitQuiet(setup);
				const result = await runBurst(setup, sandbox, chain);
				results.push(result);
				console.log(`${chain}: ${JSON.stringify(result)}`);
			}
		} finally {
			await setup.stop();
		}
	} finally {
		await sandbox.close();
	}
	mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
	writeFileSync(
		join(ROOT, 'artifacts', 'bench-burst.json'),
		`${JSON.stringify({ machine, line: LINE, topology: TOPOLOGY, events: EVENTS, senders: SENDERS, env: ENV, results }, null, 2)}\n`,
	);
	printTable(
		`Burst: ${EVENTS} callbacks from ${SENDERS} senders, line ${LINE}, ${TOPOLOGY}, ${settings} · ${machine}`,
		[
			'chain',
			'in /s',
			'answered 200',
			'greeted ≤ 20 s',
			'send_welcome_msg refused',
			'no send_welcome_msg',
			'answer p50 / p99',
			'callback → send_welcome_msg p50 / p99',
			'cores busy',
		],
		results.map((r) => [
			r.chain,
			r.inPerS,
			r.answered200,
			r.greetedInTime,
			r.refused,
			r.noS7,
			`${r.answerP50Ms} / ${r.answerP99Ms} ms`,
			`${r.s7P50Ms} / ${r.s7P99Ms} ms`,
			Object.entries(r.cores)
				.filter(([, v]) => v >= 0.05)
				.map(([k, v]) => `${k} ${v.toFixed(2)}`)
				.join(', '),
		]),
	);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});

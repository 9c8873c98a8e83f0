/**
 * Benchmark — burst capacity: the highest callback rate an n8n setup holds while every new
 * customer is still greeted in time. For each topology and n8n line, at a rising open-loop rate
 * (callbacks sent on a fixed schedule, whatever the answers), for `--hold` seconds:
 *   passes when every callback is answered 200, every S7 (send_welcome_msg) arrives within 20 s
 *   of its callback (WeCom's welcome-code lifetime) with errcode 0, and p99 callback → S7 < 5 s.
 * The highest passing rate is the capacity. Ours (WeCom Trigger → WeCom Send) and n8n's bare chain
 * (Webhook → HTTP Request, the same S7) run in the same n8n, same run, one after the other at each
 * rate; the table gives ours / bare.
 *
 *   topology   what runs                                                          callbacks go to
 *   sqlite     one `n8n start` (regular mode, SQLite)                            it
 *   postgres   one `n8n start` (regular mode, Postgres)                          it
 *   queue1     main + webhook processor + 1 worker (Postgres, Redis)            the webhook processor
 *   queue2     main + webhook processor + 2 workers                              the webhook processor
 *
 * What limits a step: the CPU each part used (n8n processes by process group, Postgres, Redis,
 * this process with the sandbox), as a share of the machine's cores during the step.
 *
 *   npm run bench:capacity [-- --line 1|2|both --topologies sqlite,postgres,queue1,queue2
 *                             --rates 2,4,6,8,12,16 --hold 60]
 * Run it under the shared lock: flock /tmp/wecom-e2e.lock npm run bench:capacity -- ...
 * A JSON summary goes to artifacts/bench-capacity.json.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type RecordedCall, type Sandbox } from '../sandbox';
import { ROOT, ensureBuilt } from './lib/build';
import { groupCpuMs, pgidOf, postgresCpuMs } from './lib/processCpu';
import { argValue, machineLine } from './lib/machine';
import { percentile } from './lib/stats';
import { printTable } from './lib/table';
import { sleep } from './lib/timing';

type InstanceModule = typeof import('../scripts/n8n/instance');
type PackageModule = typeof import('../scripts/n8n/package');
type TopologyModule = typeof import('../scripts/n8n/topology');
// Plain CommonJS next to the sources, not compiled into .build: load it from the repository.
const { N8nInstance } = require(join(ROOT, 'scripts/n8n/instance.js')) as InstanceModule;
const { packAndInstall } = require(join(ROOT, 'scripts/n8n/package.js')) as PackageModule;
const { QueueTopology } = require(join(ROOT, 'scripts/n8n/topology.js')) as TopologyModule;
const { Postgres } = require(join(ROOT, 'scripts/n8n/services.js')) as { Postgres: { create(): Promise<any> } };

const LINE_ARG = argValue('line', 'both');
const LINES = (LINE_ARG === 'both' ? ['1', '2'] : [LINE_ARG]) as Array<'1' | '2'>;
const TOPOLOGIES = argValue('topologies', 'sqlite,postgres,queue1,queue2').split(',') as Topology[];
const RATES = argValue('rates', '2,4,6,8,12,16').split(',').map(Number);
const HOLD_S = Number(argValue('hold', '60'));
const CODE_LIFETIME_MS = 20_000;
const P99_GOAL_MS = 5_000;

type Topology = 'sqlite' | 'postgres' | 'queue1' | 'queue2';
type Chain = 'ours' | 'bare';

const PKG = 'n8n-nodes-wecom-masssend';
const CREDENTIAL = { id: 'capWeComCred0001', name: 'WeCom sandbox (capacity)' };
const WEBHOOK_ID = 'c0ffee00-7d4f-4b8e-9a61-00000000c0de';
const BARE_PATH = 'capacity-bare';
const WELCOME_TEXT = 'Welcome! 欢迎 %NICKNAME%';

function workflows(sandboxUrl: string, accessToken: string) {
	const ours = {
		id: 'capacityOurs0001',
		name: 'capacity: WeCom Trigger → WeCom Send',
		nodes: [
			{ id: 'o1', name: 'WeCom Trigger', type: `${PKG}.weComTrigger`, typeVersion: 1, position: [0, 0], webhookId: WEBHOOK_ID, parameters: { events: ['add_external_contact'], options: {} }, credentials: { weComApi: CREDENTIAL } },
			{ id: 'o2', name: 'Send Welcome', type: `${PKG}.weComMassSend`, typeVersion: 1, position: [220, 0], parameters: { resource: 'welcomeMessage', operation: 'send', text: WELCOME_TEXT }, credentials: { weComApi: CREDENTIAL } },
		],
		connections: { 'WeCom Trigger': { main: [[{ node: 'Send Welcome', type: 'main', index: 0 }]] } },
		settings: {},
	};
	const bare = {
		id: 'capacityBare0001',
		name: 'capacity: Webhook → HTTP Request',
		nodes: [
			{ id: 'b1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'c0ffee00-7d4f-4b8e-9a61-00000000ba4e', parameters: { httpMethod: 'POST', path: BARE_PATH, responseMode: 'onReceived', options: {} } },
			{
				id: 'b2',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'POST',
					url: `${sandboxUrl}/cgi-bin/externalcontact/send_welcome_msg?access_token=${accessToken}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ welcome_code: $json.query.code, text: { content: ${JSON.stringify(WELCOME_TEXT)} } }) }}`,
					options: {},
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
		settings: {},
	};
	return { ours, bare };
}

/** The running setup, whatever its shape: where callbacks go and whose CPU to watch. */
interface Setup {
	ingress: string;
	groups: () => Record<string, number>;
	stop: () => Promise<void>;
}

async function startSetup(line: '1' | '2', topology: Topology, sandbox: Sandbox, accessToken: string): Promise<Setup> {
	const wfs = workflows(sandbox.url, accessToken);
	const credential = { ...CREDENTIAL, type: 'weComApi', data: { ...sandbox.config, baseUrl: sandbox.url } };
	if (topology === 'sqlite' || topology === 'postgres') {
		const pg = topology === 'postgres' ? await Postgres.create() : undefined;
		if (pg) await pg.start();
		const n8n = await N8nInstance.create({ line, env: pg ? { ...pg.n8nEnv(), DB_POSTGRESDB_POOL_SIZE: '10' } : {} });
		await packAndInstall(n8n.userFolder);
		await n8n.importCredentials([credential]);
		for (const wf of [wfs.ours, wfs.bare]) await n8n.activate(await n8n.importWorkflow(wf));
		await n8n.start();
		await n8n.waitForWebhook(`${WEBHOOK_ID}/wecom`, { timeoutMs: 120_000 });
		await n8n.waitForWebhook(BARE_PATH, { timeoutMs: 60_000 });
		const pgPid = pg ? Number(readFileSync(join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) : 0;
		return {
			ingress: n8n.baseUrl,
			groups: () => ({ n8n: groupCpuMs((n8n as any).child.pid), ...(pg ? { postgres: postgresCpuMs(pgPid) } : {}) }),
			stop: async () => {
				await n8n.stop();
				await pg?.stop();
			},
		};
	}
	const topo = await QueueTopology.create({ line, workers: topology === 'queue1' ? 1 : 2 });
	try {
		await topo.main.importCredentials([credential]);
		for (const wf of [wfs.ours, wfs.bare]) await topo.main.activate(await topo.main.importWorkflow(wf));
		await topo.start({ waitForWebhook: `${WEBHOOK_ID}/wecom` });
		await topo.waitForWebhook(`${WEBHOOK_ID}/wecom`, { timeoutMs: 120_000 });
		await topo.waitForWebhook(BARE_PATH, { timeoutMs: 60_000 });
	} catch (err) {
		await topo.stop();
		throw err;
	}
	const pgPid = Number(readFileSync(join((topo.postgres as any).dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
	return {
		ingress: topo.webhook.baseUrl,
		groups: () => {
			const out: Record<string, number> = { main: groupCpuMs((topo.main as any).child.pid), webhook: groupCpuMs((topo.webhook as any).child.pid) };
			topo.workers.forEach((w, i) => (out[`worker${i + 1}`] = groupCpuMs((w as any).child.pid)));
			out.postgres = postgresCpuMs(pgPid);
			out.redis = groupCpuMs(pgidOf((topo.redis as any).child.pid));
			return out;
		},
		stop: () => topo.stop(),
	};
}

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
		const event = sandbox.addExternalContactEvent({ state: `cap-${chain}-${rate}-${i}` });
		const code = String(event.WelcomeCode);
		const built = sandbox.buildCallback(event);
		const query = new URLSearchParams(built.query);
		const url = chain === 'ours' ? `${setup.ingress}/webhook/${WEBHOOK_ID}/wecom` : `${setup.ingress}/webhook/${BARE_PATH}`;
		if (chain === 'bare') query.set('code', code);
		const shot: { code: string; sentAt: number; status?: number } = { code, sentAt: Date.now() };
		shots.push(shot);
		pending.push(
			fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: built.body, signal: AbortSignal.timeout(30_000) })
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
	// earlier once every accepted callback has its S7.
	const lastSent = shots[shots.length - 1].sentAt;
	const waitingFor = new Set(shots.filter((s) => s.status === 200).map((s) => s.code));
	let scanned = 0;
	while (Date.now() < lastSent + CODE_LIFETIME_MS + 1_000 && waitingFor.size > 0) {
		const calls = sandbox.calls;
		for (; scanned < calls.length; scanned++) {
			if (calls[scanned].path.endsWith('/send_welcome_msg')) waitingFor.delete(String((calls[scanned].body as { welcome_code?: string } | undefined)?.welcome_code));
		}
		await sleep(250);
	}
	await sleep(500);
	const elapsed = Date.now() - t0;
	const cpu1 = setup.groups();
	const self = process.cpuUsage(self0);
	const cores: Record<string, number> = {};
	for (const k of Object.keys(cpu1)) cores[k] = Math.round(((cpu1[k] - (cpu0[k] ?? 0)) / elapsed) * 100) / 100;
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
		passed: answered200 === shots.length && inTime === shots.length && lost === 0 && p99 < P99_GOAL_MS,
		cores,
	};
}

async function main() {
	console.log(`ensureBuilt: ${ensureBuilt()}`);
	const machineAtStart = machineLine();
	console.log(`capacity benchmark · ${machineAtStart} · rates ${RATES.join(',')}/s · hold ${HOLD_S} s`);
	const sandbox = await startSandbox();
	const tokenResponse = await fetch(`${sandbox.url}/cgi-bin/gettoken?corpid=${sandbox.config.corpId}&corpsecret=${encodeURIComponent(sandbox.config.secret)}`);
	const accessToken = String(((await tokenResponse.json()) as { access_token: string }).access_token);
	const results: Array<{ line: string; topology: Topology; steps: Step[]; capacity: Record<Chain, number>; loadAvg: number[] }> = [];
	const out = () => {
		mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
		writeFileSync(join(ROOT, 'artifacts', 'bench-capacity.json'), `${JSON.stringify({ machine: machineAtStart, nproc: availableParallelism(), holdS: HOLD_S, rates: RATES, results }, null, 2)}\n`);
	};
	try {
		for (const line of LINES) {
			for (const topology of TOPOLOGIES) {
				const setup = await startSetup(line, topology, sandbox, accessToken);
				const steps: Step[] = [];
				const capacity: Record<Chain, number> = { ours: 0, bare: 0 };
				const failed = new Set<Chain>();
				try {
					// Warm-up: the first executions of a process load modules and isolates.
					for (const chain of ['ours', 'bare'] as Chain[]) await runWarmup(setup, sandbox, chain);
					for (const rate of RATES) {
						for (const chain of ['ours', 'bare'] as Chain[]) {
							if (failed.has(chain)) continue;
							const step = await runStep(setup, sandbox, chain, rate);
							steps.push(step);
							console.log(`line ${line} ${topology} ${chain} ${rate}/s: ${step.passed ? 'PASS' : 'FAIL'} answered ${step.answered200}/${step.sent}, in time ${step.greetedInTime}, lost ${step.lost}, p50 ${step.p50Ms} ms, p99 ${step.p99Ms} ms, cores ${JSON.stringify(step.cores)}`);
							if (step.passed) capacity[chain] = rate;
							else failed.add(chain);
							await sleep(3_000);
						}
						if (failed.size === 2) break;
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
		return [r.line, r.topology, r.capacity.ours, r.capacity.bare, r.capacity.bare ? (r.capacity.ours / r.capacity.bare).toFixed(2) : 'n/a', limit('ours')];
	});
	printTable(`Burst capacity (highest rate held ${HOLD_S} s: all answered, all S7 ≤ 20 s, p99 < 5 s, 0 lost) · ${machineAtStart}`, ['line', 'topology', 'ours /s', 'bare /s', 'ours / bare', 'at the first failing rate (ours)'], rows);
	out();
}

/** 10 callbacks at 5/s, not counted. */
async function runWarmup(setup: Setup, sandbox: Sandbox, chain: Chain) {
	const shots: Array<Promise<unknown>> = [];
	for (let i = 0; i < 10; i++) {
		const event = sandbox.addExternalContactEvent({ state: `warm-${chain}-${i}` });
		const built = sandbox.buildCallback(event);
		const query = new URLSearchParams(built.query);
		if (chain === 'bare') query.set('code', String(event.WelcomeCode));
		const url = chain === 'ours' ? `${setup.ingress}/webhook/${WEBHOOK_ID}/wecom` : `${setup.ingress}/webhook/${BARE_PATH}`;
		shots.push(fetch(`${url}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: built.body }).then((r) => r.arrayBuffer()).catch(() => undefined));
		await sleep(200);
	}
	await Promise.all(shots);
	await sleep(3_000);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});

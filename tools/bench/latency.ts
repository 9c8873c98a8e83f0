/**
 * Benchmark 2 — callback → send_welcome_msg latency in a real n8n (this package installed as users get it), on
 * n8n's defaults (the `vm` expression engine), with the variants that show where the time goes.
 * All chains are active in the same n8n and fed the same encrypted callback bodies; those that end
 * in send_welcome_msg (send_welcome_msg) get a fresh welcome code each. Latency = the sandbox's recorded arrival
 * of the send_welcome_msg call (`at`) minus the time the callback POST was sent; same process, same clock.
 *
 *   chain        trigger                          → next node
 *   wecom        WeCom Trigger                    → WeCom (Welcome Message → Send)              ours
 *   wecomV1      WeCom Trigger at version 1       → the same (n8n evaluates an expression per request to a version-1 webhook node)
 *   bare         n8n Webhook                      → HTTP Request (the same send_welcome_msg)                 n8n's own chain
 *   floor        minimal community trigger        → HTTP Request (the same send_welcome_msg)                 what any package reaches
 *   floorAgain   the same as floor, its own workflow                                         the control: two equal chains differ only by noise
 *   floorCreds   minimal trigger + getCredentials → HTTP Request                               one credential read in the webhook phase
 *   wtNoop       WeCom Trigger                    → NoOp
 *   whNoop       n8n Webhook                      → NoOp
 *   minNoop      minimal community trigger        → NoOp
 *   whSend       n8n Webhook                      → WeCom (Welcome Message → Send)
 *   minSend      minimal community trigger        → WeCom Send, Welcome Code left at its default (read without an expression)
 *   minSendExpr  minimal community trigger        → WeCom Send, Welcome Code `={{ $json.WelcomeCode + '' }}` (an expression)
 *   minEvent     minimal trigger emitting an item the size of ours → WeCom Send       what the item's size costs
 *   wecomHttp    WeCom Trigger                    → HTTP Request (the floor's request)          ours against floor, the send alike
 *   wecomSplit   WeCom Trigger (its own credential) → WeCom Send                            as wecom, the two nodes on two credentials
 *   floorAuth    minimal community trigger        → HTTP Request, the token in an n8n credential  the floor with one credential read per execution, as every authenticated node pays
 *
 * The minimal trigger is a tiny package the bench writes into the user folder (tools/bench/lib/minimalTrigger.ts).
 * NoOp chains make no send_welcome_msg: they are compared by the time to n8n's answer (the webhook phase) and by
 * the CPU the n8n process group spends per callback (read from /proc; robust to a shared machine).
 *
 * Settings (`--settings default,legacy,...`): each starts its own n8n with one change to the
 * environment and runs wecom, bare and floor (the default run has every chain, lazy adds minSend
 * and minSendExpr: with lazy acquisition an execution without expressions needs no isolate):
 *   default   nothing set (vm engine, pool of 1 isolate, eager acquire, save every execution)
 *   legacy    N8N_EXPRESSION_ENGINE=legacy
 *   pool4     N8N_EXPRESSION_ENGINE_POOL_SIZE=4
 *   lazy      N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true   (2.x only)
 *   saveNone  EXECUTIONS_DATA_SAVE_ON_SUCCESS=none
 *   limit10   N8N_CONCURRENCY_PRODUCTION_LIMIT=10
 *
 *   npm run bench:latency [-- --line 1|2|both --settings default,lazy --sequential 100
 *                            --concurrent 300 --concurrency 50 --keep]
 *   (--keep leaves the n8n user folders under .tmp/; a JSON summary goes to artifacts/)
 *   --trace: times the parts of each callback inside n8n (tools/bench/lib/trace/) and prints where
 *   each chain spends its time; the wrappers cost a little, so compare traced runs with each other.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import { ROOT, ensureBuilt } from './lib/build';
import { argValue, hasFlag, machineLine } from './lib/machine';
import {
	MINIMAL_CREDENTIAL_TYPE,
	MINIMAL_PATH,
	MINIMAL_TRIGGER_TYPE,
	MINIMAL_TRIGGER_VERSION,
	installMinimalTrigger,
} from './lib/minimalTrigger';
import { groupCpuMs, waitCpuIdle } from './lib/processCpu';
import { WECOM_TRIGGER_VERSION, s7RequestNode } from './lib/setups';
import { summarize } from './lib/stats';
import { printTable, ratio } from './lib/table';
import { sleep } from './lib/timing';
import {
	PRELOAD,
	SEGMENT_NAMES,
	readTrace,
	segmentPercentile,
	segmentsOf,
	type Segments,
} from './lib/trace/breakdown';

type InstanceModule = typeof import('../n8n/instance');
type PackageModule = typeof import('../n8n/package');
type InstallModule = typeof import('../n8n/install');
// Plain CommonJS next to the sources, not compiled into .build: load it from the repository.
const { N8nInstance } = require(join(ROOT, 'tools/n8n/instance.js')) as InstanceModule;
const { packAndInstall } = require(join(ROOT, 'tools/n8n/package.js')) as PackageModule;
const { ensureN8n } = require(join(ROOT, 'tools/n8n/install.js')) as InstallModule;

const LINE_ARG = argValue('line', 'both');
const LINES = (LINE_ARG === 'both' ? ['1', '2'] : [LINE_ARG]) as Array<'1' | '2'>;
const SEQUENTIAL = Number(argValue('sequential', '100'));
const CONCURRENT = Number(argValue('concurrent', '300'));
const CONCURRENCY = Number(argValue('concurrency', '50'));
const TRACE = hasFlag('trace');
/** --repeat N: each setting N times, each in a fresh n8n; the ratios' medians close the report. */
const REPEAT = Math.max(1, Number(argValue('repeat', '1')));
/** --cpu-prof: n8n's processes write V8 CPU profiles on exit (`.tmp/cpuprof-…`, read with tools/bench/cpuprof.ts). */
const CPU_PROF = hasFlag('cpu-prof');

const PKG = 'n8n-nodes-wecom-masssend';
const CREDENTIAL = { id: 'benchWeComCred01', name: 'WeCom sandbox (bench)' };
/** The same data under another id: what sharing one credential between trigger and send costs. */
const TRIGGER_CREDENTIAL = { id: 'benchWeComCred02', name: 'WeCom sandbox (bench, trigger)' };
const MINIMAL_CREDENTIAL = { id: 'benchMinCred0001', name: 'Bench minimal' };
/** n8n's own Query Auth credential holding the access token (floorAuth). */
const QUERY_AUTH_CREDENTIAL = { id: 'benchQueryAuth01', name: 'Bench access token' };
const WELCOME_TEXT = 'Welcome! 欢迎 %NICKNAME%';

const CHAIN_IDS = [
	'wecom',
	'wecomV1',
	'bare',
	'floor',
	'floorAgain',
	'floorCreds',
	'wtNoop',
	'whNoop',
	'minNoop',
	'whSend',
	'minSend',
	'minSendExpr',
	'minEvent',
	'wecomHttp',
	'wecomSplit',
	'floorAuth',
] as const;
type Chain = (typeof CHAIN_IDS)[number];

/** --chains a,b: run these chains instead of the setting's own (e.g. to trace NoOp chains). */
const CHAINS_ARG = argValue('chains', '');
for (const chain of CHAINS_ARG ? CHAINS_ARG.split(',') : [])
	if (!(CHAIN_IDS as readonly string[]).includes(chain))
		throw new Error(`unknown chain "${chain}"; known: ${CHAIN_IDS.join(', ')}`);

interface Setting {
	env: Record<string, string>;
	lines: Array<'1' | '2'>;
	chains: readonly Chain[];
}

const WELCOME_CHAINS: readonly Chain[] = ['wecom', 'bare', 'floor'];
const SETTINGS: Record<string, Setting> = {
	default: { env: {}, lines: ['1', '2'], chains: CHAIN_IDS },
	legacy: { env: { N8N_EXPRESSION_ENGINE: 'legacy' }, lines: ['1', '2'], chains: WELCOME_CHAINS },
	pool4: {
		env: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '4' },
		lines: ['1', '2'],
		chains: WELCOME_CHAINS,
	},
	lazy: {
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		lines: ['2'],
		chains: [...WELCOME_CHAINS, 'whSend', 'minSend', 'minSendExpr'],
	},
	saveNone: {
		env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' },
		lines: ['1', '2'],
		chains: WELCOME_CHAINS,
	},
	limit10: {
		env: { N8N_CONCURRENCY_PRODUCTION_LIMIT: '10' },
		lines: ['1', '2'],
		chains: WELCOME_CHAINS,
	},
};
const SETTING_NAMES = argValue('settings', 'default').split(',');
for (const name of SETTING_NAMES)
	if (!SETTINGS[name])
		throw new Error(`unknown setting "${name}"; known: ${Object.keys(SETTINGS).join(', ')}`);

/** The node a chain starts at, and the node after it. */
type Start = 'wecom' | 'minimal' | 'webhook';
type Next = 'send' | 'http' | 'httpAuth' | 'noop';

interface ChainSpec {
	label: string;
	start: Start;
	next: Next;
	/** Ends in an send_welcome_msg call whose arrival is the latency (every next node but NoOp). */
	s7: boolean;
	/** What follows /webhook/ (for waitForWebhook and the POST). */
	path: string;
	/** The code is passed in the query string (n8n's Webhook and the minimal trigger read it there). */
	codeInQuery: boolean;
}

const webhookId = (chain: Chain) =>
	`b3c1e0a2-7d4f-4b8e-9a61-${(CHAIN_IDS.indexOf(chain) + 1).toString(16).padStart(12, '0')}`;

/**
 * A chain's spec from where it starts. WeCom Trigger reads the code inside the encrypted event; the
 * minimal trigger and n8n's Webhook (on its own path) read it from the query string.
 */
const chainSpec = (start: Start, path: string, label: string, next: Next): ChainSpec => ({
	label,
	start,
	next,
	s7: next !== 'noop',
	path,
	codeInQuery: start !== 'wecom',
});
const onWeCom = (chain: Chain, label: string, next: Next) =>
	chainSpec('wecom', `${webhookId(chain)}/wecom`, label, next);
const onMinimal = (chain: Chain, label: string, next: Next) =>
	chainSpec('minimal', `${webhookId(chain)}/${MINIMAL_PATH}`, label, next);
const onWebhook = (path: string, label: string, next: Next) =>
	chainSpec('webhook', path, label, next);

const CHAINS: Record<Chain, ChainSpec> = {
	wecom: onWeCom('wecom', 'WeCom Trigger → WeCom Send', 'send'),
	wecomV1: onWeCom('wecomV1', 'WeCom Trigger version 1 → WeCom Send', 'send'),
	bare: onWebhook('bench-bare', 'Webhook → HTTP Request', 'http'),
	floor: onMinimal('floor', 'minimal trigger → HTTP Request', 'http'),
	floorAgain: onMinimal('floorAgain', 'the same as floor (control)', 'http'),
	floorCreds: onMinimal('floorCreds', 'minimal trigger + getCredentials → HTTP Request', 'http'),
	floorAuth: onMinimal('floorAuth', 'minimal trigger → HTTP Request with a credential', 'httpAuth'),
	wtNoop: onWeCom('wtNoop', 'WeCom Trigger → NoOp', 'noop'),
	whNoop: onWebhook('bench-noop', 'Webhook → NoOp', 'noop'),
	minNoop: onMinimal('minNoop', 'minimal trigger → NoOp', 'noop'),
	whSend: onWebhook('bench-send', 'Webhook → WeCom Send', 'send'),
	minSend: onMinimal('minSend', 'minimal trigger → WeCom Send (default code)', 'send'),
	minSendExpr: onMinimal(
		'minSendExpr',
		'minimal trigger → WeCom Send (code by expression)',
		'send',
	),
	wecomSplit: onWeCom('wecomSplit', 'WeCom Trigger (own credential) → WeCom Send', 'send'),
	wecomHttp: onWeCom('wecomHttp', 'WeCom Trigger → HTTP Request', 'http'),
	minEvent: onMinimal('minEvent', 'minimal trigger, item the size of ours → WeCom Send', 'send'),
};

type Node = Record<string, unknown>;

function startNode(chain: Chain): Node {
	const base = { id: `${chain}-1`, position: [0, 0] };
	const { start } = CHAINS[chain];
	if (start === 'wecom') {
		return {
			...base,
			name: 'WeCom Trigger',
			type: `${PKG}.weComTrigger`,
			typeVersion: chain === 'wecomV1' ? 1 : WECOM_TRIGGER_VERSION,
			webhookId: webhookId(chain),
			parameters: { events: ['add_external_contact'], options: {} },
			credentials: { weComApi: chain === 'wecomSplit' ? TRIGGER_CREDENTIAL : CREDENTIAL },
		};
	}
	if (start === 'minimal') {
		return {
			...base,
			name: 'Minimal Trigger',
			type: MINIMAL_TRIGGER_TYPE,
			typeVersion: MINIMAL_TRIGGER_VERSION,
			webhookId: webhookId(chain),
			parameters:
				chain === 'floorCreds'
					? { readCredentials: true }
					: chain === 'minEvent'
						? { eventItem: true }
						: {},
			...(chain === 'floorCreds'
				? { credentials: { [MINIMAL_CREDENTIAL_TYPE]: MINIMAL_CREDENTIAL } }
				: {}),
		};
	}
	return {
		...base,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: webhookId(chain),
		parameters: {
			httpMethod: 'POST',
			path: CHAINS[chain].path,
			responseMode: 'onReceived',
			options: {},
		},
	};
}

function nextNode(chain: Chain, sandboxUrl: string, accessToken: string): Node {
	const base = { id: `${chain}-2`, position: [220, 0] };
	const { next, start } = CHAINS[chain];
	if (next === 'noop') {
		return { ...base, name: 'NoOp', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
	}
	if (next === 'send') {
		return {
			...base,
			name: 'Send Welcome',
			type: `${PKG}.weComMassSend`,
			typeVersion: 1,
			// wecom, minSend: the parameter's default (the trigger's WelcomeCode), as a user leaves it.
			parameters: {
				resource: 'welcomeMessage',
				operation: 'send',
				...(chain === 'whSend' ? { welcomeCode: '={{ $json.query.code }}' } : {}),
				...(chain === 'minSendExpr' ? { welcomeCode: "={{ $json.WelcomeCode + '' }}" } : {}),
				text: WELCOME_TEXT,
			},
			credentials: { weComApi: CREDENTIAL },
		};
	}
	const code = start === 'webhook' ? '$json.query.code' : '$json.WelcomeCode';
	const request = s7RequestNode(sandboxUrl, accessToken, code, WELCOME_TEXT);
	if (next === 'http') return { ...base, ...request };
	// httpAuth: the same request, its token read from an n8n credential (Query Auth) in each execution.
	return {
		...base,
		...request,
		parameters: {
			...request.parameters,
			url: `${sandboxUrl}/cgi-bin/externalcontact/send_welcome_msg`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpQueryAuth',
		},
		credentials: { httpQueryAuth: QUERY_AUTH_CREDENTIAL },
	};
}

function workflow(chain: Chain, sandboxUrl: string, accessToken: string) {
	const first = startNode(chain);
	const second = nextNode(chain, sandboxUrl, accessToken);
	return {
		id: `bench${chain.padEnd(11, '0')}`.slice(0, 16),
		name: `bench: ${CHAINS[chain].label}`,
		nodes: [first, second],
		connections: {
			[first.name as string]: { main: [[{ node: second.name as string, type: 'main', index: 0 }]] },
		},
		settings: {},
	};
}

interface Shot {
	chain: Chain;
	code: string;
	sentAt: number;
	/** ms until n8n answered the callback POST. */
	answeredMs?: number;
	status?: number;
	arrivedAt?: number;
	errcode?: number;
}

/** Watches the sandbox's recorded send_welcome_msg calls and resolves each welcome code's arrival. */
class ArrivalWatch {
	private seen = 0;
	private readonly waiting = new Map<string, (call: { at: number; errcode?: number }) => void>();
	private readonly arrived = new Map<string, { at: number; errcode?: number }>();
	private readonly timer: NodeJS.Timeout;

	constructor(private readonly sandbox: Sandbox) {
		this.timer = setInterval(() => this.scan(), 2);
	}

	private scan() {
		const calls = this.sandbox.calls;
		for (; this.seen < calls.length; this.seen++) {
			const call = calls[this.seen];
			if (!call.path.endsWith('/send_welcome_msg')) continue;
			const code = (call.body as { welcome_code?: string } | undefined)?.welcome_code;
			if (typeof code !== 'string') continue;
			// The answer (errcode) is filled in when the route answers: read it later via the object.
			this.arrived.set(code, call);
			this.waiting.get(code)?.(call);
			this.waiting.delete(code);
		}
	}

	wait(code: string, timeoutMs: number): Promise<{ at: number; errcode?: number } | undefined> {
		const known = this.arrived.get(code);
		if (known) return Promise.resolve(known);
		return new Promise((resolve) => {
			const timeout = setTimeout(() => {
				this.waiting.delete(code);
				resolve(undefined);
			}, timeoutMs);
			this.waiting.set(code, (call) => {
				clearTimeout(timeout);
				resolve(call);
			});
		});
	}

	stop() {
		clearInterval(this.timer);
	}
}

async function fire(
	sandbox: Sandbox,
	baseUrl: string,
	chain: Chain,
	watch: ArrivalWatch,
): Promise<Shot> {
	const spec = CHAINS[chain];
	const event = sandbox.addExternalContactEvent();
	const code = String(event.WelcomeCode);
	const built = sandbox.buildCallback(event);
	const query = new URLSearchParams(built.query);
	if (spec.codeInQuery) query.set('code', code);
	const shot: Shot = { chain, code, sentAt: Date.now() };
	const arrival = spec.s7 ? watch.wait(code, 60_000) : undefined;
	try {
		const res = await fetch(`${baseUrl}/webhook/${spec.path}?${query}`, {
			method: 'POST',
			headers: { 'content-type': 'text/xml' },
			body: built.body,
		});
		await res.arrayBuffer();
		shot.status = res.status;
	} catch {
		shot.status = 0;
	}
	shot.answeredMs = Date.now() - shot.sentAt;
	const call = await arrival;
	if (call) {
		shot.arrivedAt = call.at;
		// Let the sandbox finish answering before reading the errcode.
		await sleep(0);
		shot.errcode = call.errcode;
	}
	return shot;
}

async function pool<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = new Array(count);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, count) }, async () => {
			while (next < count) {
				const index = next++;
				results[index] = await task(index);
			}
		}),
	);
	return results;
}

interface ChainResult {
	chain: Chain;
	sequential: Shot[];
	concurrent: Shot[];
	/** CPU ms of the n8n process group per callback, over the concurrent phase. */
	cpuMsPerCallback: number;
	/** --trace: the parts of each callback inside n8n, per phase. */
	traced?: { sequential: Segments[]; concurrent: Segments[] };
}

interface RunResult {
	line: '1' | '2';
	version: string;
	setting: string;
	env: Record<string, string>;
	chains: ChainResult[];
}

async function benchRun(
	line: '1' | '2',
	setting: string,
	sandbox: Sandbox,
	accessToken: string,
	rotation = 0,
): Promise<RunResult> {
	const { env } = SETTINGS[setting];
	const listed = CHAINS_ARG ? (CHAINS_ARG.split(',') as Chain[]) : SETTINGS[setting].chains;
	// Each repeat starts the rotation at the next chain, so no chain always holds the first place.
	const chains = listed.map((_, i) => listed[(i + rotation) % listed.length]);
	const setupStarted = Date.now();
	await ensureN8n(line);
	const traceFile = join(ROOT, '.tmp', `trace-${line}-${setting}-${Date.now()}.jsonl`);
	const profileDir = join(ROOT, '.tmp', `cpuprof-${line}-${setting}-${Date.now()}`);
	const nodeOptions = [
		...(TRACE ? [`--require ${PRELOAD}`] : []),
		...(CPU_PROF ? [`--cpu-prof --cpu-prof-dir=${profileDir}`] : []),
		// Any further probe for a one-off question (e.g. `--require /tmp/probe.js`), bench only.
		...(process.env.WECOM_BENCH_NODE_OPTIONS ? [process.env.WECOM_BENCH_NODE_OPTIONS] : []),
	].join(' ');
	const n8n = await N8nInstance.create({
		line,
		env: {
			...env,
			...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
			...(TRACE ? { WECOM_BENCH_TRACE: traceFile } : {}),
		},
	});
	if (CPU_PROF)
		console.log(`CPU profiles of n8n's processes → ${profileDir} (written when n8n stops)`);
	const results: ChainResult[] = chains.map((chain) => ({
		chain,
		sequential: [],
		concurrent: [],
		cpuMsPerCallback: NaN,
	}));
	try {
		await packAndInstall(n8n.userFolder);
		installMinimalTrigger(n8n.userFolder);
		await n8n.importCredentials([
			{ ...CREDENTIAL, type: 'weComApi', data: { ...sandbox.config, baseUrl: sandbox.url } },
			{
				...TRIGGER_CREDENTIAL,
				type: 'weComApi',
				data: { ...sandbox.config, baseUrl: sandbox.url },
			},
			{ ...MINIMAL_CREDENTIAL, type: MINIMAL_CREDENTIAL_TYPE, data: { key: 'bench' } },
			{
				...QUERY_AUTH_CREDENTIAL,
				type: 'httpQueryAuth',
				data: { name: 'access_token', value: accessToken },
			},
		]);
		for (const chain of chains)
			await n8n.activate(await n8n.importWorkflow(workflow(chain, sandbox.url, accessToken)));
		await n8n.start();
		for (const chain of chains) await n8n.waitForWebhook(CHAINS[chain].path, { method: 'POST' });
		const pgid = (n8n as unknown as { child: { pid: number } }).child.pid;
		console.log(
			`line ${line} [${setting}]: n8n ${n8n.version} ready in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`,
		);

		const watch = new ArrivalWatch(sandbox);
		// Warm-up: every chain a few times (first executions load code and fetch the token).
		for (let i = 0; i < 8; i++)
			for (const chain of chains) await fire(sandbox, n8n.baseUrl, chain, watch);
		await waitCpuIdle(pgid);

		// Sequential: one callback in flight at a time, chain order rotating, each waits for its send_welcome_msg
		// (NoOp chains: for the answer, then a pause so their execution ends before the next POST).
		let phase = Date.now();
		for (let i = 0; i < SEQUENTIAL; i++) {
			for (let k = 0; k < chains.length; k++) {
				const index = (k + i) % chains.length;
				const shot = await fire(sandbox, n8n.baseUrl, chains[index], watch);
				results[index].sequential.push(shot);
				// Until n8n is idle again: an execution that used an isolate has n8n build the next one
				// in the background, which would otherwise slow whichever chain comes next.
				await sleep(CHAINS[chains[index]].s7 ? 20 : 80);
				await waitCpuIdle(pgid, { windowMs: 100, idleMs: 5 });
			}
		}
		console.log(
			`line ${line} [${setting}]: sequential ${SEQUENTIAL} per chain in ${((Date.now() - phase) / 1000).toFixed(1)} s`,
		);

		// Under load: CONCURRENCY callbacks in flight, one chain at a time, two halves in opposite
		// chain orders; CPU is read around each half, after n8n has gone idle again.
		phase = Date.now();
		const half = Math.ceil(CONCURRENT / 2);
		// First a burst of the same size, not measured, the chains mixed: the first burst after the
		// sequential phase costs n8n more (why was not pinned down), and whichever chain came first had
		// measured 1.1× the CPU and 1.3× the p99 of the same chain in another place (BENCHMARKS.md § 2c).
		let next = 0;
		await pool(half, CONCURRENCY, () =>
			fire(sandbox, n8n.baseUrl, chains[next++ % chains.length], watch),
		);
		await waitCpuIdle(pgid);
		const cpu = results.map(() => 0);
		for (const order of [chains.map((_, i) => i), chains.map((_, i) => chains.length - 1 - i)]) {
			for (const index of order) {
				const before = groupCpuMs(pgid);
				results[index].concurrent.push(
					...(await pool(half, CONCURRENCY, () =>
						fire(sandbox, n8n.baseUrl, chains[index], watch),
					)),
				);
				await waitCpuIdle(pgid);
				cpu[index] += groupCpuMs(pgid) - before;
			}
		}
		results.forEach((r, i) => (r.cpuMsPerCallback = cpu[i] / r.concurrent.length));
		console.log(
			`line ${line} [${setting}]: ${CONCURRENCY} concurrent, ${half * 2} per chain in ${((Date.now() - phase) / 1000).toFixed(1)} s`,
		);
		watch.stop();
		if (TRACE) {
			await sleep(500); // the preload flushes every 200 ms
			const records = readTrace(traceFile);
			for (const r of results)
				r.traced = {
					sequential: segmentsOf(r.sequential, records),
					concurrent: segmentsOf(r.concurrent, records),
				};
			if (hasFlag('keep')) console.log(`trace: ${traceFile}`);
			else rmSync(traceFile, { force: true });
		}
	} finally {
		await n8n.stop();
		// The instance's user folder (SQLite with every execution, the installed package): ~40 MB a run.
		if (!hasFlag('keep')) rmSync(n8n.userFolder, { recursive: true, force: true });
	}
	return { line, version: n8n.version, setting, env, chains: results };
}

const latencies = (shots: Shot[]) =>
	shots.filter((s) => s.arrivedAt !== undefined).map((s) => s.arrivedAt! - s.sentAt);
const answered = (shots: Shot[]) => shots.map((s) => s.answeredMs ?? NaN);
const failedCount = (chain: Chain, shots: Shot[]) =>
	shots.filter(
		(s) => s.status !== 200 || (CHAINS[chain].s7 && (s.arrivedAt === undefined || s.errcode !== 0)),
	).length;

function printRun(run: RunResult) {
	const rows = run.chains.map((r) => {
		const seq = summarize(latencies(r.sequential));
		const conc = summarize(latencies(r.concurrent));
		return [
			r.chain,
			CHAINS[r.chain].label,
			r.sequential.length + r.concurrent.length,
			CHAINS[r.chain].s7 ? seq.p50 : null,
			summarize(answered(r.sequential)).p50,
			CHAINS[r.chain].s7 ? conc.p50 : null,
			CHAINS[r.chain].s7 ? conc.p99 : null,
			summarize(answered(r.concurrent)).p99,
			r.cpuMsPerCallback,
			failedCount(r.chain, [...r.sequential, ...r.concurrent]),
		];
	});
	const env =
		Object.entries(run.env)
			.map(([k, v]) => `${k}=${v}`)
			.join(' ') || "n8n's defaults";
	printTable(
		`n8n ${run.version} (line ${run.line}), ${env} — ms`,
		[
			'chain',
			'what',
			'n',
			'seq send_welcome_msg p50',
			'seq answered p50',
			`${CONCURRENCY}-conc send_welcome_msg p50`,
			`${CONCURRENCY}-conc send_welcome_msg p99`,
			`${CONCURRENCY}-conc answered p99`,
			'CPU ms / callback',
			'failed',
		],
		rows,
	);
	const ratios = ratiosOf(run).map((r) => [
		r.name,
		ratio(r.seqP50),
		ratio(r.concP99),
		ratio(r.answeredP50),
		ratio(r.cpu),
		r.goal,
	]);
	printTable(`Ratios — line ${run.line}, ${env}`, RATIO_HEADERS, ratios);
}

const RATIO_HEADERS = [
	'comparison',
	'seq send_welcome_msg p50',
	`${CONCURRENCY}-conc send_welcome_msg p99`,
	'seq answered p50',
	'CPU / callback',
	'goal',
];

interface Ratios {
	name: string;
	goal: string;
	seqP50: number;
	concP99: number;
	answeredP50: number;
	cpu: number;
}

/** The chain-to-chain ratios of one run, for the pairs both present in it. */
function ratiosOf(run: RunResult): Ratios[] {
	const get = (chain: Chain) => run.chains.find((r) => r.chain === chain);
	const pair = (name: string, a: Chain, b: Chain, goal: string): Ratios | undefined => {
		const x = get(a);
		const y = get(b);
		if (!x || !y) return undefined;
		const s7 = CHAINS[a].s7 && CHAINS[b].s7;
		return {
			name,
			goal,
			seqP50: s7
				? summarize(latencies(x.sequential)).p50 / summarize(latencies(y.sequential)).p50
				: NaN,
			concP99: s7
				? summarize(latencies(x.concurrent)).p99 / summarize(latencies(y.concurrent)).p99
				: NaN,
			answeredP50: summarize(answered(x.sequential)).p50 / summarize(answered(y.sequential)).p50,
			cpu: x.cpuMsPerCallback / y.cpuMsPerCallback,
		};
	};
	return [
		pair('ours / bare (welcome path)', 'wecom', 'bare', 'p99 ≤ 1.20×'),
		pair('ours / floor', 'wecom', 'floor', 'p99 ≤ 1.05× (if the first is out of reach)'),
		pair('floor / bare (n8n, any community trigger)', 'floor', 'bare', ''),
		pair('control: floor again / floor (noise)', 'floorAgain', 'floor', ''),
		pair('floor+getCredentials / floor', 'floorCreds', 'floor', ''),
		pair('WeCom Trigger→NoOp / Webhook→NoOp', 'wtNoop', 'whNoop', ''),
		pair('WeCom Trigger→NoOp / minimal→NoOp', 'wtNoop', 'minNoop', ''),
		pair('Webhook→WeCom Send / Webhook→HTTP Request', 'whSend', 'bare', ''),
		pair('WeCom Send: default code / code by expression', 'minSend', 'minSendExpr', ''),
		pair('ours / minimal trigger with an item the size of ours', 'wecom', 'minEvent', ''),
		pair('item the size of ours / the code alone', 'minEvent', 'minSend', ''),
		pair('ours / minimal trigger → WeCom Send', 'wecom', 'minSend', ''),
		pair('WeCom Trigger → HTTP Request / floor', 'wecomHttp', 'floor', ''),
		pair('ours, two credentials / one', 'wecomSplit', 'wecom', ''),
		pair('ours, two credentials / minimal → WeCom Send', 'wecomSplit', 'minSend', ''),
	].filter((row): row is Ratios => row !== undefined);
}

/** --repeat N: each ratio's median over the runs of one line and setting, with its range. */
function printRepeated(runs: RunResult[]) {
	const groups = new Map<string, RunResult[]>();
	for (const run of runs) {
		const key = `${run.line}|${run.setting}`;
		groups.set(key, [...(groups.get(key) ?? []), run]);
	}
	for (const group of groups.values()) {
		if (group.length < 2) continue;
		const all = group.map(ratiosOf);
		const spread = (values: number[]) => {
			const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
			if (sorted.length === 0) return '–';
			const mid = Math.floor(sorted.length / 2);
			const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
			return `${ratio(median)} (${ratio(sorted[0])}–${ratio(sorted[sorted.length - 1])})`;
		};
		const rows = all[0].map((first, i) => [
			first.name,
			spread(all.map((r) => r[i].seqP50)),
			spread(all.map((r) => r[i].concP99)),
			spread(all.map((r) => r[i].answeredP50)),
			spread(all.map((r) => r[i].cpu)),
			first.goal,
		]);
		const { line, setting } = group[0];
		printTable(
			`Ratios over ${group.length} runs — line ${line}, ${setting}: median (lowest–highest)`,
			RATIO_HEADERS,
			rows,
		);
	}
}

/** --trace: where each chain's time goes, sequential p50 and under-load p50 per part. */
function printBreakdown(run: RunResult) {
	const traced = run.chains.filter((r) => r.traced && r.traced.sequential.length > 0);
	if (traced.length === 0) return;
	for (const [phase, p] of [
		['sequential', 50],
		['concurrent', 50],
		['concurrent', 99],
	] as const) {
		printTable(
			`Where the time goes — line ${run.line} [${run.setting}], ${phase === 'sequential' ? 'sequential' : `${CONCURRENCY} concurrent`}, p${p} of each part, ms`,
			['chain', 'n', ...SEGMENT_NAMES],
			traced.map((r) => {
				const segments = r.traced![phase];
				const row = segmentPercentile(segments, p);
				return [r.chain, segments.length, ...SEGMENT_NAMES.map((name) => row[name])];
			}),
		);
	}
}

function summaryOf(run: RunResult) {
	return {
		...run,
		chains: run.chains.map((r) => ({
			chain: r.chain,
			sequentialS7: summarize(latencies(r.sequential)),
			sequentialAnswered: summarize(answered(r.sequential)),
			concurrentS7: summarize(latencies(r.concurrent)),
			concurrentAnswered: summarize(answered(r.concurrent)),
			cpuMsPerCallback: r.cpuMsPerCallback,
			failed: failedCount(r.chain, [...r.sequential, ...r.concurrent]),
			...(r.traced
				? {
						tracedSequentialP50: segmentPercentile(r.traced.sequential, 50),
						tracedConcurrentP50: segmentPercentile(r.traced.concurrent, 50),
						tracedConcurrentP99: segmentPercentile(r.traced.concurrent, 99),
					}
				: {}),
		})),
	};
}

async function main() {
	console.log(`## bench:latency — ${machineLine()}`);
	console.log(ensureBuilt());
	const sandbox = await startSandbox();
	const tokenResponse = await fetch(
		`${sandbox.url}/cgi-bin/gettoken?corpid=${sandbox.config.corpId}&corpsecret=${encodeURIComponent(sandbox.config.secret)}`,
	);
	const accessToken = String(
		((await tokenResponse.json()) as { access_token: string }).access_token,
	);
	const started = Date.now();
	const runs: RunResult[] = [];
	try {
		for (const line of LINES) {
			for (const setting of SETTING_NAMES) {
				if (!SETTINGS[setting].lines.includes(line)) continue;
				for (let r = 0; r < REPEAT; r++) {
					const run = await benchRun(line, setting, sandbox, accessToken, r);
					runs.push(run);
					printRun(run);
					printBreakdown(run);
					console.log(`(${machineLine()})`);
				}
			}
		}
	} finally {
		await sandbox.close();
	}
	printRepeated(runs);
	const out = join(
		ROOT,
		'artifacts',
		`bench-latency-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
	);
	mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
	writeFileSync(
		out,
		JSON.stringify(
			{
				machine: machineLine(),
				sequential: SEQUENTIAL,
				concurrent: CONCURRENT,
				concurrency: CONCURRENCY,
				runs: runs.map(summaryOf),
			},
			null,
			2,
		),
	);
	console.log(`\nsummary: ${out}\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

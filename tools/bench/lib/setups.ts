/**
 * The n8n setups the burst benchmarks run, started from `scripts/n8n` on 127.0.0.1, and the three
 * welcome chains they compare, all active in the same n8n and all ending in the same send_welcome_msg call:
 *
 *   ours    WeCom Trigger → WeCom Send (Welcome Code left at its default)
 *   floor   a minimal community trigger (tools/bench/lib/minimalTrigger.ts) → HTTP Request: the floor
 *           any community trigger reaches, since n8n charges every non-Webhook trigger the same
 *   bare    n8n's Webhook → HTTP Request
 *
 *   topology   what runs                                                          callbacks go to
 *   sqlite     one `n8n start` (regular mode, SQLite)                            it
 *   postgres   one `n8n start` (regular mode, Postgres)                          it
 *   queue1     main + webhook processor + 1 worker (Postgres, Redis)            the webhook processor
 *   queue2     main + webhook processor + 2 workers                              the webhook processor
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Sandbox } from '../../sandbox';
import { ROOT } from './build';
import {
	MINIMAL_PATH,
	MINIMAL_TRIGGER_TYPE,
	MINIMAL_TRIGGER_VERSION,
	installMinimalTrigger,
} from './minimalTrigger';
import { groupCpuMs, pgidOf, postgresCpuMs } from './processCpu';

/** The WeCom Trigger version a user adding the node today gets (its defaultVersion). */
export const WECOM_TRIGGER_VERSION = 1.1;
type InstanceModule = typeof import('../../n8n/instance');
type PackageModule = typeof import('../../n8n/package');
type TopologyModule = typeof import('../../n8n/topology');
// Plain CommonJS next to the sources, not compiled into .build: load it from the repository.
const { N8nInstance } = require(join(ROOT, 'tools/n8n/instance.js')) as InstanceModule;
const { packAndInstall } = require(join(ROOT, 'tools/n8n/package.js')) as PackageModule;
const { QueueTopology } = require(join(ROOT, 'tools/n8n/topology.js')) as TopologyModule;
const { Postgres } = require(join(ROOT, 'tools/n8n/services.js')) as {
	Postgres: { create(): Promise<any> };
};

export type Topology = 'sqlite' | 'postgres' | 'queue1' | 'queue2';
export type Chain = 'ours' | 'floor' | 'bare';
export const TOPOLOGIES: readonly Topology[] = ['sqlite', 'postgres', 'queue1', 'queue2'];
export const CHAINS: readonly Chain[] = ['ours', 'floor', 'bare'];

const PKG = 'n8n-nodes-wecom-masssend';
const CREDENTIAL = { id: 'capWeComCred0001', name: 'WeCom sandbox (capacity)' };
const WEBHOOK_ID = 'c0ffee00-7d4f-4b8e-9a61-00000000c0de';
const FLOOR_WEBHOOK_ID = 'c0ffee00-7d4f-4b8e-9a61-00000000f100';
const BARE_PATH = 'capacity-bare';
const WELCOME_TEXT = 'Welcome! 欢迎 %NICKNAME%';

/** What follows /webhook/ for each chain. */
const PATHS: Record<Chain, string> = {
	ours: `${WEBHOOK_ID}/wecom`,
	floor: `${FLOOR_WEBHOOK_ID}/${MINIMAL_PATH}`,
	bare: BARE_PATH,
};

/** n8n's HTTP Request making the welcome send_welcome_msg call, the welcome code taken by expression `code`. */
export function s7RequestNode(
	sandboxUrl: string,
	accessToken: string,
	code: string,
	welcomeText = WELCOME_TEXT,
) {
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/cgi-bin/externalcontact/send_welcome_msg?access_token=${accessToken}`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ welcome_code: ${code}, text: { content: ${JSON.stringify(welcomeText)} } }) }}`,
			options: {},
		},
	};
}

function s7Request(id: string, sandboxUrl: string, accessToken: string, code: string) {
	return { id, position: [220, 0], ...s7RequestNode(sandboxUrl, accessToken, code) };
}

function workflows(
	sandboxUrl: string,
	accessToken: string,
): Record<Chain, Record<string, unknown>> {
	return {
		ours: {
			id: 'capacityOurs0001',
			name: 'capacity: WeCom Trigger → WeCom Send',
			nodes: [
				{
					id: 'o1',
					name: 'WeCom Trigger',
					type: `${PKG}.weComTrigger`,
					typeVersion: WECOM_TRIGGER_VERSION,
					position: [0, 0],
					webhookId: WEBHOOK_ID,
					parameters: { events: ['add_external_contact'], options: {} },
					credentials: { weComApi: CREDENTIAL },
				},
				{
					id: 'o2',
					name: 'Send Welcome',
					type: `${PKG}.weComMassSend`,
					typeVersion: 1,
					position: [220, 0],
					parameters: { resource: 'welcomeMessage', operation: 'send', text: WELCOME_TEXT },
					credentials: { weComApi: CREDENTIAL },
				},
			],
			connections: {
				'WeCom Trigger': { main: [[{ node: 'Send Welcome', type: 'main', index: 0 }]] },
			},
			settings: {},
		},
		floor: {
			id: 'capacityFloor001',
			name: 'capacity: minimal trigger → HTTP Request',
			nodes: [
				{
					id: 'f1',
					name: 'Minimal Trigger',
					type: MINIMAL_TRIGGER_TYPE,
					typeVersion: MINIMAL_TRIGGER_VERSION,
					position: [0, 0],
					webhookId: FLOOR_WEBHOOK_ID,
					parameters: {},
				},
				s7Request('f2', sandboxUrl, accessToken, '$json.WelcomeCode'),
			],
			connections: {
				'Minimal Trigger': { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] },
			},
			settings: {},
		},
		bare: {
			id: 'capacityBare0001',
			name: 'capacity: Webhook → HTTP Request',
			nodes: [
				{
					id: 'b1',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'c0ffee00-7d4f-4b8e-9a61-00000000ba4e',
					parameters: {
						httpMethod: 'POST',
						path: BARE_PATH,
						responseMode: 'onReceived',
						options: {},
					},
				},
				s7Request('b2', sandboxUrl, accessToken, '$json.query.code'),
			],
			connections: { Webhook: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
			settings: {},
		},
	};
}

/** The running setup, whatever its shape: where callbacks go and whose CPU to watch. */
export interface Setup {
	ingress: string;
	/** CPU ms used so far by each part (n8n processes by process group, Postgres, Redis). */
	groups: () => Record<string, number>;
	stop: () => Promise<void>;
}

/**
 * Starts `topology` on n8n `line` with the chains' workflows active. `env` goes to every n8n
 * process (a setting to measure, e.g. N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true).
 */
export async function startSetup(
	line: '1' | '2',
	topology: Topology,
	sandbox: Sandbox,
	accessToken: string,
	chains: readonly Chain[],
	env: Record<string, string> = {},
): Promise<Setup> {
	const all = workflows(sandbox.url, accessToken);
	const wfs = chains.map((c) => all[c]);
	const credential = {
		...CREDENTIAL,
		type: 'weComApi',
		data: { ...sandbox.config, baseUrl: sandbox.url },
	};
	if (topology === 'sqlite' || topology === 'postgres') {
		const pg = topology === 'postgres' ? await Postgres.create() : undefined;
		if (pg) await pg.start();
		const n8n = await N8nInstance.create({
			line,
			env: { ...(pg ? { ...pg.n8nEnv(), DB_POSTGRESDB_POOL_SIZE: '10' } : {}), ...env },
		});
		await packAndInstall(n8n.userFolder);
		if (chains.includes('floor')) installMinimalTrigger(n8n.userFolder);
		await n8n.importCredentials([credential]);
		for (const wf of wfs) await n8n.activate(await n8n.importWorkflow(wf));
		await n8n.start();
		for (const chain of chains) await n8n.waitForWebhook(PATHS[chain], { timeoutMs: 120_000 });
		const pgPid = pg
			? Number(readFileSync(join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
			: 0;
		return {
			ingress: n8n.baseUrl,
			groups: () => ({
				n8n: groupCpuMs((n8n as any).child.pid),
				...(pg ? { postgres: postgresCpuMs(pgPid) } : {}),
			}),
			stop: async () => {
				await n8n.stop();
				await pg?.stop();
			},
		};
	}
	const topo = await QueueTopology.create({ line, workers: topology === 'queue1' ? 1 : 2, env });
	try {
		if (chains.includes('floor'))
			for (const p of topo.processes()) installMinimalTrigger(p.userFolder);
		await topo.main.importCredentials([credential]);
		for (const wf of wfs) await topo.main.activate(await topo.main.importWorkflow(wf));
		await topo.start({ waitForWebhook: PATHS[chains[0]] });
		for (const chain of chains) await topo.waitForWebhook(PATHS[chain], { timeoutMs: 120_000 });
	} catch (err) {
		await topo.stop();
		throw err;
	}
	const pgPid = Number(
		readFileSync(join((topo.postgres as any).dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
	);
	return {
		ingress: topo.webhook.baseUrl,
		groups: () => {
			const out: Record<string, number> = {
				main: groupCpuMs((topo.main as any).child.pid),
				webhook: groupCpuMs((topo.webhook as any).child.pid),
			};
			topo.workers.forEach((w, i) => (out[`worker${i + 1}`] = groupCpuMs((w as any).child.pid)));
			out.postgres = postgresCpuMs(pgPid);
			out.redis = groupCpuMs(pgidOf((topo.redis as any).child.pid));
			return out;
		},
		stop: () => topo.stop(),
	};
}

/**
 * A new add_external_contact event (its code lives 20 s in the sandbox, from now) and the POST
 * that delivers it to `chain`: ours gets WeCom's encrypted callback; the floor and bare chains,
 * which parse nothing, get the same request with the code also in the query string.
 */
export function newCallback(
	setup: Setup,
	sandbox: Sandbox,
	chain: Chain,
	state: string,
): { code: string; url: string; init: RequestInit } {
	const event = sandbox.addExternalContactEvent({ state });
	const code = String(event.WelcomeCode);
	const built = sandbox.buildCallback(event);
	const query = new URLSearchParams(built.query);
	if (chain !== 'ours') query.set('code', code);
	return {
		code,
		url: `${setup.ingress}/webhook/${PATHS[chain]}?${query}`,
		init: { method: 'POST', headers: { 'content-type': 'text/xml' }, body: built.body },
	};
}

/** The URL of `chain`'s webhook in `setup` (for requests other than newCallback's). */
export function webhookUrl(setup: Setup, chain: Chain): string {
	return `${setup.ingress}/webhook/${PATHS[chain]}`;
}

/** Cores busy per part between two `groups()` readings over `elapsedMs` (1.00 = one core). */
export function coresBusy(
	before: Record<string, number>,
	after: Record<string, number>,
	elapsedMs: number,
): Record<string, number> {
	const cores: Record<string, number> = {};
	for (const k of Object.keys(after))
		cores[k] = Math.round(((after[k] - (before[k] ?? 0)) / elapsedMs) * 100) / 100;
	return cores;
}

/** `--env K=V,K=V` → { K: V }. */
export function parseEnv(arg: string): Record<string, string> {
	const env: Record<string, string> = {};
	for (const pair of arg.split(',').filter(Boolean)) {
		const at = pair.indexOf('=');
		if (at < 1) throw new Error(`--env wants K=V pairs, got "${pair}"`);
		env[pair.slice(0, at)] = pair.slice(at + 1);
	}
	return env;
}

/** 10 callbacks at 5/s, not counted: the first executions of a process load modules and isolates. */
export async function warmUp(setup: Setup, sandbox: Sandbox, chain: Chain): Promise<void> {
	const shots: Array<Promise<unknown>> = [];
	for (let i = 0; i < 10; i++) {
		const { url, init } = newCallback(setup, sandbox, chain, `warm-${chain}-${i}`);
		shots.push(
			fetch(url, init)
				.then((r) => r.arrayBuffer())
				.catch(() => undefined),
		);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	await Promise.all(shots);
	await new Promise((resolve) => setTimeout(resolve, 3_000));
}

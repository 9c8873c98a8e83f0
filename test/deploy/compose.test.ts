/**
 * The production files in deploy/ (no Docker here: read, not run):
 *   - both compose files are valid compose (strict YAML, known keys, every reference resolves);
 *   - every n8n process is our image at a tested n8n release, with deploy/n8n.env;
 *   - every variable they give n8n is one the end-to-end tests also start n8n with (or is in
 *     COMPOSE_ONLY with its reason), so what the production docs recommend is what was tested;
 *   - the Dockerfile, its entrypoint, the Caddyfile and .env.example agree with them.
 * That the names exist in n8n's sources, and that n8n.env takes effect, is checked on real n8n
 * by test/e2e/production.e2e.test.ts.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

import { N8nInstance } from '../../tools/n8n/instance';
import { productionEnv } from '../../tools/n8n/production';
import { QueueTopology } from '../../tools/n8n/topology';
import { LINES } from '../../tools/n8n/versions';

// The harness's own code computes which variables it gives n8n; nothing here is started. Only
// create() is replaced (no n8n install, no ports): env() is the real one.
jest.mock('../../tools/n8n/instance', () => {
	// Untyped: instance.d.ts declares create(), not the constructor used here.
	const actual = jest.requireActual<any>('../../tools/n8n/instance');
	let mockPort = 20000;
	class EnvOnlyInstance extends actual.N8nInstance {
		constructor(fields: object) {
			super(fields);
		}
		static async create(opts: { line: string; port?: number; env?: Record<string, string> }) {
			const line = String(opts.line);
			return new EnvOnlyInstance({
				install: {
					line,
					version: 'x',
					dir: '/n8n',
					n8nBin: '/n8n/bin/n8n',
					nodeBin: '/node/bin/node',
				},
				userFolder: `/tmp/env-only-${++mockPort}`,
				port: opts.port ?? mockPort,
				brokerPort: ++mockPort,
				extraEnv: opts.env ?? {},
			});
		}
	}
	return { ...actual, N8nInstance: EnvOnlyInstance, freePort: async () => ++mockPort };
});
// Redis and Postgres are not started; Postgres's n8nEnv() is the real one.
jest.mock('../../tools/n8n/services', () => {
	const { Postgres } = jest.requireActual('../../tools/n8n/services');
	const service = { port: 5432, start: async () => {}, stop: async () => {} };
	return {
		Redis: { create: async () => ({ ...service }) },
		Postgres: {
			create: async () => ({
				...service,
				n8nEnv: () => Postgres.prototype.n8nEnv.call({ port: 5432, database: 'n8n', user: 'n8n' }),
			}),
		},
	};
});
jest.mock('../../tools/n8n/package', () => ({
	pack: async () => ({ tarball: '/tmp/package.tgz', ms: 0 }),
	packAndInstall: async () => ({}),
}));
jest.mock('../../tools/n8n/exec', () => ({
	...jest.requireActual('../../tools/n8n/exec'),
	log: () => {},
}));

const ROOT = path.resolve(__dirname, '..', '..');
const DEPLOY = path.join(ROOT, 'deploy');
const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.queue.yml'];
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const TESTED_N8N = LINES.map((l) => l.n8n);

/**
 * Variables the compose files give n8n although no test starts n8n with them. Each is about
 * something the tests' n8n on 127.0.0.1 does not have.
 */
const COMPOSE_ONLY: Record<string, string> = {
	N8N_EDITOR_BASE_URL:
		"the editor's public address, for links n8n writes into e-mails and OAuth redirects; the tests open n8n at its 127.0.0.1 address and send no e-mail",
	N8N_PROXY_HOPS:
		'n8n is behind Caddy in production; the tests call n8n directly, with no X-Forwarded-For to trust',
	OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS:
		'concerns executions started by hand in the editor; the queue-mode tests start none there',
};

/**
 * deploy/n8n.env is applied verbatim after the harness's own variables (N8nInstance env), so it
 * must not set the ones that place an instance: ports, folders, key, database, queue, URLs.
 */
const NOT_IN_N8N_ENV =
	/^(N8N_USER_FOLDER|N8N_ENCRYPTION_KEY|N8N_PORT|N8N_LISTEN_ADDRESS|N8N_HOST|N8N_PROTOCOL|N8N_EDITOR_BASE_URL|N8N_WEBHOOK_URL|WEBHOOK_URL|N8N_RUNNERS_BROKER_.*|DB_.*|EXECUTIONS_MODE|QUEUE_.*|PATH|NODE_ENV)$/;

// The compose specification's top-level and service keys.
const TOP_LEVEL_KEYS = [
	'version',
	'name',
	'include',
	'services',
	'networks',
	'volumes',
	'configs',
	'secrets',
	'models',
];
const SERVICE_KEYS = new Set(
	`annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs
	container_name cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares
	cpus cpuset credential_spec depends_on deploy develop device_cgroup_rules devices dns dns_opt
	dns_search domainname entrypoint env_file environment expose extends external_links extra_hosts
	gpus group_add healthcheck hostname image init ipc isolation label_file labels links logging
	mac_address mem_limit mem_reservation mem_swappiness memswap_limit models network_mode networks
	oom_kill_disable oom_score_adj pid pids_limit platform ports post_start pre_stop privileged
	profiles provider pull_policy read_only restart runtime scale secrets security_opt shm_size
	stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket
	user userns_mode uts volumes volumes_from working_dir`.split(/\s+/),
);

type Service = Record<string, any>;
interface Compose {
	file: string;
	text: string;
	doc: Record<string, any>;
	services: Record<string, Service>;
}

function loadCompose(file: string): Compose {
	const text = fs.readFileSync(path.join(DEPLOY, file), 'utf8');
	// Strict: duplicate keys are errors; `<<` merge keys as compose reads them.
	const parsed = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: true });
	if (parsed.errors.length || parsed.warnings.length)
		throw new Error(`${file}: ${[...parsed.errors, ...parsed.warnings].join('\n')}`);
	const doc = parsed.toJS();
	return { file, text, doc, services: doc.services ?? {} };
}

function readDeploy(file: string): string {
	return fs.readFileSync(path.join(DEPLOY, file), 'utf8');
}

/** Service names of a depends_on (list or map form). */
function dependsOn(service: Service): string[] {
	const d = service.depends_on;
	if (!d) return [];
	return Array.isArray(d) ? d : Object.keys(d);
}

function envFiles(service: Service): string[] {
	const e = service.env_file;
	if (!e) return [];
	return (Array.isArray(e) ? e : [e]).map((f: string | { path: string }) =>
		typeof f === 'string' ? f : f.path,
	);
}

/** The compose file's own variables, from a service's map-form environment. */
function environment(service: Service): Record<string, unknown> {
	const e = service.environment ?? {};
	if (Array.isArray(e)) throw new Error('use the map form of environment: NAME: value');
	return e;
}

/** n8n processes: built from deploy/Dockerfile (n8n's image plus the package). */
function isN8n(service: Service): boolean {
	return service.build !== undefined;
}

function n8nServices(c: Compose): Array<[string, Service]> {
	return Object.entries(c.services).filter(([, s]) => isN8n(s));
}

let harnessNames: Promise<Set<string>> | undefined;

/** Every variable n8n gets in the harness: single instances and queue mode, both lines. */
function harnessEnvNames(): Promise<Set<string>> {
	harnessNames ??= computeHarnessEnvNames();
	return harnessNames;
}

async function computeHarnessEnvNames(): Promise<Set<string>> {
	const names = new Set<string>(Object.keys(productionEnv()));
	const add = (inst: N8nInstance) => {
		// env() passes the test process's variables through; count only its own.
		const saved = process.env;
		process.env = { PATH: '/usr/bin' };
		try {
			for (const name of Object.keys(inst.env())) names.add(name);
		} finally {
			process.env = saved;
		}
	};
	for (const { line } of LINES) {
		add(await N8nInstance.create({ line, env: productionEnv() }));
		const topo = await QueueTopology.create({ line, workers: 1 });
		topo.processes().forEach(add);
	}
	return names;
}

const composes = COMPOSE_FILES.map(loadCompose);
const dockerfile = readDeploy('Dockerfile');

describe.each(composes.map((c) => [c.file, c] as const))('%s', (_file, c) => {
	test('has only compose top-level keys, and services', () => {
		for (const key of Object.keys(c.doc))
			expect(TOP_LEVEL_KEYS.includes(key) || key.startsWith('x-')).toBe(true);
		expect(Object.keys(c.services).length).toBeGreaterThan(0);
	});

	test('every service is well-formed and refers only to things that exist', () => {
		const networks = new Set(['default', ...Object.keys(c.doc.networks ?? {})]);
		const volumes = new Set(Object.keys(c.doc.volumes ?? {}));
		const usedVolumes = new Set<string>();
		for (const [name, s] of Object.entries(c.services)) {
			const where = `${c.file} service ${name}`;
			for (const key of Object.keys(s))
				expect([where, key, SERVICE_KEYS.has(key) || key.startsWith('x-')]).toEqual([
					where,
					key,
					true,
				]);
			expect([where, s.image !== undefined || s.build !== undefined]).toEqual([where, true]);
			for (const dep of dependsOn(s))
				expect([where, dep, dep in c.services]).toEqual([where, dep, true]);
			if (s.depends_on && !Array.isArray(s.depends_on))
				for (const cond of Object.values<{ condition?: string }>(s.depends_on))
					expect([
						undefined,
						'service_started',
						'service_healthy',
						'service_completed_successfully',
					]).toContain(cond.condition);
			for (const dep of dependsOn(s))
				if (s.depends_on[dep]?.condition === 'service_healthy')
					expect([where, dep, c.services[dep].healthcheck !== undefined]).toEqual([
						where,
						dep,
						true,
					]);
			const serviceNetworks = Array.isArray(s.networks)
				? s.networks
				: Object.keys(s.networks ?? {});
			for (const n of serviceNetworks)
				expect([where, n, networks.has(n)]).toEqual([where, n, true]);
			for (const v of s.volumes ?? []) {
				expect(typeof v).toBe('string');
				const [source, target, mode, ...rest] = String(v).split(':');
				expect([
					where,
					v,
					rest.length,
					target?.startsWith('/'),
					[undefined, 'ro', 'rw'].includes(mode),
				]).toEqual([where, v, 0, true, true]);
				if (/^[./~]/.test(source)) {
					expect([where, source, fs.existsSync(path.resolve(DEPLOY, source))]).toEqual([
						where,
						source,
						true,
					]);
				} else {
					expect([where, source, volumes.has(source)]).toEqual([where, source, true]);
					usedVolumes.add(source);
				}
			}
			for (const f of envFiles(s))
				expect([where, f, fs.existsSync(path.join(DEPLOY, f))]).toEqual([where, f, true]);
			for (const p of s.ports ?? [])
				expect([where, p]).toEqual([
					where,
					expect.stringMatching(/^(\d{1,3}(\.\d{1,3}){3}:)?\d{1,5}:\d{1,5}(\/(tcp|udp))?$/),
				]);
			for (const p of s.expose ?? [])
				expect([where, String(p)]).toEqual([
					where,
					expect.stringMatching(/^\d{1,5}(\/(tcp|udp))?$/),
				]);
			if (s.restart !== undefined)
				expect(s.restart).toMatch(/^(no|always|unless-stopped|on-failure(:\d+)?)$/);
			if (s.command !== undefined)
				expect(typeof s.command === 'string' || Array.isArray(s.command)).toBe(true);
			if (s.healthcheck) expect(s.healthcheck.test[0]).toMatch(/^(CMD|CMD-SHELL|NONE)$/);
			if (s.deploy?.replicas !== undefined) expect(Number.isInteger(s.deploy.replicas)).toBe(true);
			// Compose passes environment values as strings; an unquoted true/10 would be a YAML bool/int.
			for (const [k, v] of Object.entries(environment(s)))
				expect([where, k, typeof v]).toEqual([where, k, 'string']);
			if (s.build) {
				const context = path.resolve(DEPLOY, s.build.context ?? '.');
				expect(context).toBe(DEPLOY);
				expect(s.build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
				const args = new Set([...dockerfile.matchAll(/^ARG (\w+)/gm)].map((m) => m[1]));
				for (const arg of Object.keys(s.build.args ?? {}))
					expect([where, arg, args.has(arg)]).toEqual([where, arg, true]);
			}
		}
		// A declared volume nothing mounts is a leftover.
		expect([...volumes].sort()).toEqual([...usedVolumes].sort());
	});

	test('uses only ${VAR}, ${VAR:-default} and ${VAR:?message}, each documented in .env.example', () => {
		const example = readDeploy('.env.example');
		const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
		const vars = [...c.text.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::[-?][^}]*)?\}/g)].map((m) => m[1]);
		expect(vars.length).toBeGreaterThan(0);
		for (const v of vars) expect([v, documented.has(v)]).toEqual([v, true]);
		// Any other `$` would be interpolated by compose too (a literal one is written `$$`).
		const rest = c.text.replace(/\$\{[A-Z][A-Z0-9_]*(?::[-?][^}]*)?\}/g, '').replace(/\$\$/g, '');
		expect(rest).not.toContain('$');
	});

	test('every n8n process is the package image at a tested n8n release, with deploy/n8n.env', () => {
		const n8n = n8nServices(c);
		expect(n8n.length).toBeGreaterThan(0);
		for (const [name, s] of n8n) {
			expect([name, s.image]).toEqual([
				name,
				expect.stringMatching(/^n8n-wecom:\$\{N8N_VERSION:-[\d.]+\}$/),
			]);
			expect([name, envFiles(s)]).toEqual([name, ['n8n.env']]);
		}
		for (const [name, s] of Object.entries(c.services).filter(([, s]) => !isN8n(s))) {
			expect([name, envFiles(s)]).toEqual([name, []]);
			expect([name, String(s.image)]).not.toEqual([name, expect.stringMatching(/n8n/)]);
		}
		const defaults = [...c.text.matchAll(/\$\{N8N_VERSION:-([^}]*)\}/g)].map((m) => m[1]);
		expect(defaults.length).toBeGreaterThan(0);
		for (const v of defaults) expect(TESTED_N8N).toContain(v);
	});

	test('sets for n8n only variables the end-to-end tests start n8n with, or COMPOSE_ONLY ones', async () => {
		const harness = await harnessEnvNames();
		const n8nEnv = productionEnv();
		for (const [name, s] of n8nServices(c)) {
			for (const v of Object.keys(environment(s))) {
				expect([name, v, harness.has(v) || v in COMPOSE_ONLY]).toEqual([name, v, true]);
				// One place per setting: n8n.env's are not repeated (a repeat would override it).
				expect([name, v, v in n8nEnv]).toEqual([name, v, false]);
			}
		}
	});
});

describe('the compose files together', () => {
	const [single, queue] = composes;

	test('COMPOSE_ONLY lists only variables a compose file sets and no test does', async () => {
		const harness = await harnessEnvNames();
		const set = new Set(
			composes.flatMap((c) => n8nServices(c).flatMap(([, s]) => Object.keys(environment(s)))),
		);
		// The harness's set holds each source's own names, and nothing inherited from this process.
		for (const name of [
			'N8N_USER_FOLDER', // instance.js
			'WEBHOOK_URL', // instance.js, line 1
			'N8N_WEBHOOK_URL', // instance.js, line 2
			'DB_POSTGRESDB_HOST', // services.js
			'QUEUE_HEALTH_CHECK_ACTIVE', // topology.js
			'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE', // n8n.env
		])
			expect([name, harness.has(name)]).toEqual([name, true]);
		expect(harness.has('HOME')).toBe(false);
		for (const name of Object.keys(COMPOSE_ONLY)) {
			expect([name, set.has(name), harness.has(name)]).toEqual([name, true, false]);
		}
	});

	test('one n8n, SQLite (no DB_ settings) in a volume on the user folder', () => {
		const n8n = n8nServices(single);
		expect(n8n.map(([name]) => name)).toEqual(['n8n']);
		const [, s] = n8n[0];
		expect(s.command).toBeUndefined();
		expect(Object.keys(environment(s)).filter((k) => k.startsWith('DB_'))).toEqual([]);
		expect(s.volumes).toEqual([expect.stringMatching(/^\w+:\/home\/node\/\.n8n$/)]);
	});

	test('queue mode: main, webhook processors, workers on one Postgres and one Redis', () => {
		const byCommand = Object.fromEntries(
			n8nServices(queue).map(([name, s]) => [s.command ?? 'start', name]),
		);
		expect(Object.keys(byCommand).sort()).toEqual(['start', 'webhook', 'worker']);
		for (const [name, s] of n8nServices(queue)) {
			const env = environment(s);
			expect([name, env.EXECUTIONS_MODE, env.DB_TYPE]).toEqual([name, 'queue', 'postgresdb']);
			expect([name, env.DB_POSTGRESDB_HOST, env.QUEUE_BULL_REDIS_HOST]).toEqual([
				name,
				'postgres',
				'redis',
			]);
			expect(Number(env.DB_POSTGRESDB_POOL_SIZE)).toBeGreaterThanOrEqual(10);
			expect(env.N8N_ENCRYPTION_KEY).toBe('${N8N_ENCRYPTION_KEY:?set N8N_ENCRYPTION_KEY in .env}');
			// Only main migrates the database: the others wait until it answers /healthz.
			if (name !== byCommand.start)
				expect(s.depends_on[byCommand.start]).toEqual({ condition: 'service_healthy' });
		}
		expect(queue.services.postgres.image).toMatch(/^postgres:/);
		expect(queue.services.redis.image).toMatch(/^redis:/);
		expect(environment(queue.services.postgres).POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD}');
	});

	test('the public URL WeCom is given is the same on every n8n process, on both n8n lines', () => {
		for (const c of composes)
			for (const [name, s] of n8nServices(c)) {
				const env = environment(s);
				// 1.x reads WEBHOOK_URL, 2.x N8N_WEBHOOK_URL.
				expect([name, env.WEBHOOK_URL]).toEqual([
					name,
					expect.stringMatching(/^https:\/\/\$\{N8N_DOMAIN(:\?[^}]*)?\}\/$/),
				]);
				expect([name, env.N8N_WEBHOOK_URL]).toEqual([name, 'https://${N8N_DOMAIN}/']);
			}
	});

	test('Caddy sends /webhook/* to the webhook processors and the rest to main', () => {
		const caddyfile = readDeploy('Caddyfile');
		expect(caddyfile).toMatch(
			/handle \/webhook\/\* \{\s*reverse_proxy \{\$N8N_WEBHOOK_UPSTREAM\}\s*\}/,
		);
		expect(caddyfile).toMatch(/handle \{\s*reverse_proxy \{\$N8N_MAIN_UPSTREAM\}\s*\}/);
		const placeholders = new Set([...caddyfile.matchAll(/\{\$(\w+)\}/g)].map((m) => m[1]));
		const expected = {
			'docker-compose.yml': { main: 'n8n', webhook: 'n8n' },
			'docker-compose.queue.yml': { main: 'n8n-main', webhook: 'n8n-webhook' },
		};
		for (const c of composes) {
			const caddy = c.services.caddy;
			const env = environment(caddy);
			expect(Object.keys(env).sort()).toEqual([...placeholders].sort());
			const want = expected[c.file as keyof typeof expected];
			expect(env.N8N_MAIN_UPSTREAM).toBe(`${want.main}:5678`);
			expect(env.N8N_WEBHOOK_UPSTREAM).toBe(`${want.webhook}:5678`);
			for (const upstream of [want.main, want.webhook]) {
				expect(c.services[upstream].expose).toContain('5678');
				expect(dependsOn(caddy)).toContain(upstream);
			}
			expect(caddy.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
		}
		const queueWebhook = queue.services['n8n-webhook'];
		expect(queueWebhook.command).toBe('webhook');
	});
});

describe('deploy/n8n.env', () => {
	test('parses, and sets only settings, nothing that places an instance', () => {
		const env = productionEnv();
		expect(Object.keys(env).length).toBeGreaterThan(0);
		for (const [name, value] of Object.entries(env)) {
			expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
			expect([name, NOT_IN_N8N_ENV.test(name)]).toEqual([name, false]);
			// Docker's env_file keeps quotes literally: a quoted value would reach n8n with its quotes.
			expect([name, value]).toEqual([name, expect.stringMatching(/^[^"'\s]+$/)]);
		}
		expect(env).toMatchObject({
			GENERIC_TIMEZONE: 'Asia/Shanghai',
			TZ: 'Asia/Shanghai',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
		});
	});
});

describe('deploy/Dockerfile and its entrypoint', () => {
	const arg = (name: string) => dockerfile.match(new RegExp(`^ARG ${name}=(.*)$`, 'm'))?.[1];

	test('builds on n8n’s image at a tested release, with this release of the package', () => {
		expect(TESTED_N8N).toContain(arg('N8N_VERSION'));
		expect(dockerfile).toMatch(/^FROM n8nio\/n8n:\$\{N8N_VERSION\}$/m);
		expect(arg('WECOM_PACKAGE_VERSION')).toBe(PACKAGE.version);
		expect(dockerfile).toContain(`npm pack "${PACKAGE.name}@\${WECOM_PACKAGE_VERSION}"`);
		expect(arg('NPM_REGISTRY')).toBe('https://registry.npmjs.org');
		expect(readDeploy('.env.example')).toMatch(
			new RegExp(
				`^N8N_VERSION=(${TESTED_N8N.map((v) => v.replace(/\./g, '\\.')).join('|')})$`,
				'm',
			),
		);
		for (const [, source] of dockerfile.matchAll(/^COPY (\S+) /gm))
			expect(fs.existsSync(path.join(DEPLOY, source))).toBe(true);
	});

	test('the entrypoint puts the package into the user folder’s nodes, then starts n8n’s entrypoint', () => {
		// The script as the image runs it, with its two absolute paths moved into a temp folder.
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wecom-entrypoint-'));
		try {
			const opt = path.join(tmp, 'opt');
			const baked = path.join(opt, PACKAGE.name);
			fs.mkdirSync(path.join(baked, 'node_modules', 'fast-xml-parser'), { recursive: true });
			fs.writeFileSync(path.join(baked, 'package.json'), '{"version":"new"}');
			const upstream = path.join(tmp, 'docker-entrypoint.sh');
			fs.writeFileSync(upstream, '#!/bin/sh\necho "n8n $*"\n', { mode: 0o755 });
			const script = readDeploy('wecom-entrypoint.sh')
				.replaceAll('/opt/n8n-wecom', opt)
				.replaceAll('/docker-entrypoint.sh', upstream);
			const userFolder = path.join(tmp, 'home');
			const installed = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE.name);
			// An older copy from the previous image, left in the volume.
			fs.mkdirSync(path.join(installed, 'stale'), { recursive: true });
			const res = spawnSync('sh', ['-c', script, 'wecom-entrypoint.sh', 'worker'], {
				env: {
					PATH: process.env.PATH,
					HOME: path.join(tmp, 'unused'),
					N8N_USER_FOLDER: userFolder,
				},
				encoding: 'utf8',
			});
			expect([res.status, res.stderr]).toEqual([0, '']);
			expect(res.stdout.trim()).toBe('n8n worker');
			expect(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).toBe(
				'{"version":"new"}',
			);
			expect(fs.existsSync(path.join(installed, 'node_modules', 'fast-xml-parser'))).toBe(true);
			expect(fs.existsSync(path.join(installed, 'stale'))).toBe(false);
		} finally {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
		expect(dockerfile).toContain('COPY wecom-entrypoint.sh /opt/n8n-wecom/wecom-entrypoint.sh');
		expect(dockerfile).toContain(
			'ENTRYPOINT ["tini", "--", "/bin/sh", "/opt/n8n-wecom/wecom-entrypoint.sh"]',
		);
	});
});

'use strict';
/**
 * One real n8n (line 1 or 2) with its own user folder, database and ports on 127.0.0.1, driven
 * through the n8n CLI and, once started, over HTTP. Used by the end-to-end tests.
 *
 *   const n8n = await N8nInstance.create({ line: '2' });
 *   await packAndInstall(n8n.userFolder);              // tools/n8n/package.js
 *   await n8n.importCredentials([...]); const id = await n8n.importWorkflow(wf);
 *   await n8n.activate(id); await n8n.start(); await n8n.waitForWebhook(`${webhookId}/path`);
 *   ...; await n8n.stop();
 *
 * The database is sqlite, and the CLI and the server each open it: write with the CLI (import,
 * activate) before start(), or restart afterwards, since a running server does not notice.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const { ensureN8n, ROOT } = require('./install');
const { run, killGroup, fmtMs, log } = require('./exec');

const TMP_ROOT = path.join(ROOT, '.tmp');
// Fixed so that credentials imported by one CLI process can be decrypted by the server later.
const ENCRYPTION_KEY = 'n8n-nodes-wecom-masssend-e2e-fixed-encryption-key';

/** Instances with a running server, killed if the test process exits without stop(). */
const running = new Set();
process.on('exit', () => {
	for (const inst of running) if (inst.child) killGroup(inst.child.pid, 'SIGKILL');
});

/** A free TCP port on 127.0.0.1 (bind to 0, read the port, release it). */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Environment variables that would make our n8n behave unlike the one described in env(). */
const INHERITED_BLOCKLIST =
	/^(N8N_|DB_|WEBHOOK_URL$|QUEUE_|EXECUTIONS_|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_ENV$|npm_)/;

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

class N8nInstance {
	/**
	 * @param {{ line: '1'|'2'|1|2, userFolder?: string, port?: number, env?: Record<string,string> }} opts
	 *   env: extra variables, applied last (e.g. N8N_LOG_LEVEL=debug).
	 */
	static async create(opts) {
		const install = await ensureN8n(opts.line);
		fs.mkdirSync(TMP_ROOT, { recursive: true });
		const userFolder = path.resolve(
			opts.userFolder ?? fs.mkdtempSync(path.join(TMP_ROOT, `n8n-${install.line}-`)),
		);
		fs.mkdirSync(userFolder, { recursive: true });
		const port = opts.port ?? (await freePort());
		const brokerPort = await freePort();
		return new N8nInstance({ install, userFolder, port, brokerPort, extraEnv: opts.env ?? {} });
	}

	constructor({ install, userFolder, port, brokerPort, extraEnv }) {
		this.install = install;
		this.line = install.line;
		this.version = install.version;
		this.userFolder = userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.extraEnv = extraEnv;
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.logFile = path.join(userFolder, 'n8n-start.log');
		this.dbFile = path.join(userFolder, '.n8n', 'database.sqlite');
		this.child = undefined;
		this.exited = undefined; // Promise resolved with {code, signal} when the server exits
		this.counter = 0;
	}

	/**
	 * The full environment of every n8n process of this instance: headless, loopback only, no
	 * outbound calls (telemetry, templates, version checks, licence), sqlite in the user folder.
	 * @param {{ brokerPort?: number }} [o] CLI commands get their own task-broker port (2.x
	 *   starts a broker in every command, which would collide with the running server's).
	 */
	env(o = {}) {
		const base = {};
		for (const [k, v] of Object.entries(process.env)) if (!INHERITED_BLOCKLIST.test(k)) base[k] = v;
		const env = {
			...base,
			// n8n 2.x spawns its JS task runner as plain `node` from PATH: it must be the line's Node.
			PATH: `${path.dirname(this.install.nodeBin)}${path.delimiter}${process.env.PATH}`,
			// As in n8n's Docker image. Unset means "development" to n8n, which then mounts a CORS
			// middleware answering 204 to every OPTIONS request, breaking waitForWebhook() (and jest
			// sets NODE_ENV=test, which n8n treats specially too).
			NODE_ENV: 'production',
			TZ: 'UTC',
			GENERIC_TIMEZONE: 'UTC',
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			DO_NOT_TRACK: '1',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			DB_TYPE: 'sqlite',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			// 2.x warns that the default will flip to false, which would refuse our unverified package.
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			// No N8N_EXPRESSION_ENGINE: both lines run n8n's default `vm` engine (isolated-vm, whose
			// prebuilt binaries the install ships for the line's Node), as users do. `legacy` hides
			// ~50 ms per execution; pass env: { N8N_EXPRESSION_ENGINE: 'legacy' } to compare.
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			// Skips copying ~76 MB of editor assets into the user folder at every start; nothing here
			// needs the editor (pass env: { N8N_DISABLE_UI: 'false' } to look at it in a browser).
			N8N_DISABLE_UI: 'true',
			N8N_LOG_OUTPUT: 'console',
			N8N_LOG_LEVEL: 'info',
			// Valid on both lines; keeps the task broker off the default 5679 that parallel runs share.
			N8N_RUNNERS_BROKER_PORT: String(o.brokerPort ?? this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		};
		if (this.line === '2') {
			// Else 2.x calls out to the MCP registry at start; on 1.x this module name throws.
			env.N8N_DISABLED_MODULES = 'mcp-registry';
			// 2.x renamed WEBHOOK_URL (still read, with a deprecation warning).
			env.N8N_WEBHOOK_URL = `${this.baseUrl}/`;
		} else {
			env.WEBHOOK_URL = `${this.baseUrl}/`;
		}
		return { ...env, ...this.extraEnv };
	}

	/**
	 * Run one n8n CLI command (import:credentials, import:workflow, execute, export:workflow, ...).
	 * Each boots n8n: ~3.5 s on 1.x, ~5 s on 2.x. Never throws for a non-zero exit.
	 * @param {string[]} args
	 * @param {{ input?: string, timeoutMs?: number }} [opts]
	 */
	async cli(args, opts = {}) {
		const env = this.env({ brokerPort: await freePort() });
		const res = await run(this.install.nodeBin, [this.install.n8nBin, ...args], {
			env,
			input: opts.input,
			cwd: this.userFolder,
			timeoutMs: opts.timeoutMs ?? 180000,
		});
		return res;
	}

	/** Like cli(), but throws with the output when the exit code is not 0. */
	async cliOrThrow(args, opts = {}) {
		const res = await this.cli(args, opts);
		if (res.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} exited ${res.code}${res.signal ? ' (' + res.signal + ')' : ''}\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr}`,
			);
		}
		return res;
	}

	/** Write a JSON file into the user folder for an --input= argument. */
	writeTemp(prefix, value) {
		const dir = path.join(this.userFolder, 'cli-input');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${prefix}-${++this.counter}.json`);
		fs.writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	/**
	 * Import credentials; plain `data` objects are encrypted with the instance key on import.
	 * Each needs `id`, `name`, `type`, `data`.
	 */
	async importCredentials(credentials) {
		const file = this.writeTemp('credentials', credentials);
		return this.cliOrThrow(['import:credentials', `--input=${file}`]);
	}

	/**
	 * Import one workflow; returns its id (a random one is set when the object has none).
	 * Give webhook trigger nodes a fixed `webhookId`: the production URL is /webhook/<webhookId>/<path>.
	 */
	async importWorkflow(workflow) {
		const wf = { active: false, settings: {}, connections: {}, ...workflow };
		if (!wf.id) wf.id = crypto.randomBytes(8).toString('hex');
		const file = this.writeTemp('workflow', wf);
		await this.cliOrThrow(['import:workflow', `--input=${file}`]);
		return wf.id;
	}

	/** Activate (1.x) / publish (2.x) a workflow so start() registers its production webhooks. */
	async activate(workflowId) {
		if (this.child)
			log('warning: activate() while the server runs; it takes effect at the next start()');
		const args =
			this.line === '1'
				? ['update:workflow', `--id=${workflowId}`, '--active=true']
				: ['publish:workflow', `--id=${workflowId}`];
		return this.cliOrThrow(args);
	}

	/**
	 * `n8n execute --id=<id> --rawOutput` (the workflow must start with a Manual Trigger).
	 * @returns {Promise<{ data: any, raw: string, stdout: string, stderr: string, code: number|null, ms: number }>}
	 *   data: the parsed run output (undefined when no JSON was printed); raw: the text it was
	 *   parsed from. On 2.x, broker/runner log lines precede the JSON, so parsing starts at the
	 *   first `{`.
	 */
	async execute(workflowId) {
		const res = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const start = res.stdout.indexOf('{');
		const raw = start >= 0 ? res.stdout.slice(start) : '';
		return {
			data: parseLeadingJson(raw),
			raw,
			stdout: res.stdout,
			stderr: res.stderr,
			code: res.code,
			ms: res.ms,
		};
	}

	/**
	 * Spawn `n8n start` in its own process group, logging to `logFile`; resolve once /healthz answers.
	 * `command`: 'webhook' or 'worker' for the queue-mode processes (tools/n8n/topology.js); a
	 * worker answers /healthz on `port` only with QUEUE_HEALTH_CHECK_ACTIVE/PORT in `env`.
	 */
	async start({ timeoutMs = 120000, command = 'start' } = {}) {
		if (this.child) throw new Error('n8n is already started');
		const t0 = Date.now();
		const fd = fs.openSync(this.logFile, 'a');
		fs.writeSync(
			fd,
			`\n===== n8n ${this.version} ${command} at ${new Date().toISOString()} =====\n`,
		);
		const child = spawn(this.install.nodeBin, [this.install.n8nBin, command], {
			cwd: this.userFolder,
			env: this.env(),
			stdio: ['ignore', fd, fd],
			detached: true, // own process group: stop() must reach the 2.x task broker/runner too
		});
		fs.closeSync(fd);
		child.unref(); // never keep the test process alive; stop() and the exit hook clean up
		this.child = child;
		running.add(this);
		this.exited = new Promise((resolve) => {
			child.on('exit', (code, signal) => resolve({ code, signal }));
			child.on('error', (err) => resolve({ code: null, signal: null, error: err }));
		});
		let exitedEarly;
		this.exited.then((e) => (exitedEarly = e));
		while (Date.now() - t0 < timeoutMs) {
			if (exitedEarly) {
				this.child = undefined;
				running.delete(this);
				throw new Error(
					`n8n start exited early (${JSON.stringify(exitedEarly)}):\n${this.logTail()}`,
				);
			}
			const status = await httpStatus(`${this.baseUrl}/healthz`, 'GET');
			if (status === 200) {
				this.startMs = Date.now() - t0;
				log(`n8n ${this.version} healthy on ${this.baseUrl} after ${fmtMs(this.startMs)}`);
				return { ms: this.startMs };
			}
			await sleep(250);
		}
		await this.stop();
		throw new Error(`n8n did not answer /healthz within ${timeoutMs} ms:\n${this.logTail()}`);
	}

	/**
	 * Wait until n8n has registered the production webhook `webhookPath` (what follows /webhook/,
	 * e.g. `${webhookId}/wecom` for a trigger node, or the `path` of a Webhook node) for `method`.
	 * Registration happens ~6 s after /healthz answers.
	 *
	 * Probes with a CORS preflight (OPTIONS + Origin + Access-Control-Request-Method), which n8n
	 * answers from its webhook registry without running the workflow: 404 before the /webhook
	 * route exists, 500 while the path is not registered, 204 once it is. (Without an Origin
	 * n8n answers 204 to OPTIONS for any path; a real request would run the workflow.)
	 * @returns {Promise<{ status: number, ms: number, url: string }>}
	 */
	async waitForWebhook(webhookPath, { method = 'POST', timeoutMs = 60000 } = {}) {
		const url = `${this.baseUrl}/webhook/${webhookPath.replace(/^\/+/, '')}`;
		const headers = { origin: this.baseUrl, 'access-control-request-method': method.toUpperCase() };
		const t0 = Date.now();
		let last;
		while (Date.now() - t0 < timeoutMs) {
			if (!this.child) throw new Error('n8n is not running');
			last = await httpStatus(url, 'OPTIONS', headers);
			if (last >= 200 && last < 300) {
				const ms = Date.now() - t0;
				this.webhookMs = ms + (this.startMs ?? 0);
				log(
					`webhook ${method} ${url} registered after ${fmtMs(ms)} (${fmtMs(this.webhookMs)} after start)`,
				);
				return { status: last, ms, url };
			}
			await sleep(250);
		}
		throw new Error(
			`webhook ${method} ${url} not registered after ${timeoutMs} ms (last preflight answer ${last}):\n${this.logTail()}`,
		);
	}

	/** SIGTERM the server's process group, SIGKILL after `graceMs`. Safe to call any time. */
	async stop({ graceMs = 10000 } = {}) {
		const child = this.child;
		if (!child) return;
		this.child = undefined;
		killGroup(child.pid, 'SIGTERM');
		let timer;
		const timedOut = await Promise.race([
			this.exited.then(() => false),
			new Promise((r) => (timer = setTimeout(() => r(true), graceMs))),
		]);
		clearTimeout(timer); // a pending 10 s timer would keep jest from exiting
		if (timedOut) log(`n8n did not exit ${graceMs} ms after SIGTERM; killing its process group`);
		// Also reaps any task-runner child that outlived the main process.
		killGroup(child.pid, 'SIGKILL');
		if (timedOut) await this.exited;
		// A killed process counts until the system has reaped it (on a busy machine, moments later):
		// stop() returns once the whole group is gone, so the next test starts on a free machine.
		for (let waited = 0; waited < 5000 && killGroup(child.pid, 0); waited += 50)
			await new Promise((r) => setTimeout(r, 50));
		running.delete(this);
	}

	/** Everything `n8n start` printed so far. */
	log() {
		try {
			return fs.readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	logTail(lines = 80) {
		return this.log().split('\n').slice(-lines).join('\n');
	}

	/** The last `lines` lines of the log that report a problem, for a failed check's message. */
	logProblems(lines = 5) {
		return this.log()
			.split('\n')
			.filter((line) => /error|warn|fail|SQLITE_|timed? ?out/i.test(line))
			.slice(-lines)
			.join('\n');
	}

	/**
	 * Every stored execution with its raw run data, read from the sqlite database using the
	 * n8n install's own sqlite3 module (so no dependency here), for tests that search it for
	 * secrets or check what was recorded.
	 *
	 * Read in statements of 50 rows: n8n 1.x's default SQLite has no WAL, so a reader blocks n8n's
	 * writes while a statement runs, and n8n waits only 1 s (sqlite3's busy timeout) before it drops
	 * the write. One statement over thousands of executions holds the lock ~0.15 s on an idle machine
	 * and far longer on a loaded one; a short statement each time lets n8n in between.
	 * @returns {Promise<{ rows: Array<{ id: string, workflowId: string, status: string, mode: string, finished: number, data: string, workflowData: string }>, text: string }>}
	 */
	async exportExecutions() {
		if (!fs.existsSync(this.dbFile)) return { rows: [], text: '' };
		const script = `
			const sqlite3 = require(require.resolve('sqlite3', { paths: [process.argv[1]] }));
			// Read-only: the server may be running and owns the database.
			const db = new sqlite3.Database(process.argv[2], sqlite3.OPEN_READONLY, (err) => { if (err) fail(err); });
			// Our side waits while n8n writes; n8n's own side waits 1 s at most (see above).
			db.configure('busyTimeout', 30000);
			function fail(err) { process.stderr.write(String(err && err.stack || err)); process.exit(1); }
			const rows = [];
			function next(after) {
				db.all(
					'SELECT e.id AS id, e.workflowId AS workflowId, e.status AS status, e.mode AS mode, e.finished AS finished, ' +
					'd.data AS data, d.workflowData AS workflowData ' +
					'FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id ' +
					'WHERE e.id > ? ORDER BY e.id LIMIT 50',
					[after],
					(err, page) => {
						if (err) fail(err);
						rows.push(...page);
						if (page.length === 50) return next(page[page.length - 1].id);
						process.stdout.write(JSON.stringify(rows));
						db.close();
					},
				);
			}
			next(-1);`;
		const res = await run(this.install.nodeBin, [
			'-e',
			script,
			path.join(this.install.dir, 'node_modules', 'n8n'),
			this.dbFile,
		]);
		if (res.code !== 0)
			throw new Error(`reading executions from ${this.dbFile} failed:\n${res.stderr}`);
		const rows = JSON.parse(res.stdout).map((r) => ({ ...r, id: String(r.id) }));
		const text = rows
			.map(
				(r) =>
					`${r.id}\t${r.workflowId}\t${r.status}\t${r.mode}\n${r.data ?? ''}\n${r.workflowData ?? ''}`,
			)
			.join('\n');
		return { rows, text };
	}
}

/** Parse the JSON value at the start of `text`, ignoring anything printed after it. */
function parseLeadingJson(text) {
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {}
	// Trailing log lines after the JSON (2.x runner shutdown): `--rawOutput` pretty-prints, so the
	// object ends with a line holding only `}`. A few such candidates, not every brace: a cut-off
	// multi-megabyte output would otherwise cost one full parse per brace.
	const ends = [...text.matchAll(/^\}[ \t]*$/gm)]
		.map((match) => match.index)
		.reverse()
		.slice(0, 5);
	for (const end of ends) {
		try {
			return JSON.parse(text.slice(0, end + 1));
		} catch {}
	}
	return undefined;
}

/** HTTP status of a request to 127.0.0.1, or 0 when the connection fails. */
async function httpStatus(url, method, headers = {}) {
	try {
		const res = await fetch(url, { method, headers, signal: AbortSignal.timeout(5000) });
		await res.arrayBuffer().catch(() => {});
		return res.status;
	} catch {
		return 0;
	}
}

module.exports = { N8nInstance, freePort, parseLeadingJson, ENCRYPTION_KEY };

'use strict';
/**
 * The two services n8n's queue mode needs, as throwaway local processes on 127.0.0.1:
 *   - Redis (Debian's redis-server): no persistence, so a restart comes back empty, as a
 *     crashed cache without a volume does;
 *   - Postgres (Debian's postgresql): a fresh cluster made with initdb in a temporary folder.
 *     Postgres refuses to run as root, and CI runs as root: the cluster belongs to the
 *     `postgres` user that Debian's package creates, and its tools run through runuser.
 * tools/ci/install-queue-services.sh installs both packages.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { run, runOrThrow, killGroup, fmtMs, log } = require('./exec');
const { freePort } = require('./instance');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Started services, killed if the process exits without stop(). */
const running = new Set();
process.on('exit', () => {
	for (const service of running) service.killNow();
});

function which(bin, hint) {
	const found = (process.env.PATH ?? '')
		.split(path.delimiter)
		.map((d) => path.join(d, bin))
		.find((p) => fs.existsSync(p));
	if (!found) throw new Error(`${bin} not found: ${hint}`);
	return found;
}

/** Debian's postgresql binaries live in /usr/lib/postgresql/<major>/bin, not on PATH. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root)
		? fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'bin', 'initdb')))
		: [];
	if (!majors.length)
		throw new Error('postgresql is not installed: run `bash tools/ci/install-queue-services.sh`');
	return path.join(root, majors.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** A TCP connect to 127.0.0.1:port succeeds. */
function canConnect(port) {
	return new Promise((resolve) => {
		const socket = require('node:net').connect(port, '127.0.0.1');
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});
}

class Redis {
	/** @param {{ port?: number }} [opts] */
	static async create(opts = {}) {
		const bin = which('redis-server', 'run `bash tools/ci/install-queue-services.sh`');
		return new Redis(bin, opts.port ?? (await freePort()));
	}

	constructor(bin, port) {
		this.bin = bin;
		this.port = port;
		this.child = undefined;
	}

	/** Start (again, on the same port after stop(): n8n reconnects to it). Empty every time. */
	async start() {
		if (this.child) return;
		const t0 = Date.now();
		const args = [
			'--port',
			String(this.port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--protected-mode',
			'yes',
			'--daemonize',
			'no',
			'--loglevel',
			'warning',
		];
		this.child = spawn(this.bin, args, { stdio: 'ignore', detached: true });
		this.child.unref();
		running.add(this);
		const child = this.child;
		this.exited = new Promise((r) => child.once('exit', r));
		while (!(await canConnect(this.port))) {
			if (Date.now() - t0 > 15000)
				throw new Error(`redis-server did not listen on 127.0.0.1:${this.port}`);
			await sleep(50);
		}
		log(`redis on 127.0.0.1:${this.port} in ${fmtMs(Date.now() - t0)}`);
	}

	/** SIGKILL: a crash, nothing flushed (there is nothing to flush either). */
	async stop() {
		const child = this.child;
		if (!child) return;
		this.child = undefined;
		killGroup(child.pid, 'SIGKILL');
		await this.exited;
		running.delete(this);
	}

	killNow() {
		if (this.child) killGroup(this.child.pid, 'SIGKILL');
	}
}

class Postgres {
	/** @param {{ port?: number }} [opts] */
	static async create(opts = {}) {
		const bin = postgresBin();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wecom-pg-'));
		return new Postgres(bin, dir, opts.port ?? (await freePort()));
	}

	constructor(bin, dir, port) {
		this.bin = bin;
		this.dir = dir;
		this.dataDir = path.join(dir, 'data');
		this.port = port;
		this.user = 'n8n';
		this.database = 'n8n';
		this.started = false;
		this.asRoot = process.getuid?.() === 0;
	}

	/** Run a postgres tool as the `postgres` user when we are root (initdb/pg_ctl refuse root). */
	tool(name, args, opts = {}) {
		const exe = path.join(this.bin, name);
		return this.asRoot
			? runOrThrow('runuser', ['-u', 'postgres', '--', exe, ...args], opts)
			: runOrThrow(exe, args, opts);
	}

	async start() {
		const t0 = Date.now();
		if (this.asRoot) await runOrThrow('chown', ['postgres:postgres', this.dir]);
		// trust: loopback only, throwaway data; n8n connects without a password.
		await this.tool(
			'initdb',
			['-D', this.dataDir, '-A', 'trust', '-U', this.user, '--no-sync', '-E', 'UTF8', '--locale=C'],
			{ cwd: this.dir },
		);
		const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
		await this.tool(
			'pg_ctl',
			['-D', this.dataDir, '-l', path.join(this.dir, 'postgres.log'), '-o', opts, '-w', 'start'],
			{ cwd: this.dir, timeoutMs: 60000 },
		);
		this.started = true;
		running.add(this);
		await this.tool(
			'createdb',
			['-h', '127.0.0.1', '-p', String(this.port), '-U', this.user, this.database],
			{ cwd: this.dir },
		);
		log(`postgres on 127.0.0.1:${this.port} (${this.dataDir}) in ${fmtMs(Date.now() - t0)}`);
	}

	/** The DB_* variables every n8n process of the topology gets. */
	n8nEnv() {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}

	/**
	 * Rows of a SELECT as objects (psql's JSON output), e.g.
	 * `query('SELECT id, status FROM execution_entity')`.
	 */
	async query(sql) {
		const wrapped = `SELECT coalesce(json_agg(t), '[]'::json) FROM (${sql}) t`;
		const res = await run(
			path.join(this.bin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(this.port),
				'-U',
				this.user,
				'-d',
				this.database,
				'-At',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				wrapped,
			],
			{ timeoutMs: 60000 },
		);
		if (res.code !== 0) throw new Error(`psql failed: ${res.stderr}`);
		return JSON.parse(res.stdout);
	}

	async stop() {
		if (!this.started) return;
		this.started = false;
		await this.tool('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', 'stop'], {
			cwd: this.dir,
			timeoutMs: 30000,
		}).catch((err) => log(`pg_ctl stop: ${err.message}`));
		running.delete(this);
		fs.rmSync(this.dir, { recursive: true, force: true });
	}

	killNow() {
		if (!this.started) return;
		// Synchronous: runs in the exit hook.
		try {
			const pid = Number(
				fs.readFileSync(path.join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
			);
			if (pid) process.kill(pid, 'SIGQUIT');
		} catch {}
	}
}

module.exports = { Redis, Postgres, postgresBin };

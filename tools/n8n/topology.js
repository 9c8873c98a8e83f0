'use strict';
/**
 * n8n's queue mode as teams run it, on 127.0.0.1 with free ports and throwaway folders:
 * Redis + Postgres (tools/n8n/services.js), n8n main (`n8n start`, EXECUTIONS_MODE=queue,
 * DB_TYPE=postgresdb), one webhook processor (`n8n webhook`) and N workers (`n8n worker`), all with
 * the same N8N_ENCRYPTION_KEY and each with its own user folder holding the packed package, as
 * every process of a real deployment needs it installed.
 *
 *   const topo = await QueueTopology.create({ line: '1', workers: 2 });   // services up, package in
 *   await topo.main.importCredentials([...]); await topo.main.importWorkflow(wf);
 *   await topo.main.activate(id);                                         // CLI, before start()
 *   await topo.start();                                                   // main, webhook, workers
 *   await topo.waitForWebhook(`${webhookId}/wecom`);                      // on the webhook processor
 *   ... POST to topo.webhook.baseUrl ...; await topo.executions();
 *   await topo.stop();                                                    // always safe
 *
 * CLI commands go through `topo.main` (they share the Postgres database, so unlike sqlite they may
 * also run while the servers run). Which worker ran an execution is in the workers' own logs
 * ("Worker started execution <id>"): see workerOf().
 */
const path = require('node:path');
const { N8nInstance, freePort } = require('./instance');
const { pack, packAndInstall } = require('./package');
const { Redis, Postgres } = require('./services');
const { fmtMs, log } = require('./exec');

class QueueTopology {
	/**
	 * @param {{ line: '1'|'2', workers?: number, env?: Record<string,string>, mainEnv?: Record<string,string>, workerEnv?: Record<string,string> }} opts
	 *   env: extra variables for every n8n process; mainEnv / workerEnv: for main / the workers only.
	 */
	static async create(opts) {
		const t0 = Date.now();
		const topo = new QueueTopology(opts);
		try {
			topo.redis = await Redis.create();
			topo.postgres = await Postgres.create();
			await Promise.all([topo.redis.start(), topo.postgres.start()]);
			const shared = {
				...topo.postgres.n8nEnv(),
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(topo.redis.port),
				// n8n's default pool is 2 connections per process; a worker runs 10 executions at once.
				DB_POSTGRESDB_POOL_SIZE: '10',
				...(opts.env ?? {}),
			};
			topo.webhook = await N8nInstance.create({ line: opts.line, env: { ...shared } });
			// Main shows production URLs of the webhook processor, where a load balancer sends /webhook/*.
			const webhookUrl = `${topo.webhook.baseUrl}/`;
			topo.main = await N8nInstance.create({
				line: opts.line,
				env: {
					...shared,
					...(topo.line === '2' ? { N8N_WEBHOOK_URL: webhookUrl } : { WEBHOOK_URL: webhookUrl }),
					...(opts.mainEnv ?? {}),
				},
			});
			for (let i = 0; i < topo.workerCount; i++) {
				const port = await freePort();
				topo.workers.push(
					await N8nInstance.create({
						line: opts.line,
						port,
						env: {
							...shared,
							QUEUE_HEALTH_CHECK_ACTIVE: 'true',
							QUEUE_HEALTH_CHECK_PORT: String(port),
							N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
							...(opts.workerEnv ?? {}),
						},
					}),
				);
			}
			const { tarball } = await pack(path.join(topo.main.userFolder, '.pack'));
			for (const inst of topo.processes()) await packAndInstall(inst.userFolder, { tarball });
		} catch (err) {
			await topo.stop();
			throw err;
		}
		log(
			`queue topology (line ${topo.main.line}, ${topo.workerCount} workers) prepared in ${fmtMs(Date.now() - t0)}`,
		);
		return topo;
	}

	constructor(opts) {
		this.line = String(opts.line);
		this.workerCount = opts.workers ?? 2;
		this.workers = [];
		this.redis = undefined;
		this.postgres = undefined;
		this.main = undefined;
		this.webhook = undefined;
	}

	/** Every n8n process: main, webhook processor, workers. */
	processes() {
		return [this.main, this.webhook, ...this.workers].filter(Boolean);
	}

	/**
	 * Start main (it runs the migrations and writes the active workflows' webhooks into Postgres),
	 * then the webhook processor and the workers side by side.
	 * @param {{ waitForWebhook?: string }} [opts] a production webhook path (`<webhookId>/<path>`)
	 *   main must have registered before the webhook processor starts.
	 */
	async start(opts = {}) {
		const t0 = Date.now();
		await this.main.start({ timeoutMs: 180000 });
		if (opts.waitForWebhook)
			await this.main.waitForWebhook(opts.waitForWebhook, { timeoutMs: 120000 });
		await Promise.all([
			this.webhook.start({ command: 'webhook', timeoutMs: 180000 }),
			...this.workers.map((w) => w.start({ command: 'worker', timeoutMs: 180000 })),
		]);
		log(
			`queue topology started in ${fmtMs(Date.now() - t0)}: main ${this.main.baseUrl}, webhook ${this.webhook.baseUrl}, workers ${this.workers.map((w) => w.port).join(', ')}`,
		);
	}

	/** The production webhook is served by the webhook processor. */
	waitForWebhook(webhookPath, opts) {
		return this.webhook.waitForWebhook(webhookPath, opts);
	}

	/** Stored executions (Postgres), oldest first. */
	async executions(workflowId) {
		const where = workflowId
			? `WHERE "workflowId" = '${String(workflowId).replace(/'/g, "''")}'`
			: '';
		const rows = await this.postgres.query(
			`SELECT id::text AS id, "workflowId", status, mode, finished FROM execution_entity ${where} ORDER BY id`,
		);
		return rows;
	}

	/**
	 * Which process ran each execution, from n8n's own logs: a worker logs
	 * "Worker started execution <id>"; main and the webhook processor log no such line.
	 * @returns {Map<string, string>} execution id → 'worker1' | 'worker2' | ...
	 */
	workerOf() {
		const map = new Map();
		this.workers.forEach((w, i) => {
			for (const m of w.log().matchAll(/Worker started execution (\d+)/g))
				map.set(m[1], `worker${i + 1}`);
		});
		return map;
	}

	/** Stop every n8n process, then the services; remove the Postgres folder. Always safe. */
	async stop() {
		await Promise.all(this.processes().map((p) => p.stop({ graceMs: 5000 }).catch(() => {})));
		await this.redis?.stop();
		await this.postgres?.stop();
	}

	/** The user folders and logs, for a test's failure message. */
	describe() {
		return this.processes()
			.map(
				(p, i) =>
					`${['main', 'webhook', ...this.workers.map((_, j) => `worker${j + 1}`)][i]}: ${p.baseUrl} ${p.logFile}`,
			)
			.join('\n');
	}
}

/** `node tools/n8n/topology.js [line] [workers]`: start the topology, print it, stop on Ctrl-C. */
async function main() {
	const line = process.argv[2] ?? '1';
	const workers = Number(process.argv[3] ?? 2);
	const topo = await QueueTopology.create({ line, workers });
	const stop = async () => {
		await topo.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	await topo.start();
	process.stdout.write(
		`${topo.describe()}\nredis 127.0.0.1:${topo.redis.port}, postgres 127.0.0.1:${topo.postgres.port}\nCtrl-C stops everything.\n`,
	);
}

if (require.main === module) {
	main().catch((err) => {
		process.stderr.write(`${err.stack ?? err}\n`);
		process.exit(1);
	});
}

module.exports = { QueueTopology };

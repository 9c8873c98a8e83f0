'use strict';
/**
 * `npm run dev -- --queue`: the WeCom sandbox plus n8n in queue mode (tools/n8n/topology.js:
 * Redis, Postgres, main with the editor, one webhook processor, N workers), with the sandbox
 * credential and the example workflows, the welcome flow active. Everything is throwaway: a new
 * Postgres database and new user folders every run (queue mode is for watching, not for keeping).
 */
const path = require('node:path');
const { ensureN8n } = require('../n8n/install');
const { QueueTopology } = require('../n8n/topology');
const { ensureBuilt } = require('./build');
const { startSandboxProcess, pickPort } = require('./sandbox');
const {
	loadExamples,
	pickWelcomeFlow,
	triggerOf,
	ensureOwner,
	OWNER,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	CALLBACK_PATH,
} = require('./setup');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * @param {{ line?: string, workers?: number, sandboxPort?: number, build?: boolean|'force', log?: (m: string) => void, onStarted?: (stop: () => Promise<void>) => void }} opts
 */
async function startQueueDev(opts = {}) {
	const t0 = Date.now();
	const log = opts.log ?? ((m) => process.stderr.write(`[dev] ${m}\n`));
	const line = String(opts.line ?? '1');
	const started = { sandbox: undefined, topo: undefined };
	const stop = async () => {
		const { sandbox, topo } = started;
		started.sandbox = started.topo = undefined;
		await Promise.all([topo?.stop(), sandbox?.stop()]);
	};
	if (opts.onStarted) opts.onStarted(stop);
	try {
		if (opts.build !== false) await ensureBuilt({ log, force: opts.build === 'force' });
		const install = await ensureN8n(line);
		log(`n8n ${install.version} (line ${line}) ready in .cache/`);

		const topo = await QueueTopology.create({
			line,
			workers: opts.workers ?? 2,
			mainEnv: { N8N_DISABLE_UI: 'false' },
		});
		started.topo = topo;
		const sandbox = await startSandboxProcess({
			port: await pickPort(opts.sandboxPort ?? 0),
			logFile: path.join(topo.main.userFolder, 'sandbox.log'),
		});
		started.sandbox = sandbox;
		log(`WeCom sandbox on ${sandbox.url}`);

		await topo.main.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: CREDENTIAL_NAME,
				type: 'weComApi',
				data: { ...sandbox.config, baseUrl: sandbox.url },
			},
		]);
		const examples = loadExamples(path.join(ROOT, 'examples'));
		const file = topo.main.writeTemp(
			'examples',
			examples.map((e) => ({ active: false, settings: {}, connections: {}, ...e.workflow })),
		);
		await topo.main.cliOrThrow(['import:workflow', `--input=${file}`]);
		// The same welcome flow as `npm run dev` (welcome-flow.json; other triggers listen to other events).
		const welcome = pickWelcomeFlow(examples);
		const trigger = welcome ? triggerOf(welcome.workflow) : undefined;
		if (welcome) await topo.main.activate(welcome.workflow.id);
		log(
			`credential and ${examples.length} example workflow(s) imported${welcome ? `; "${welcome.workflow.name}" active` : ''}`,
		);

		const hook = trigger ? `${trigger.webhookId}/${CALLBACK_PATH}` : undefined;
		await topo.start({ waitForWebhook: hook });
		const productionUrl = hook
			? (await topo.waitForWebhook(hook, { timeoutMs: 90000 })).url
			: undefined;
		await ensureOwner(topo.main.baseUrl);
		return {
			line,
			version: topo.main.version,
			topo,
			sandbox,
			editorUrl: topo.main.baseUrl,
			sandboxUrl: sandbox.url,
			owner: { email: OWNER.email, password: OWNER.password },
			credential: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME },
			examples: examples.map((e) => ({ file: e.file, id: e.workflow.id, name: e.workflow.name })),
			welcomeFlow: welcome ? { id: welcome.workflow.id, name: welcome.workflow.name } : undefined,
			productionUrl,
			readyMs: Date.now() - t0,
			stop,
		};
	} catch (err) {
		await stop().catch(() => {});
		throw err;
	}
}

module.exports = { startQueueDev };

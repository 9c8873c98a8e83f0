'use strict';
/**
 * The whole local setup behind `npm run dev`, also used by the editor check
 * (test/e2e/editor.e2e.test.ts):
 *
 *   build (if stale) → n8n installed in .cache/ → WeCom sandbox → user folder with this package
 *   packed and installed as users get it → sandbox credential + example workflows imported → the
 *   welcome flow activated → `n8n start` with the editor → owner account → webhook registered.
 *
 * The user folder may be reused: the package is re-installed only when dist/ changed, the
 * credential only when its data changed, an example only when its file changed (re-importing
 * replaces the workflow of the same id, so edits made in the editor survive restarts otherwise).
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { N8nInstance, freePort } = require('../n8n/instance');
const { ensureN8n } = require('../n8n/install');
const { packAndInstall } = require('../n8n/package');
const { ensureBuilt, ROOT } = require('./build');
const { startSandboxProcess, pickPort } = require('./sandbox');

const PKG = 'n8n-nodes-wecom-masssend';
const TRIGGER_TYPE = `${PKG}.weComTrigger`;
const CALLBACK_PATH = 'wecom';
const CREDENTIAL_ID = 'wecom-sandbox';
const CREDENTIAL_NAME = 'WeCom (sandbox)';
const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** Dev-only login of the local n8n (loopback only). n8n wants 8+ chars, a digit, an upper-case letter. */
const OWNER = Object.freeze({
	email: 'dev@example.com',
	password: 'WeComDev123',
	firstName: 'WeCom',
	lastName: 'Dev',
});

function sha(value) {
	return crypto
		.createHash('sha256')
		.update(typeof value === 'string' ? value : JSON.stringify(value))
		.digest('hex')
		.slice(0, 16);
}

function readJson(file, fallback) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return fallback;
	}
}

/**
 * The example workflows as n8n import wants them: one object per workflow, each with a stable id
 * (derived from the file name when the file has none) so re-imports replace instead of duplicate.
 * @returns {Array<{ file: string, hash: string, workflow: any }>}
 */
function loadExamples(dir) {
	if (!fs.existsSync(dir)) return [];
	const out = [];
	for (const name of fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		const text = fs.readFileSync(path.join(dir, name), 'utf8');
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch (err) {
			throw new Error(`${path.join(dir, name)} is not valid JSON: ${err.message}`);
		}
		const list = Array.isArray(parsed) ? parsed : [parsed];
		list.forEach((wf, i) => {
			if (!wf || !Array.isArray(wf.nodes)) return; // not a workflow
			const id = wf.id ? String(wf.id) : sha(`${name}#${i}`);
			out.push({
				file: list.length > 1 ? `${name}#${i}` : name,
				hash: sha(JSON.stringify(wf)),
				workflow: {
					active: false,
					settings: {},
					connections: {},
					...wf,
					id,
					name: wf.name || name.replace(/\.json$/, ''),
				},
			});
		});
	}
	return out;
}

/** The first WeCom Trigger node with a webhookId in a workflow, or undefined. */
function triggerOf(workflow) {
	return (workflow.nodes || []).find((n) => n.type === TRIGGER_TYPE && n.webhookId && !n.disabled);
}

/** The example that is the welcome flow: welcome-flow.json, else the first with a WeCom Trigger. */
function pickWelcomeFlow(examples) {
	return (
		examples.find((e) => e.file.startsWith('welcome-flow.json') && triggerOf(e.workflow)) ??
		examples.find((e) => triggerOf(e.workflow))
	);
}

/** GET/POST helper for loopback JSON; never throws for HTTP errors. */
async function http(url, { method = 'GET', body, timeoutMs = 10000 } = {}) {
	try {
		const res = await fetch(url, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {}
		return { status: res.status, text, json, headers: res.headers };
	} catch (err) {
		return { status: 0, text: String(err), json: undefined, headers: undefined };
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Create the owner account on a fresh instance (n8n's own signup form posts the same). An
 * instance whose owner exists answers 400 "Instance owner already setup": nothing to do.
 */
async function ensureOwner(baseUrl, timeoutMs = 90000) {
	const t0 = Date.now();
	for (;;) {
		// /healthz answers before the REST routes are mounted: 404 (or no answer) means "not yet".
		const res = await http(`${baseUrl}/rest/owner/setup`, { method: 'POST', body: OWNER });
		if (res.status === 200) return 'created';
		if (res.status === 400 && /already setup/i.test(res.text)) return 'exists';
		if (
			!(res.status === 0 || res.status === 404 || res.status >= 502) ||
			Date.now() - t0 > timeoutMs
		) {
			throw new Error(`owner setup failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
		}
		await sleep(250);
	}
}

/** Wait until the editor's index page is served (the UI assets are copied at start). */
async function waitForEditor(baseUrl, timeoutMs = 120000) {
	const t0 = Date.now();
	for (;;) {
		const res = await http(`${baseUrl}/signin`, { timeoutMs: 5000 });
		if (res.status === 200 && /<html/i.test(res.text)) return Date.now() - t0;
		if (Date.now() - t0 > timeoutMs)
			throw new Error(`the editor did not load within ${timeoutMs} ms (last: HTTP ${res.status})`);
		await sleep(250);
	}
}

/**
 * Build, start and prepare everything. On failure whatever was started is stopped again.
 * @param {import('./setup').DevSetupOptions} opts
 * @returns {Promise<import('./setup').DevSetup>}
 */
async function startDev(opts = {}) {
	const t0 = Date.now();
	const log = opts.log ?? ((m) => process.stderr.write(`[dev] ${m}\n`));
	const line = String(opts.line ?? '1');
	const userFolder = path.resolve(
		opts.userFolder ?? path.join(ROOT, '.tmp', line === '1' ? 'dev-n8n' : `dev-n8n-${line}`),
	);
	const examplesDir = opts.examplesDir ?? EXAMPLES_DIR;
	const timings = {};
	const mark = (name, since) => (timings[name] = Date.now() - since);

	const started = { sandbox: undefined, n8n: undefined };
	const stop = async () => {
		const n8n = started.n8n;
		const sandbox = started.sandbox;
		started.n8n = started.sandbox = undefined;
		await Promise.all([n8n?.stop(), sandbox?.stop()]);
	};
	if (opts.onStarted) opts.onStarted(stop);

	try {
		let t = Date.now();
		const build =
			opts.build === false
				? { packageFingerprint: 'unchecked' }
				: await ensureBuilt({ log, force: opts.build === 'force' });
		mark('build', t);

		t = Date.now();
		const install = await ensureN8n(line);
		mark('n8nInstall', t);
		log(`n8n ${install.version} (line ${line}) ready in .cache/`);

		fs.mkdirSync(userFolder, { recursive: true });
		const stateFile = path.join(userFolder, 'dev-state.json');
		const state = readJson(stateFile, {});
		const fresh = !fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
		const saveState = () => fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
		if (fresh) {
			// A new (or deleted) database holds nothing we imported before.
			delete state.credentialHash;
			state.examples = {};
		}

		// The sandbox starts first (its URL goes into the credential) and runs while n8n boots.
		t = Date.now();
		const sandbox = await startSandboxProcess({
			port: await pickPort(opts.sandboxPort ?? 0),
			logFile: path.join(userFolder, 'sandbox.log'),
		});
		started.sandbox = sandbox;
		mark('sandbox', t);
		log(`WeCom sandbox on ${sandbox.url} (pid ${sandbox.pid})`);

		const n8nPort = (await pickPort(opts.n8nPort ?? 0)) || (await freePort());
		const n8n = await N8nInstance.create({
			line,
			userFolder,
			port: n8nPort,
			env: { N8N_DISABLE_UI: 'false', ...(opts.env ?? {}) },
		});

		t = Date.now();
		const pkgDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PKG);
		if (
			state.packageFingerprint === build.packageFingerprint &&
			build.packageFingerprint !== 'unchecked' &&
			fs.existsSync(path.join(pkgDir, 'package.json'))
		) {
			log(`${PKG} in the user folder is current (dist/ unchanged)`);
		} else {
			const pkg = await packAndInstall(userFolder);
			state.packageFingerprint = build.packageFingerprint;
			saveState();
			log(
				`${PKG}@${pkg.version} packed and installed into ${path.relative(ROOT, path.dirname(pkg.packageDir))}`,
			);
		}
		mark('package', t);

		// Credential: the sandbox's fixed keys, with this run's sandbox URL.
		t = Date.now();
		const credential = {
			id: CREDENTIAL_ID,
			name: CREDENTIAL_NAME,
			type: 'weComApi',
			data: { ...sandbox.config, baseUrl: sandbox.url },
		};
		const credHash = sha(credential);
		if (state.credentialHash !== credHash) {
			await n8n.importCredentials([credential]);
			state.credentialHash = credHash;
			saveState();
			log(
				`credential "${CREDENTIAL_NAME}" (id ${CREDENTIAL_ID}) imported, base URL ${sandbox.url}`,
			);
		}
		mark('credential', t);

		// Examples: import new or changed files in one CLI call.
		t = Date.now();
		const examples = loadExamples(examplesDir);
		state.examples = state.examples ?? {};
		const changed = examples.filter((e) => state.examples[e.file] !== `${e.workflow.id}:${e.hash}`);
		if (changed.length) {
			const dir = path.join(userFolder, 'cli-input', `examples-${Date.now()}`);
			fs.mkdirSync(dir, { recursive: true });
			changed.forEach((e, i) =>
				fs.writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(e.workflow, null, 2)),
			);
			await n8n.cliOrThrow(['import:workflow', '--separate', `--input=${dir}`]);
			log(
				`imported ${changed.length} example workflow(s): ${changed.map((e) => e.file).join(', ')}`,
			);
		} else if (examples.length) {
			log(`example workflows unchanged since last import (${examples.length})`);
		} else {
			log(`no example workflows in ${path.relative(ROOT, examplesDir) || examplesDir}`);
		}
		mark('examples', t);

		// The welcome flow is activated whenever it was (re-)imported: import leaves workflows inactive.
		t = Date.now();
		const welcome = pickWelcomeFlow(examples);
		if (welcome && changed.includes(welcome)) {
			await n8n.activate(welcome.workflow.id);
			log(`welcome flow "${welcome.workflow.name}" activated`);
		}
		for (const e of changed) state.examples[e.file] = `${e.workflow.id}:${e.hash}`;
		saveState();
		mark('activate', t);

		t = Date.now();
		started.n8n = n8n; // stop() is safe at any time, also while start() waits for /healthz
		await n8n.start({ timeoutMs: opts.startTimeoutMs ?? 180000 });
		const owner = await ensureOwner(n8n.baseUrl);
		state.owner = OWNER.email;
		saveState();
		const editorMs = await waitForEditor(n8n.baseUrl);
		let productionUrl;
		let welcomeTrigger;
		if (welcome) {
			welcomeTrigger = triggerOf(welcome.workflow);
			const hook = `${welcomeTrigger.webhookId}/${CALLBACK_PATH}`;
			const res = await n8n.waitForWebhook(hook, {
				method: 'POST',
				timeoutMs: opts.webhookTimeoutMs ?? 90000,
			});
			productionUrl = res.url;
		}
		mark('start', t);
		log(`n8n started (editor after ${(editorMs / 1000).toFixed(1)} s of waiting; owner ${owner})`);

		return {
			line,
			version: n8n.version,
			n8n,
			sandbox,
			userFolder,
			fresh,
			editorUrl: n8n.baseUrl,
			sandboxUrl: sandbox.url,
			owner: { email: OWNER.email, password: OWNER.password },
			credential: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME },
			examples: examples.map((e) => ({ file: e.file, id: e.workflow.id, name: e.workflow.name })),
			welcomeFlow: welcome
				? {
						id: welcome.workflow.id,
						name: welcome.workflow.name,
						triggerName: welcomeTrigger.name,
						webhookId: welcomeTrigger.webhookId,
					}
				: undefined,
			productionUrl,
			readyMs: Date.now() - t0,
			timings,
			stop,
		};
	} catch (err) {
		await stop().catch(() => {});
		throw err;
	}
}

module.exports = {
	startDev,
	loadExamples,
	pickWelcomeFlow,
	triggerOf,
	ensureOwner,
	OWNER,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	PKG,
	TRIGGER_TYPE,
	CALLBACK_PATH,
};

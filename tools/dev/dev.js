#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: the local WeCom sandbox plus a real n8n (SQLite, 127.0.0.1, with the editor)
 * that has this package installed the way users get it, a sandbox credential and the example
 * workflows. Prints where everything is and how to fire a "customer added" event; Ctrl-C stops
 * everything. Plain CommonJS with Node built-ins only: runs on a fresh clone before any build.
 *
 *   npm run dev                        n8n 1.123.81 (line 1) on Node 22
 *   npm run dev -- --line 2            n8n 2.41.1 on Node 24 (installed into .cache/ once)
 *   npm run dev -- --reset             start from an empty dev user folder
 *   npm run dev -- --help
 *
 * The steps live beside this file in tools/dev/ (setup.js, build.js, sandbox.js), shared with the editor check.
 */
const fs = require('node:fs');
const path = require('node:path');

const T0 = Date.now();
const ROOT = path.resolve(__dirname, '..', '..');

const HELP = `Usage: npm run dev -- [options]

  --line 1|2           n8n line: 1 = n8n 1.123.81 on Node 22 (default), 2 = n8n 2.41.1 on Node 24
  --port N             n8n port (default 5678, or any free port when 5678 is taken)
  --sandbox-port N     WeCom sandbox port (default 3999, or any free port when taken)
  --reset              delete the dev user folder (.tmp/dev-n8n) first: new database, new owner
  --queue              n8n in queue mode: Redis, Postgres, main, a webhook processor and workers
                       (throwaway every run; needs Debian's redis-server and postgresql:
                       bash tools/ci/install-queue-services.sh)
  --workers N          workers with --queue (default 2)
  --rebuild            rebuild the package and the sandbox even when nothing changed
  --quiet-sends        do not print the welcome messages the sandbox receives
  -h, --help           this text
`;

function parseArgs(argv) {
	const o = {
		line: '1',
		port: 5678,
		sandboxPort: 3999,
		reset: false,
		rebuild: false,
		watchSends: true,
		queue: false,
		workers: 2,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--line':
				o.line = String(value());
				if (!['1', '2'].includes(o.line)) fail(`--line must be 1 or 2, got ${o.line}`);
				break;
			case '--port':
				o.port = Number(value());
				break;
			case '--sandbox-port':
				o.sandboxPort = Number(value());
				break;
			case '--reset':
				o.reset = true;
				break;
			case '--rebuild':
				o.rebuild = true;
				break;
			case '--queue':
				o.queue = true;
				break;
			case '--workers':
				o.workers = Number(value());
				if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 8)
					fail('--workers must be 1..8');
				break;
			case '--quiet-sends':
				o.watchSends = false;
				break;
			case '-h':
			case '--help':
				process.stdout.write(HELP);
				process.exit(0);
				break;
			default:
				fail(`unknown option ${argv[i]}\n\n${HELP}`);
		}
	}
	for (const k of ['port', 'sandboxPort'])
		if (!Number.isInteger(o[k]) || o[k] < 0 || o[k] > 65535) fail(`invalid ${k}`);
	return o;
}

function fail(msg) {
	process.stderr.write(`${msg}\n`);
	process.exit(2);
}

const elapsed = () => `${((Date.now() - T0) / 1000).toFixed(1)} s`;
const log = (m) => process.stderr.write(`[dev ${elapsed().padStart(7)}] ${m}\n`);
const rel = (p) => path.relative(process.cwd(), p) || '.';

let stopAll = async () => {};
let shuttingDown = false;

async function shutdown(reason, code) {
	if (shuttingDown) return;
	shuttingDown = true;
	log(`${reason}: stopping n8n and the sandbox ...`);
	const t = Date.now();
	try {
		await stopAll();
	} catch (err) {
		log(`while stopping: ${err.message}`);
	}
	log(`stopped in ${((Date.now() - t) / 1000).toFixed(1)} s`);
	process.exit(code);
}

for (const [sig, code] of [
	['SIGINT', 130],
	['SIGTERM', 143],
	['SIGHUP', 129],
]) {
	process.on(sig, () => {
		if (shuttingDown) {
			// Second Ctrl-C: do not wait. instance.js SIGKILLs n8n's process group on exit.
			process.stderr.write('\nforced exit\n');
			process.exit(code);
		}
		process.stderr.write('\n');
		shutdown(sig, code);
	});
}

/** Print each welcome message (send_welcome_msg) the sandbox receives, so firing an event shows its effect here. */
function watchWelcomeSends(sandboxUrl) {
	let seen = 0;
	const timer = setInterval(async () => {
		try {
			const res = await fetch(`${sandboxUrl}/__sandbox/welcome-sends`, {
				signal: AbortSignal.timeout(2000),
			});
			const sends = await res.json();
			for (const s of sends.slice(seen)) {
				const text = s.body?.text?.content ?? '';
				const att = Array.isArray(s.body?.attachments) ? s.body.attachments.length : 0;
				log(
					`sandbox received send_welcome_msg: welcome_code=${s.code} text=${JSON.stringify(text)}${att ? ` attachments=${att}` : ''}`,
				);
			}
			seen = Math.max(seen, sends.length);
		} catch {}
	}, 1000);
	timer.unref();
}

function banner(dev) {
	const c = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
	const lines = [
		'',
		c(`  WeCom dev setup ready in ${((Date.now() - T0) / 1000).toFixed(1)} s`) +
			`  (n8n ${dev.version}, line ${dev.line}${dev.fresh ? ', new user folder' : ''})`,
		'',
		`  Editor         ${c(dev.editorUrl)}`,
		`  Login          ${dev.owner.email}  /  ${dev.owner.password}`,
		`  Sandbox        ${dev.sandboxUrl}   (answers like qyapi.weixin.qq.com; credential "${dev.credential.name}")`,
	];
	if (dev.welcomeFlow) {
		lines.push(
			`  Welcome flow   "${dev.welcomeFlow.name}" (active)  ${dev.editorUrl}/workflow/${dev.welcomeFlow.id}`,
			`  Production URL ${dev.productionUrl}`,
			'',
			'  Fire a sandbox "customer added" event at it (signed and AES-encrypted like WeCom\'s):',
			`    curl -X POST ${dev.sandboxUrl}/__sandbox/emit -H 'content-type: application/json' -d '${JSON.stringify({ url: dev.productionUrl })}'`,
			'  See the welcome message (send_welcome_msg) the flow sent back:',
			`    curl ${dev.sandboxUrl}/__sandbox/welcome-sends`,
		);
	} else {
		lines.push(
			'',
			'  No example workflow with a WeCom Trigger was found in examples/, so nothing was activated.',
		);
	}
	if (dev.examples.length)
		lines.push(
			'',
			`  Workflows      ${dev.examples.map((e) => `${e.name} (${e.file})`).join(', ')}`,
		);
	lines.push(
		`  Logs           ${rel(dev.n8n.logFile)}, ${rel(path.join(dev.userFolder, 'sandbox.log'))}`,
		`  User folder    ${rel(dev.userFolder)} (kept between runs; --reset starts over)`,
		'',
		'  Ctrl-C stops n8n and the sandbox.',
		'',
	);
	process.stdout.write(lines.join('\n') + '\n');
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	if (opts.queue) return mainQueue(opts);
	const userFolder = path.join(
		ROOT,
		'.tmp',
		opts.line === '1' ? 'dev-n8n' : `dev-n8n-${opts.line}`,
	);
	if (opts.reset && fs.existsSync(userFolder)) {
		log(`--reset: removing ${rel(userFolder)}`);
		fs.rmSync(userFolder, { recursive: true, force: true });
	}

	// Loaded here, not at the top: on a fresh clone nothing else is needed before this point.
	const { startDev } = require('./setup');
	const dev = await startDev({
		line: opts.line,
		userFolder,
		n8nPort: opts.port,
		sandboxPort: opts.sandboxPort,
		build: opts.rebuild ? 'force' : true,
		log,
		onStarted: (stop) => (stopAll = stop),
	});
	if (shuttingDown) return;
	banner(dev);
	if (opts.watchSends) watchWelcomeSends(dev.sandboxUrl);

	// Either child dying on its own ends the session, with the reason.
	dev.n8n.exited.then(({ code, signal }) => {
		if (shuttingDown) return;
		log(
			`n8n exited on its own (${code ?? signal}); last lines of ${rel(dev.n8n.logFile)}:\n${dev.n8n.logTail(30)}`,
		);
		shutdown('n8n exited', 1);
	});
	dev.sandbox.exited.then(({ code, signal }) => {
		if (shuttingDown) return;
		log(
			`the sandbox exited on its own (${code ?? signal}); see ${rel(path.join(dev.userFolder, 'sandbox.log'))}`,
		);
		shutdown('sandbox exited', 1);
	});
	// Keep the process alive until a signal (the children are unref'd process groups).
	setInterval(() => {}, 1 << 30);
}

/** `--queue`: the same sandbox and examples, with n8n in queue mode (tools/dev/queue.js). */
async function mainQueue(opts) {
	const { startQueueDev } = require('./queue');
	const dev = await startQueueDev({
		line: opts.line,
		workers: opts.workers,
		sandboxPort: opts.sandboxPort,
		build: opts.rebuild ? 'force' : true,
		log,
		onStarted: (stop) => (stopAll = stop),
	});
	if (shuttingDown) return;
	const { topo } = dev;
	const lines = [
		'',
		`  WeCom dev setup in QUEUE MODE ready in ${(dev.readyMs / 1000).toFixed(1)} s  (n8n ${dev.version}, line ${dev.line}; throwaway database)`,
		'',
		`  Editor (main)      ${dev.editorUrl}   login ${dev.owner.email} / ${dev.owner.password}`,
		`  Webhook processor  ${topo.webhook.baseUrl}   (serves /webhook/*: point WeCom's callback URL here)`,
		...topo.workers.map(
			(w, i) => `  Worker ${i + 1}           ${w.baseUrl}/healthz   log ${rel(w.logFile)}`,
		),
		`  Redis              127.0.0.1:${topo.redis.port}    Postgres 127.0.0.1:${topo.postgres.port} (user n8n, database n8n)`,
		`  Sandbox            ${dev.sandboxUrl}   (credential "${dev.credential.name}")`,
	];
	if (dev.productionUrl) {
		lines.push(
			`  Production URL     ${dev.productionUrl}`,
			'',
			'  Fire a "customer added" event at the webhook processor; a worker runs the execution:',
			`    curl -X POST ${dev.sandboxUrl}/__sandbox/emit -H 'content-type: application/json' -d '${JSON.stringify({ url: dev.productionUrl })}'`,
			`  Which worker ran it:  grep "started execution" ${topo.workers.map((w) => rel(w.logFile)).join(' ')}`,
		);
	}
	lines.push('', '  Ctrl-C stops n8n, Redis, Postgres and the sandbox.', '');
	process.stdout.write(lines.join('\n') + '\n');
	if (opts.watchSends) watchWelcomeSends(dev.sandboxUrl);
	for (const p of topo.processes()) {
		p.exited.then(({ code, signal }) => {
			if (shuttingDown) return;
			log(
				`an n8n process exited on its own (${code ?? signal}); last lines of ${rel(p.logFile)}:\n${p.logTail(30)}`,
			);
			shutdown('n8n exited', 1);
		});
	}
	setInterval(() => {}, 1 << 30);
}

main().catch(async (err) => {
	log(`failed: ${err.stack || err.message || err}`);
	if (!shuttingDown) {
		shuttingDown = true;
		await stopAll().catch(() => {});
	}
	process.exit(1);
});

'use strict';
/**
 * Start the compiled WeCom sandbox (`.build/tools/sandbox/cli.js`) as a child process in its own
 * process group and read the JSON line it prints: `{ url, corpId, secret, callbackToken,
 * encodingAESKey }`. Everything it prints afterwards goes to `logFile`.
 */
const fs = require('node:fs');
const net = require('node:net');
const { spawn } = require('node:child_process');
const { SANDBOX_CLI } = require('./build');

/** True when 127.0.0.1:<port> can be bound right now. */
function portIsFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.unref();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

/** `preferred` when it is free, else 0 (the OS picks). */
async function pickPort(preferred) {
	if (preferred && (await portIsFree(preferred))) return preferred;
	return 0;
}

/**
 * @param {{ port?: number, logFile: string, timeoutMs?: number }} o port 0 or absent: any free port
 * @returns {Promise<{ url: string, config: { corpId: string, secret: string, callbackToken: string, encodingAESKey: string }, pid: number, exited: Promise<{ code: number|null, signal: string|null }>, stop: () => Promise<void> }>}
 */
function startSandboxProcess({ port = 0, logFile, timeoutMs = 30000 }) {
	if (!fs.existsSync(SANDBOX_CLI))
		throw new Error(`${SANDBOX_CLI} is missing: run npx tsc -p tsconfig.tools.json`);
	const out = fs.openSync(logFile, 'a');
	fs.writeSync(out, `\n===== sandbox start at ${new Date().toISOString()} =====\n`);
	const child = spawn(process.execPath, [SANDBOX_CLI, '--port', String(port)], {
		stdio: ['ignore', 'pipe', out],
		// Own group: a Ctrl-C in the terminal reaches only dev.js, which stops things in order.
		detached: true,
	});
	fs.closeSync(out);
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);

	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {}
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, 3000);
		await exited;
		clearTimeout(timer);
	};

	return new Promise((resolve, reject) => {
		let buf = '';
		const timer = setTimeout(() => {
			stop();
			reject(new Error(`the sandbox printed nothing within ${timeoutMs} ms (log: ${logFile})`));
		}, timeoutMs);
		const onData = (d) => {
			buf += d;
			const nl = buf.indexOf('\n');
			if (nl < 0) return;
			clearTimeout(timer);
			child.stdout.off('data', onData);
			// Keep draining stdout into the log so the child never blocks on a full pipe.
			const rest = buf.slice(nl + 1);
			if (rest) fs.appendFileSync(logFile, rest);
			child.stdout.on('data', (more) => fs.appendFileSync(logFile, more));
			try {
				const { url, ...config } = JSON.parse(buf.slice(0, nl));
				resolve({ url, config, pid: child.pid, exited, stop });
			} catch (err) {
				stop();
				reject(new Error(`the sandbox printed something unexpected: ${buf.slice(0, nl)}`));
			}
		};
		child.stdout.setEncoding('utf8').on('data', onData);
		exited.then(({ code, signal }) => {
			clearTimeout(timer);
			let tail = '';
			try {
				tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
			} catch {}
			reject(new Error(`the sandbox exited (${code ?? signal}) before it was ready:\n${tail}`));
		});
	});
}

module.exports = { startSandboxProcess, pickPort, portIsFree };

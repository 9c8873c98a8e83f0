'use strict';
/**
 * Child-process helpers shared by the n8n tooling: run a command, collect its output, time it.
 * Kept separate so install/package/instance read as a list of steps rather than spawn plumbing.
 */
const { spawn } = require('node:child_process');

/**
 * Run a command to completion. Never rejects for a non-zero exit (callers decide what a failure
 * is, e.g. `n8n execute` exits 1 for a failed workflow but its output is still wanted).
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, input?: string, timeoutMs?: number }} [opts]
 * @returns {Promise<{ code: number|null, signal: string|null, stdout: string, stderr: string, ms: number }>}
 */
function run(cmd, args, opts = {}) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env || process.env,
			stdio: ['pipe', 'pipe', 'pipe'],
			// Own process group: on timeout we must also kill grandchildren (n8n 2.x task runners).
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
		let timer;
		if (opts.timeoutMs) {
			timer = setTimeout(() => {
				stderr += `\n[exec] timed out after ${opts.timeoutMs} ms, killing process group ${child.pid}\n`;
				killGroup(child.pid, 'SIGKILL');
			}, opts.timeoutMs);
		}
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
		});
		child.stdin.on('error', () => {}); // the child may exit without reading its input
		child.stdin.end(opts.input ?? '');
	});
}

/** Like run(), but throws with the output tail when the exit code is not 0. */
async function runOrThrow(cmd, args, opts = {}) {
	const res = await run(cmd, args, opts);
	if (res.code !== 0) {
		const tail = (res.stdout + '\n' + res.stderr).split('\n').slice(-60).join('\n');
		throw new Error(
			`Command failed (exit ${res.code}${res.signal ? ', ' + res.signal : ''}): ${cmd} ${args.join(' ')}\n${tail}`,
		);
	}
	return res;
}

/** Signal a whole process group; ignore "no such process" so it is always safe to call. */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch (err) {
		if (err.code !== 'ESRCH') throw err;
		return false;
	}
}

function fmtMs(ms) {
	return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** Progress goes to stderr unadorned so it shows the same under jest and on the command line. */
function log(msg) {
	process.stderr.write(`[n8n-e2e ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

module.exports = { run, runOrThrow, killGroup, fmtMs, log };

'use strict';
/**
 * The settings the README's production section recommends, read from deploy/n8n.env (the file
 * the compose files give every n8n process), so an end-to-end test can start n8n with exactly
 * them: `N8nInstance.create({ line, env: productionEnv() })`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./install');

const ENV_FILE = path.join(ROOT, 'deploy', 'n8n.env');

/**
 * `NAME=value` lines of a Docker env file (comments and blank lines skipped; no quoting: Docker's
 * env_file takes the rest of the line literally, and so does this).
 * @param {string} text
 * @returns {Record<string, string>}
 */
function parseEnvFile(text) {
	/** @type {Record<string, string>} */
	const env = {};
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) continue;
		const eq = line.indexOf('=');
		if (eq <= 0) throw new Error(`deploy/n8n.env: not NAME=value: "${line}"`);
		env[line.slice(0, eq)] = line.slice(eq + 1);
	}
	return env;
}

/** @returns {Record<string, string>} */
function productionEnv() {
	return parseEnvFile(fs.readFileSync(ENV_FILE, 'utf8'));
}

module.exports = { ENV_FILE, parseEnvFile, productionEnv };

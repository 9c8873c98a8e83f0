/**
 * The floor any community trigger can reach: a package with one trigger node that parses nothing
 * and evaluates no expression, written by the benchmark into an n8n user folder next to this
 * package (never shipped). Its webhook returns `{ WelcomeCode }` from the query string `code`, so
 * the next node can make the same send_welcome_msg call as the other chains (WeCom Send with its default too).
 *
 * "Event-Sized Item" makes it emit the fields WeCom Trigger emits for "customer added" instead of
 * the code alone: what the item's size costs n8n (storing and passing it), apart from any trigger.
 *
 * "Read Credentials" makes it call `getCredentials()` in the webhook phase, as any trigger that
 * verifies a signature must: the difference between the two is what that one call costs.
 *
 * A request without `code` (GET or POST: the flood of bench:flood) is refused with 401 at once,
 * reading nothing: what n8n itself costs per refused request, the floor for any trigger.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MINIMAL_PACKAGE = 'n8n-nodes-bench-minimal';
export const MINIMAL_TRIGGER_TYPE = `${MINIMAL_PACKAGE}.benchMinimalTrigger`;
export const MINIMAL_CREDENTIAL_TYPE = 'benchMinimalApi';
export const MINIMAL_PATH = 'min';
/**
 * The version workflows use: above 1, as WeCom Trigger's, because n8n evaluates an expression for
 * every request to a webhook node of version 1 — the floor is what any package can reach.
 */
export const MINIMAL_TRIGGER_VERSION = 1.1;

const NODE_JS = `'use strict';
class BenchMinimalTrigger {
	constructor() {
		this.description = {
			displayName: 'Bench Minimal Trigger',
			name: 'benchMinimalTrigger',
			group: ['trigger'],
			version: [1, 1.1],
			defaultVersion: 1.1,
			description: 'Benchmark floor: answers and passes ?code= on',
			defaults: { name: 'Bench Minimal Trigger' },
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: '${MINIMAL_CREDENTIAL_TYPE}', required: false }],
			webhooks: [
				{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: '${MINIMAL_PATH}' },
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '${MINIMAL_PATH}' },
			],
			properties: [
				{ displayName: 'Read Credentials', name: 'readCredentials', type: 'boolean', default: false },
				{ displayName: 'Event-Sized Item', name: 'eventItem', type: 'boolean', default: false },
			],
		};
	}
	async webhook() {
		const req = this.getRequestObject();
		if (!req.query.code) {
			const res = this.getResponseObject();
			res.statusCode = 401;
			res.end('Invalid signature');
			return { noWebhookResponse: true };
		}
		if (this.getNodeParameter('readCredentials', false) === true) await this.getCredentials('${MINIMAL_CREDENTIAL_TYPE}');
		const WelcomeCode = String(req.query.code || '');
		if (this.getNodeParameter('eventItem', false) !== true) return { workflowData: [[{ json: { WelcomeCode } }]] };
		// The fields WeCom Trigger emits for "customer added", so only the item's size is like ours.
		const now = Date.now();
		const json = {
			ToUserName: 'ww0000000000000000', FromUserName: 'sys', CreateTime: Math.floor(now / 1000),
			MsgType: 'event', Event: 'change_external_contact', ChangeType: 'add_external_contact',
			UserID: 'zhangsan', ExternalUserID: 'wmAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', State: '', WelcomeCode,
			eventKey: 'add_external_contact:zhangsan:wmAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:' + now,
			receivedAt: new Date(now).toISOString(), welcomeCodeExpiresAt: new Date(now + 20000).toISOString(),
		};
		return { workflowData: [[{ json }]] };
	}
}
module.exports = { BenchMinimalTrigger };
`;

const CREDENTIAL_JS = `'use strict';
class BenchMinimalApi {
	constructor() {
		this.name = '${MINIMAL_CREDENTIAL_TYPE}';
		this.displayName = 'Bench Minimal API';
		this.properties = [{ displayName: 'Key', name: 'key', type: 'string', typeOptions: { password: true }, default: '' }];
	}
}
module.exports = { BenchMinimalApi };
`;

/** Writes the package into `<userFolder>/.n8n/nodes/node_modules/` and lists it next to the others. */
export function installMinimalTrigger(userFolder: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const dir = join(nodesDir, 'node_modules', MINIMAL_PACKAGE);
	mkdirSync(join(dir, 'dist'), { recursive: true });
	writeFileSync(join(dir, 'dist', 'BenchMinimalTrigger.node.js'), NODE_JS);
	writeFileSync(join(dir, 'dist', 'BenchMinimalApi.credentials.js'), CREDENTIAL_JS);
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify(
			{
				name: MINIMAL_PACKAGE,
				version: '0.0.1',
				keywords: ['n8n-community-node-package'],
				main: 'index.js',
				n8n: {
					n8nNodesApiVersion: 1,
					nodes: ['dist/BenchMinimalTrigger.node.js'],
					credentials: ['dist/BenchMinimalApi.credentials.js'],
				},
			},
			null,
			2,
		),
	);
	writeFileSync(join(dir, 'index.js'), 'module.exports = {};\n');
	// packAndInstall wrote this list with our package alone.
	const listPath = join(nodesDir, 'package.json');
	const list = JSON.parse(readFileSync(listPath, 'utf8')) as {
		dependencies: Record<string, string>;
	};
	list.dependencies[MINIMAL_PACKAGE] = '0.0.1';
	writeFileSync(listPath, JSON.stringify(list, null, 2));
}

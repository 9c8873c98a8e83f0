/**
 * deploy/n8n.env (the settings every n8n process of the production compose files gets) on real
 * n8n, both lines: each variable it or a compose file sets exists in that n8n's sources, and
 * n8n started with exactly n8n.env (`productionEnv()`) runs in Asia/Shanghai, loads the package
 * and warns about none of them. The compose files themselves: test/deploy/compose.test.ts.
 * Requires `npm run build` first. Select lines with N8N_E2E_LINES=1 or =2 (default both).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

import { ensureN8n, ROOT } from '../../tools/n8n/install';
import { N8nInstance } from '../../tools/n8n/instance';
import { assertBuilt, packAndInstall } from '../../tools/n8n/package';
import { productionEnv } from '../../tools/n8n/production';

const LINES = (process.env.N8N_E2E_LINES ?? '1,2').split(',').map((l) => l.trim()) as Array<
	'1' | '2'
>;
const PKG = 'n8n-nodes-wecom-masssend';
const INSTALL_TIMEOUT = 20 * 60 * 1000;
// Read by Node itself (the process's local time), not by n8n.
const READ_BY_NODE = new Set(['TZ']);

/** Every variable deploy/n8n.env and the compose files give n8n processes. */
function deployEnvNames(): string[] {
	const names = new Set(Object.keys(productionEnv()));
	for (const file of ['docker-compose.yml', 'docker-compose.queue.yml']) {
		const text = fs.readFileSync(path.join(ROOT, 'deploy', file), 'utf8');
		const doc = parseDocument(text, { merge: true }).toJS();
		for (const service of Object.values<any>(doc.services))
			if (service.build) for (const name of Object.keys(service.environment ?? {})) names.add(name);
	}
	return [...names].sort();
}

/** The JavaScript n8n runs its configuration from: n8n, @n8n/config, n8n-core. */
function n8nSources(installDir: string): string {
	const parts: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(p);
			else if (entry.name.endsWith('.js')) parts.push(fs.readFileSync(p, 'utf8'));
		}
	};
	for (const pkg of ['n8n', '@n8n/config', 'n8n-core'])
		walk(path.join(installDir, 'node_modules', pkg, 'dist'));
	return parts.join('\n');
}

/** Manual Trigger → Set with the time n8n sees, plus our two nodes (unconnected: loaded, not run). */
function timeWorkflow(line: string) {
	return {
		id: `production${line}time0`,
		name: 'production settings',
		nodes: [
			{
				id: 'p1',
				name: 'Manual',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'p2',
				name: 'Time',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							// GENERIC_TIMEZONE: the workflow's zone ($now, schedules).
							{ id: 'a1', name: 'zone', value: '={{ $now.zoneName }}', type: 'string' },
							{ id: 'a2', name: 'offset', value: "={{ $now.toFormat('ZZ') }}", type: 'string' },
							// TZ: the process's local time (plain Date), e.g. what a date string without a zone means.
							{
								id: 'a3',
								name: 'localOffsetMinutes',
								value: '={{ new Date(2026, 0, 1).getTimezoneOffset() }}',
								type: 'number',
							},
						],
					},
					options: {},
				},
			},
			...['weComMassSend', 'weComTrigger'].map((node, i) => ({
				id: `p${i + 3}`,
				name: node,
				type: `${PKG}.${node}`,
				typeVersion: 1,
				position: [0, 200 * (i + 1)],
				parameters: {},
				webhookId: `0000000${line}-7a3e-4c1a-9d6e-00000000000${i}`,
			})),
		],
		connections: { Manual: { main: [[{ node: 'Time', type: 'main', index: 0 }]] } },
		settings: {},
	};
}

describe.each(LINES)('n8n line %s with deploy/n8n.env', (line) => {
	let n8n: N8nInstance;

	beforeAll(async () => {
		assertBuilt();
		await ensureN8n(line);
		n8n = await N8nInstance.create({ line, env: productionEnv() });
		await packAndInstall(n8n.userFolder);
	}, INSTALL_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
	});

	test('every variable n8n.env and the compose files set exists in this n8n, or is for the other line', () => {
		const here = n8nSources(n8n.install.dir);
		const missing = deployEnvNames().filter(
			(name) =>
				!READ_BY_NODE.has(name) && !here.includes(`'${name}'`) && !here.includes(`.${name}`),
		);
		// Known to one line only; the other ignores it (say so where it is set).
		const ONE_LINE_ONLY: Record<string, '1' | '2'> = {
			N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: '2',
			N8N_WEBHOOK_URL: '2',
		};
		expect(missing).toEqual(
			Object.entries(ONE_LINE_ONLY)
				.filter(([, only]) => only !== line)
				.map(([name]) => name)
				.sort(),
		);
	});

	test('a workflow runs in Asia/Shanghai, with the package loaded', async () => {
		const id = await n8n.importWorkflow(timeWorkflow(line));
		const res = await n8n.execute(id);
		expect(res.stdout + res.stderr).not.toMatch(/Unrecognized node type/);
		expect(res.code).toBe(0);
		expect(res.data?.data?.resultData?.error).toBeUndefined();
		const json = res.data.data.resultData.runData.Time[0].data.main[0][0].json;
		expect(json).toEqual({ zone: 'Asia/Shanghai', offset: '+08:00', localOffsetMinutes: -480 });
	});

	test('n8n starts and warns about none of the n8n.env settings', async () => {
		await n8n.start();
		const log = n8n.log();
		for (const name of Object.keys(productionEnv())) expect(log).not.toContain(` - ${name} -> `);
		await n8n.stop();
	});
});

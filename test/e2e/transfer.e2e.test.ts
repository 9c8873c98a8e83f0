/**
 * Customer Transfer and 获客助手 in a real n8n, on both supported lines: the package installed from its
 * npm tarball, the sandbox (this process, 127.0.0.1) playing WeCom. Every 获客助手 event posted to a
 * trigger's production URL starts one run with WeCom's fields in the stable shape; the quota example
 * of examples/ reads the quota and writes the owner's message; the member-leaves example, started by
 * its webhook as an HR system would, hands the leaver's customers and groups over and waits a day.
 *
 *   npm run build && N8N_E2E_LINES=1 flock /tmp/wecom-e2e.lock npx jest -c jest.e2e.config.js test/e2e/transfer
 *   (then N8N_E2E_LINES=2)
 */
import * as path from 'node:path';

import { N8nInstance } from '../../tools/n8n/instance';
import { assertBuilt, packAndInstall } from '../../tools/n8n/package';
import { ensureN8n } from '../../tools/n8n/install';
import {
	ACQUISITION_CHANGE_TYPES,
	acquisitionEvent,
	startSandbox,
	type CallbackEvent,
	type Sandbox,
} from '../../tools/sandbox';
import { SEEDED_QUOTA } from '../../tools/sandbox/acquisitionLinks';
import { SEEDED_CUSTOMERS } from '../../tools/sandbox/contacts';
import { SEEDED_GROUPS } from '../../tools/sandbox/groupChats';
import {
	LINES,
	PKG,
	importWorkflows,
	nodeJson,
	parseFlatted,
	poll,
	storedExecutions,
	timed,
} from './support/scenarioKit';

const { loadExamples, CREDENTIAL_ID, CREDENTIAL_NAME } = require('../../tools/dev/setup.js');

const SETUP_TIMEOUT = 20 * 60 * 1000;
const TRIGGER_TYPE = `${PKG}.weComTrigger`;
const EXAMPLES = loadExamples(path.resolve(__dirname, '..', '..', 'examples')) as Array<{
	file: string;
	workflow: any;
}>;
const quotaExample = EXAMPLES.find((e) => e.file === 'acquisition-quota-alert.json')!.workflow;
const leaverExample = EXAMPLES.find((e) => e.file === 'member-leaves-transfer.json')!.workflow;
const QUOTA_WEBHOOK = quotaExample.nodes.find((n: any) => n.type === TRIGGER_TYPE).webhookId;
const ALL_WEBHOOK_ID = '3f6b2d1e-8c4a-4e7b-9a05-5e1c0e0000f2';

/** A trigger that names every 获客助手 event, then a NoOp. */
const acquisitionWorkflow = {
	id: 'wecomAcquisition01',
	name: 'e2e: every 获客助手 event',
	nodes: [
		{
			id: 'a1',
			name: 'WeCom Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: ALL_WEBHOOK_ID,
			parameters: {
				events: ACQUISITION_CHANGE_TYPES.map((c) => `customer_acquisition.${c}`),
				options: {},
			},
			credentials: { weComApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		},
		{
			id: 'a2',
			name: 'NoOp',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 0],
			parameters: {},
		},
	],
	connections: { 'WeCom Trigger': { main: [[{ node: 'NoOp', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

describe.each(LINES)('n8n line %s: Customer Transfer and 获客助手', (line) => {
	let n8n: N8nInstance;
	let sandbox: Sandbox;
	const times: Record<string, number> = {};
	const urlOf = (webhookId: string) => `${n8n.baseUrl}/webhook/${webhookId}/wecom`;

	async function runsOf(workflowId: string, count: number) {
		const rows = await storedExecutions(n8n, workflowId, count, 120000);
		return rows.map((row) => parseFlatted(row.data!).resultData.runData);
	}

	beforeAll(async () => {
		assertBuilt();
		await timed(times, line, 'setup: n8n install (cached) + instance', async () => {
			await ensureN8n(line);
			n8n = await N8nInstance.create({ line });
		});
		sandbox = await startSandbox();
		await timed(times, line, 'setup: packAndInstall', () => packAndInstall(n8n.userFolder));
		await timed(times, line, 'setup: import + activate', async () => {
			await n8n.importCredentials([
				{
					id: CREDENTIAL_ID,
					name: CREDENTIAL_NAME,
					type: 'weComApi',
					data: { ...sandbox.config, baseUrl: sandbox.url },
				},
			]);
			await importWorkflows(n8n, [acquisitionWorkflow, quotaExample, leaverExample]);
			for (const id of [acquisitionWorkflow.id, quotaExample.id, leaverExample.id])
				await n8n.activate(id);
		});
		try {
			await timed(times, line, 'n8n start + triggers answering', async () => {
				await n8n.start({ timeoutMs: 180000 });
				for (const url of [urlOf(ALL_WEBHOOK_ID), urlOf(QUOTA_WEBHOOK)]) {
					await poll(
						`URL verification at ${url}`,
						async () => {
							const echo = sandbox.buildEcho();
							const res = await fetch(`${url}?${new URLSearchParams(echo.query)}`, {
								signal: AbortSignal.timeout(10000),
							}).catch(() => undefined);
							return res?.status === 200 && (await res.text()) === echo.plaintext
								? true
								: undefined;
						},
						{ timeoutMs: 120000, intervalMs: 250 },
					);
				}
			});
		} catch (error) {
			console.error(`[e2e line ${line}] n8n failed to start; its log:\n${n8n.log()}`);
			throw error;
		}
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
		console.log(
			`[e2e line ${line}] wall times:\n${Object.entries(times)
				.map(([k, ms]) => `  ${k}: ${(ms / 1000).toFixed(1)} s`)
				.join('\n')}`,
		);
	});

	test(`all ${ACQUISITION_CHANGE_TYPES.length} 获客助手 events: answered 200 empty, one run each with WeCom’s fields in the stable shape`, async () => {
		const corp = sandbox.config.corpId;
		let createTime = Math.floor(Date.now() / 1000) - 100;
		const sent: CallbackEvent[] = [];
		for (const changeType of ACQUISITION_CHANGE_TYPES) {
			const payload = acquisitionEvent(corp, changeType, {
				createTime: createTime++,
				linkId: 'caE2eLink01',
				state: 'douyin',
				expireQuotaNum: 40,
			});
			const answer = await sandbox.emitCallback(urlOf(ALL_WEBHOOK_ID), payload);
			expect({ changeType, status: answer.status, body: answer.body }).toEqual({
				changeType,
				status: 200,
				body: '',
			});
			sent.push(payload);
		}
		const runs = await timed(times, line, 'acquisition: stored runs', () =>
			runsOf(acquisitionWorkflow.id, sent.length),
		);
		const items = runs.map((runData) => nodeJson(runData, 'WeCom Trigger')[0]);
		for (const payload of sent) {
			const item = items.find((i) => i.ChangeType === payload.ChangeType);
			expect(item).toBeDefined();
			const { eventKey, receivedAt, ...wecom } = item;
			expect(wecom).toEqual(payload);
			expect(eventKey).toMatch(/^[0-9a-f]{32}$/);
			expect(typeof receivedAt).toBe('string');
		}
		const expiring = items.find((i) => i.ChangeType === 'quota_expire_soon');
		expect(typeof expiring.ExpireTime).toBe('number');
		expect(expiring.ExpireQuotaNum).toBe(40);
		expect(
			(await n8n.exportExecutions()).rows.filter((r) => r.workflowId === acquisitionWorkflow.id),
		).toHaveLength(sent.length);
	});

	test('quota example: quota low and a broken link each read the quota and write the owner’s message', async () => {
		const corp = sandbox.config.corpId;
		const t = Math.floor(Date.now() / 1000);
		for (const event of [
			acquisitionEvent(corp, 'balance_low', { createTime: t }),
			acquisitionEvent(corp, 'link_unavailable', { createTime: t + 1, linkId: 'caBrokenLink' }),
		]) {
			expect(await sandbox.emitCallback(urlOf(QUOTA_WEBHOOK), event)).toMatchObject({
				status: 200,
				body: '',
			});
		}
		// Not selected by the example: answered, no run.
		expect(
			await sandbox.emitCallback(
				urlOf(QUOTA_WEBHOOK),
				acquisitionEvent(corp, 'customer_start_chat', { createTime: t + 2 }),
			),
		).toMatchObject({ status: 200 });
		const runs = await timed(times, line, 'quota example: 2 stored runs', () =>
			runsOf(quotaExample.id, 2),
		);
		const messages = runs
			.map((runData) => nodeJson(runData, 'Message for the Owner')[0])
			.sort((a, b) => String(a.event).localeCompare(String(b.event)));
		expect(messages).toEqual([
			expect.objectContaining({
				event: 'balance_low',
				linkId: '',
				balance: SEEDED_QUOTA.balance,
				total: SEEDED_QUOTA.total,
			}),
			expect.objectContaining({
				event: 'link_unavailable',
				linkId: 'caBrokenLink',
				balance: SEEDED_QUOTA.balance,
			}),
		]);
		expect(messages[1].text).toContain('caBrokenLink');
		expect(
			sandbox.callsTo('customer_acquisition_quota').filter((c) => c.method === 'GET'),
		).toHaveLength(2);
		expect(
			(await n8n.exportExecutions()).rows.filter((r) => r.workflowId === quotaExample.id),
		).toHaveLength(2);
	});

	test('member-leaves example: the leaver’s customers and groups are handed over, then the flow waits a day', async () => {
		const res = await fetch(`${n8n.baseUrl}/webhook/member-left`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ handover: 'wangwu', takeover: 'lisi' }),
			signal: AbortSignal.timeout(30000),
		});
		expect(res.status).toBe(200);
		const [runData] = await timed(times, line, 'leaver example: run until the wait', () =>
			runsOf(leaverExample.id, 1),
		);
		expect(nodeJson(runData, 'Transfer Customers')).toEqual([
			expect.objectContaining({
				external_userid: SEEDED_CUSTOMERS.hanmeimei,
				handover_userid: 'wangwu',
				takeover_userid: 'lisi',
				memberStatus: 'resigned',
				started: true,
				errcode: 0,
			}),
		]);
		expect(nodeJson(runData, 'Transfer Groups')).toEqual([
			expect.objectContaining({
				chat_id: SEEDED_GROUPS.inherited,
				new_owner: 'lisi',
				transferred: true,
			}),
		]);
		const sentCustomers = sandbox.callsTo('resigned/transfer_customer');
		expect(sentCustomers).toHaveLength(1);
		expect((sentCustomers[0].body as any).external_userid).toEqual([SEEDED_CUSTOMERS.hanmeimei]);
		expect(sandbox.callsTo('groupchat/transfer')).toHaveLength(1);
		// The flow is now waiting its day before it reads the results.
		expect(runData['Results']).toBeUndefined();
	});
});

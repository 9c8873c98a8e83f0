/**
 * The QR-code campaign end to end in a real n8n, on both supported lines, with the three examples
 * of examples/ exactly as `npm run dev` imports them and the sandbox playing WeCom:
 *   1. "one QR code per channel into a sheet" (n8n execute): add_contact_way once per channel, each
 *      with its own state, and a CSV with config_id and qr_code;
 *   2. a customer scans the poster channel's code: the sandbox sends WeCom's encrypted
 *      add_external_contact with that State and a WelcomeCode; the "channel → welcome → tag" flow
 *      sends the poster text (send_welcome_msg) and tags the customer (mark_tag) for the member;
 *      a code whose state is not a channel (no `qr_` prefix) starts nothing;
 *   3. a customer joins a group through a join way: the "join way → group details → log" flow reads
 *      the group (groupchat/get) and reports the member with the join way's state.
 *
 *   npm run build && flock /tmp/wecom-e2e.lock npx jest -c jest.e2e.config.js test/e2e/campaign
 *   (N8N_E2E_LINES=1 or 2 for one line)
 */
import * as path from 'node:path';

import { N8nInstance } from '../../tools/n8n/instance';
import { assertBuilt, packAndInstall } from '../../tools/n8n/package';
import { ensureN8n } from '../../tools/n8n/install';
import { startSandbox, type RecordedCall, type Sandbox } from '../../tools/sandbox';
import { SEEDED_GROUPS } from '../../tools/sandbox/groupChats';
import {
	LINES,
	importWorkflows,
	nodeJson,
	parseFlatted,
	poll,
	storedExecutions,
	timed,
} from './support/scenarioKit';

const { loadExamples, CREDENTIAL_ID, CREDENTIAL_NAME } = require('../../tools/dev/setup.js');

const SETUP_TIMEOUT = 20 * 60 * 1000;
const STEP_TIMEOUT = 5 * 60 * 1000;

const examples = loadExamples(path.resolve(__dirname, '..', '..', 'examples')) as Array<{
	file: string;
	workflow: any;
}>;
const example = (file: string) => examples.find((e) => e.file === file)!.workflow;
const qrCodes = example('channel-qr-codes.json');
const channelWelcome = example('channel-welcome-tag.json');
const joinReport = example('join-way-report.json');
const webhookOf = (workflow: any) =>
	workflow.nodes.find((n: any) => n.webhookId).webhookId as string;

const apiOf = (call: RecordedCall) => call.path.replace(/^\/cgi-bin\/(externalcontact\/)?/, '');

describe.each(LINES)('n8n line %s: the QR-code campaign', (line) => {
	let n8n: N8nInstance;
	let sandbox: Sandbox;
	const times: Record<string, number> = {};
	let started = false;
	const urlOf = (workflow: any) => `${n8n.baseUrl}/webhook/${webhookOf(workflow)}/wecom`;
	const callsSince = (mark: number) =>
		sandbox.calls.filter((c) => c.seq > mark && !c.path.endsWith('/gettoken'));
	const lastSeq = () => sandbox.calls[sandbox.calls.length - 1]?.seq ?? 0;

	/** What WeCom itself would answer: the sandbox's API with a token of its own (not n8n's calls). */
	async function weCom(api: string, body: Record<string, unknown>): Promise<any> {
		const token = (await (
			await fetch(
				`${sandbox.url}/cgi-bin/gettoken?corpid=${sandbox.config.corpId}&corpsecret=${sandbox.config.secret}`,
			)
		).json()) as any;
		const res = await fetch(
			`${sandbox.url}/cgi-bin/externalcontact/${api}?access_token=${token.access_token}`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			},
		);
		return res.json();
	}

	async function control(endpoint: string, body: Record<string, unknown>): Promise<any> {
		const res = await fetch(`${sandbox.url}/__sandbox/${endpoint}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return res.json();
	}

	async function ensureStarted() {
		if (started) return;
		try {
			await timed(times, line, 'n8n start + both triggers answering', async () => {
				await n8n.start({ timeoutMs: 180000 });
				for (const url of [urlOf(channelWelcome), urlOf(joinReport)]) {
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
			started = true;
		} catch (error) {
			console.error(`[e2e line ${line}] n8n failed to start; its log:\n${n8n.log()}`);
			throw error;
		}
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
			await importWorkflows(n8n, [qrCodes, channelWelcome, joinReport]);
			await n8n.activate(channelWelcome.id);
			await n8n.activate(joinReport.id);
		});
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

	const configIds: Record<string, string> = {};

	test(
		'one QR code per channel (n8n execute): three add_contact_way calls with their states, config_id and qr_code in the sheet',
		async () => {
			const mark = lastSeq();
			const res = await timed(times, line, 'channel QR codes (execute)', () =>
				n8n.execute(qrCodes.id),
			);
			expect(res.data?.data?.resultData?.error).toBeUndefined();
			const calls = callsSince(mark);
			expect(calls.map(apiOf)).toEqual(['add_contact_way', 'add_contact_way', 'add_contact_way']);
			expect(calls.map((c) => c.body)).toEqual(
				['qr_poster', 'qr_store', 'qr_live'].map((state, i) => ({
					type: 1,
					scene: 2,
					user: ['zhangsan'],
					state,
					remark: ['海报', '门店', '直播'][i],
				})),
			);
			const runData = res.data.data.resultData.runData;
			const created = nodeJson(runData, 'Create QR Code');
			expect(created.map((c: any) => c.state)).toEqual(['qr_poster', 'qr_store', 'qr_live']);
			for (const way of created) {
				expect(way.qr_code).toBe(`https://wework.qpic.cn/wwpic/sandbox_${way.config_id}/0`);
				configIds[way.state] = way.config_id;
			}
			const [sheet] = runData['QR Code Sheet'][0].data.main[0];
			expect(sheet.binary.data).toMatchObject({ fileName: 'channel-qr-codes.csv' });
			// WeCom lists them again (they never show in the admin console).
			const listed = await weCom('list_contact_way', { limit: 100 });
			expect(listed.contact_way.map((w: any) => w.config_id)).toEqual(
				created.map((c: any) => c.config_id),
			);
		},
		STEP_TIMEOUT,
	);

	test(
		'a customer adds zhangsan through the poster code → trigger (State qr_poster) → poster welcome → poster tag; a non-channel code starts nothing',
		async () => {
			expect(configIds.qr_poster).toBeDefined();
			await ensureStarted();
			const mark = lastSeq();
			const scanned = await control('scan-contact-way', {
				configId: configIds.qr_poster,
				url: urlOf(channelWelcome),
			});
			expect(scanned.status).toBe(200);
			expect(scanned.event).toMatchObject({
				ChangeType: 'add_external_contact',
				State: 'qr_poster',
				UserID: 'zhangsan',
			});
			const customer = scanned.event.ExternalUserID as string;

			const calls = await poll(
				'send_welcome_msg then mark_tag',
				() => {
					const since = callsSince(mark);
					return since.some((c) => apiOf(c) === 'mark_tag') ? since : undefined;
				},
				{ timeoutMs: 60000, intervalMs: 100 },
			);
			expect(calls.map(apiOf)).toEqual(['send_welcome_msg', 'mark_tag']);
			expect(calls.every((c) => c.errcode === 0)).toBe(true);
			expect(calls[0].body).toMatchObject({
				welcome_code: scanned.event.WelcomeCode,
				text: { content: '感谢扫描海报，%NICKNAME%！新人礼已为您准备好。' },
			});
			expect(calls[1].body).toEqual({
				userid: 'zhangsan',
				external_userid: customer,
				add_tag: ['etSandboxTagOnline'],
			});
			// The customer now carries the channel's tag for zhangsan, as WeCom would report it.
			const followers = (await fetchCustomer(customer)).follow_user;
			expect(followers).toEqual([
				expect.objectContaining({
					userid: 'zhangsan',
					tags: [expect.objectContaining({ tag_id: 'etSandboxTagOnline' })],
				}),
			]);

			// A contact way whose state is not a channel's: answered, filtered, nothing sent.
			const other = await weCom('add_contact_way', {
				type: 1,
				scene: 2,
				user: ['lisi'],
				state: 'staff_card',
			});
			const before = lastSeq();
			const ignored = await control('scan-contact-way', {
				configId: other.config_id,
				url: urlOf(channelWelcome),
			});
			expect({ status: ignored.status, body: ignored.body }).toEqual({ status: 200, body: '' });
			const rows = await storedExecutions(n8n, channelWelcome.id, 1, 60000);
			await new Promise((r) => setTimeout(r, 2000));
			expect(
				callsSince(before).filter((c) => ['send_welcome_msg', 'mark_tag'].includes(apiOf(c))),
			).toEqual([]);
			expect(
				(await n8n.exportExecutions()).rows.filter((r) => r.workflowId === channelWelcome.id),
			).toHaveLength(rows.length);
		},
		STEP_TIMEOUT,
	);

	async function fetchCustomer(externalUserId: string): Promise<any> {
		const token = (await (
			await fetch(
				`${sandbox.url}/cgi-bin/gettoken?corpid=${sandbox.config.corpId}&corpsecret=${sandbox.config.secret}`,
			)
		).json()) as any;
		return (
			await fetch(
				`${sandbox.url}/cgi-bin/externalcontact/get?access_token=${token.access_token}&external_userid=${externalUserId}`,
			)
		).json();
	}

	test(
		'a customer joins a group through a join way → trigger (ChatId) → Customer Group Get → the member with the join way’s state',
		async () => {
			await ensureStarted();
			const way = await weCom('groupchat/add_join_way', {
				scene: 2,
				chat_id_list: [SEEDED_GROUPS.vip],
				state: 'qr_group_poster',
			});
			expect(way.errcode).toBe(0);
			const mark = lastSeq();
			const joined = await control('join-group', {
				configId: way.config_id,
				url: urlOf(joinReport),
			});
			expect(joined.status).toBe(200);
			const member = joined.event.MemChangeList[0] as string;
			const [row] = await storedExecutions(n8n, joinReport.id, 1, 60000);
			const runData = parseFlatted(row.data!).resultData.runData;
			expect(callsSince(mark).map(apiOf)).toEqual(['groupchat/get']);
			expect(callsSince(mark)[0].body).toEqual({ chat_id: SEEDED_GROUPS.vip, need_name: 1 });
			expect(nodeJson(runData, 'Log')).toEqual([
				{
					chat_id: SEEDED_GROUPS.vip,
					group: 'VIP 客户群',
					joined: [{ userid: member, name: expect.any(String), state: 'qr_group_poster' }],
				},
			]);
		},
		STEP_TIMEOUT,
	);
});

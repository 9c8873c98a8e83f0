/**
 * Every example of examples/ as a user gets it, in a real n8n on both supported lines started with
 * the recommended production settings (deploy/n8n.env): the package installed from its npm
 * tarball, each file imported unchanged except the WeCom API credential picked in its WeCom nodes,
 * and each run the way users start it (Run Now, a WeCom callback to the trigger's Production URL,
 * or its webhook). Checks that every run succeeded and the WeCom API calls that reached the
 * sandbox (this process, 127.0.0.1, playing WeCom).
 *
 *   npm run build && flock /tmp/wecom-e2e.lock npx jest -c jest.e2e.config.js test/e2e/examples
 *   (N8N_E2E_LINES=1 or 2 for one line)
 *
 * One n8n per line: the Run Now examples go through `n8n execute` first (the CLI and the server
 * cannot share the SQLite database), then `n8n start` serves the trigger and webhook examples.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { N8nInstance } from '../../tools/n8n/instance';
import { assertBuilt, packAndInstall } from '../../tools/n8n/package';
import { ensureN8n } from '../../tools/n8n/install';
import { productionEnv } from '../../tools/n8n/production';
import {
	acquisitionEvent,
	chatEvent,
	contactEvent,
	startSandbox,
	type CallbackEvent,
	type RecordedCall,
	type Sandbox,
} from '../../tools/sandbox';
import { SEEDED_CUSTOMERS, SEEDED_TAGS } from '../../tools/sandbox/contacts';
import { SEEDED_GROUPS } from '../../tools/sandbox/groupChats';
import { importedExamples, startKind, withoutCredentials } from './support/exampleImport';
import {
	LINES,
	PKG,
	importWorkflows,
	nodeJson,
	parseFlatted,
	poll,
	sleep,
	storedExecutions,
	timed,
} from './support/scenarioKit';

const SETUP_TIMEOUT = 20 * 60 * 1000;
const STEP_TIMEOUT = 5 * 60 * 1000;

/** The credential a user creates and picks; deliberately not the one the files name. */
const PICKED = { id: 'e2eMyWeComCred01', name: 'My WeCom' };
const EXAMPLES = importedExamples(PICKED);
const byFile = (file: string) => EXAMPLES.find((e) => e.file === file)!.workflow;

/** Run Now examples, in the order a team would run them: Monday's campaign before Thursday's. */
const MANUAL_ORDER = [
	'channel-qr-codes.json',
	'group-welcome-templates.json',
	'media-then-mass-message.json',
	'weekly-campaign.json',
	'weekly-campaign-moment.json',
	'tag-segment-campaign.json',
	'tag-segment-follow-up.json',
];
const TRIGGER_FILES = [
	'customer-events.json',
	'welcome-flow.json',
	'channel-welcome-tag.json',
	'customer-get-tag-by-state.json',
	'group-qr-joins.json',
	'join-way-report.json',
	'acquisition-quota-alert.json',
];
const WEBHOOK_FILES = ['member-leaves-transfer.json'];

const apiOf = (call: RecordedCall) => call.path.replace(/^\/cgi-bin\/(externalcontact\/)?/, '');
const webhookIdOf = (workflow: any) =>
	workflow.nodes.find((n: any) => n.type === `${PKG}.weComTrigger`).webhookId as string;

test('every example file is covered here, and is started the way this test starts it', () => {
	expect(EXAMPLES.map((e) => e.file)).toEqual(
		[...MANUAL_ORDER, ...TRIGGER_FILES, ...WEBHOOK_FILES].sort(),
	);
	for (const file of MANUAL_ORDER)
		expect([file, startKind(byFile(file))]).toEqual([file, 'manual']);
	for (const file of TRIGGER_FILES)
		expect([file, startKind(byFile(file))]).toEqual([file, 'weComTrigger']);
	for (const file of WEBHOOK_FILES)
		expect([file, startKind(byFile(file))]).toEqual([file, 'webhook']);
});

test('every example is a valid workflow: unique node ids and names, unique webhook ids across examples', () => {
	const webhookIds = new Map<string, string>();
	for (const { file, original } of EXAMPLES) {
		const ids = original.nodes.map((n: any) => n.id);
		const names = original.nodes.map((n: any) => n.name);
		expect({ file, ids: new Set(ids).size, names: new Set(names).size }).toEqual({
			file,
			ids: ids.length,
			names: names.length,
		});
		for (const node of original.nodes.filter((n: any) => n.webhookId)) {
			expect({ file, webhookId: node.webhookId, alsoIn: webhookIds.get(node.webhookId) }).toEqual({
				file,
				webhookId: node.webhookId,
				alsoIn: undefined,
			});
			webhookIds.set(node.webhookId, file);
		}
	}
});

test('what is imported differs from each file only in the credential of its WeCom nodes', () => {
	for (const { file, original, workflow } of EXAMPLES) {
		expect({ file, workflow: withoutCredentials(workflow) }).toEqual({
			file,
			workflow: withoutCredentials(original),
		});
		for (const node of workflow.nodes.filter((n: any) => n.type.startsWith(`${PKG}.`)))
			expect({ file, node: node.name, credentials: node.credentials }).toEqual({
				file,
				node: node.name,
				credentials: { weComApi: PICKED },
			});
	}
});

test('every example has a setup note (credential, what it does, how to start it; English and 中文), and scheduled ones run on Asia/Shanghai time', () => {
	for (const { file, original } of EXAMPLES) {
		const notes = original.nodes
			.filter((n: any) => n.type === 'n8n-nodes-base.stickyNote')
			.map((n: any) => String(n.parameters.content))
			.join('\n');
		expect({ file, credential: /pick your \*\*WeCom API\*\* credential/.test(notes) }).toEqual({
			file,
			credential: true,
		});
		expect({ file, chinese: /选择你的 \*\*WeCom API\*\* 凭证/.test(notes) }).toEqual({
			file,
			chinese: true,
		});
		if (startKind(original) === 'weComTrigger') {
			expect({ file, url: /Production URL\*\* \(not the Test URL\)/.test(notes) }).toEqual({
				file,
				url: true,
			});
			expect({ file, one: /one callback URL per company/.test(notes) }).toEqual({
				file,
				one: true,
			});
		}
		if (original.nodes.some((n: any) => n.type === 'n8n-nodes-base.scheduleTrigger')) {
			expect({ file, timezone: original.settings?.timezone }).toEqual({
				file,
				timezone: 'Asia/Shanghai',
			});
			expect({ file, manual: startKind(original) }).toEqual({ file, manual: 'manual' });
		}
	}
});

describe.each(LINES)(
	'n8n line %s: every example as imported, with only the credential picked',
	(line) => {
		let n8n: N8nInstance;
		let sandbox: Sandbox;
		const times: Record<string, number> = {};
		/** The run output of each Run Now example (`n8n execute --rawOutput`). */
		const executed: Record<string, { data: any; code: number | null; calls: RecordedCall[] }> = {};
		const lastSeq = () => sandbox.calls[sandbox.calls.length - 1]?.seq ?? 0;
		const apiCallsSince = (mark: number) =>
			sandbox.calls.filter((c) => c.seq > mark && !c.path.endsWith('/gettoken'));
		const urlOf = (file: string) => `${n8n.baseUrl}/webhook/${webhookIdOf(byFile(file))}/wecom`;

		async function runsOf(file: string, count: number) {
			const rows = await storedExecutions(n8n, byFile(file).id, count, 120000);
			return rows.map((row) => ({
				status: row.status,
				runData: parseFlatted(row.data!).resultData.runData,
			}));
		}

		/** Posts WeCom's encrypted callback; WeCom expects an empty 200. */
		async function emit(file: string, event: CallbackEvent) {
			const answer = await sandbox.emitCallback(urlOf(file), event);
			expect({ file, status: answer.status, body: answer.body }).toEqual({
				file,
				status: 200,
				body: '',
			});
		}

		beforeAll(async () => {
			assertBuilt();
			await timed(times, line, 'setup: n8n install (cached) + instance', async () => {
				await ensureN8n(line);
				n8n = await N8nInstance.create({ line, env: productionEnv() });
			});
			sandbox = await startSandbox();
			await timed(times, line, 'setup: packAndInstall', () => packAndInstall(n8n.userFolder));
			await timed(times, line, 'setup: import credential + every example', async () => {
				await n8n.importCredentials([
					{ ...PICKED, type: 'weComApi', data: { ...sandbox.config, baseUrl: sandbox.url } },
				]);
				await importWorkflows(
					n8n,
					EXAMPLES.map((e) => e.workflow),
				);
			});
			await timed(times, line, 'setup: activate the trigger and webhook examples', async () => {
				for (const file of [...TRIGGER_FILES, ...WEBHOOK_FILES])
					await n8n.activate(byFile(file).id);
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

		test(
			'n8n stored each example as the file, with the picked credential',
			async () => {
				const file = path.join(n8n.userFolder, 'cli-input', 'exported.json');
				await n8n.cliOrThrow(['export:workflow', '--all', `--output=${file}`]);
				const exported: any[] = JSON.parse(fs.readFileSync(file, 'utf8'));
				for (const { file: name, workflow } of EXAMPLES) {
					const stored = exported.find((w) => w.id === workflow.id);
					expect({ name, stored: Boolean(stored) }).toEqual({ name, stored: true });
					expect(stored.connections).toEqual(workflow.connections);
					expect(stored.nodes).toHaveLength(workflow.nodes.length);
					for (const node of workflow.nodes) {
						const kept = stored.nodes.find((n: any) => n.name === node.name);
						expect({ name, node: kept }).toMatchObject({ name, node });
					}
				}
			},
			STEP_TIMEOUT,
		);

		test(
			'each Run Now example runs to the end (n8n execute)',
			async () => {
				for (const file of MANUAL_ORDER) {
					const mark = lastSeq();
					const res = await timed(times, line, `execute ${file}`, () =>
						n8n.execute(byFile(file).id),
					);
					const calls = apiCallsSince(mark);
					executed[file] = { data: res.data, code: res.code, calls };
					expect({
						file,
						code: res.code,
						error: res.data?.data?.resultData?.error?.message,
						refused: calls.filter((c) => c.errcode !== 0).map((c) => `${apiOf(c)} ${c.errcode}`),
					}).toEqual({ file, code: 0, error: undefined, refused: [] });
				}
			},
			STEP_TIMEOUT,
		);

		const runData = (file: string) => executed[file]?.data?.data?.resultData?.runData;
		const apis = (file: string) => (executed[file]?.calls ?? []).map(apiOf);

		test('one QR code per channel: three add_contact_way, one CSV', () => {
			const file = 'channel-qr-codes.json';
			expect(apis(file)).toEqual(['add_contact_way', 'add_contact_way', 'add_contact_way']);
			expect(executed[file].calls.map((c) => (c.body as any).state)).toEqual([
				'qr_poster',
				'qr_store',
				'qr_live',
			]);
			const sheet = runData(file)['QR Code Sheet'][0].data.main[0];
			expect(sheet).toHaveLength(1);
			expect(sheet[0].binary.data.fileName).toBe('channel-qr-codes.csv');
		});

		test('group welcome template: add → get → edit → del, chained by template_id', () => {
			const file = 'group-welcome-templates.json';
			expect(apis(file)).toEqual([
				'group_welcome_template/add',
				'group_welcome_template/get',
				'group_welcome_template/edit',
				'group_welcome_template/del',
			]);
			const [created] = nodeJson(runData(file), 'Create Template');
			for (const call of executed[file].calls.slice(1))
				expect((call.body as any).template_id).toBe(created.template_id);
		});

		test('image upload then mass message: the fresh media_id is sent at once', () => {
			const file = 'media-then-mass-message.json';
			expect(apis(file)).toEqual(['media/upload', 'add_msg_template']);
			const [uploaded] = nodeJson(runData(file), 'Upload Image');
			expect((executed[file].calls[1].body as any).attachments).toEqual([
				{ msgtype: 'image', image: { media_id: uploaded.media_id } },
			]);
		});

		test('weekly campaign: create → remind → member tasks → report rows', () => {
			const file = 'weekly-campaign.json';
			expect(apis(file).slice(0, 3)).toEqual([
				'add_msg_template',
				'remind_groupmsg_send',
				'get_groupmsg_task',
			]);
			expect(apis(file)).toContain('get_groupmsg_send_result');
			expect(nodeJson(runData(file), 'Spreadsheet Rows').length).toBeGreaterThan(0);
		});

		test('weekly campaign with a moment: mass message and moment to the VIP tag, then the three-day wait', () => {
			const file = 'weekly-campaign-moment.json';
			expect(apis(file).slice(0, 2)).toEqual(['add_msg_template', 'add_moment_task']);
			expect(
				apis(file)
					.slice(2)
					.every((api) => api === 'get_moment_task_result'),
			).toBe(true);
			// The run is parked at Three Days Later, as it would be in production.
			expect(executed[file].data.waitTill).toBeDefined();
			expect(new Date(executed[file].data.waitTill).getTime()).toBeGreaterThan(
				Date.now() + 2 * 24 * 3600 * 1000,
			);
			expect(runData(file)['Mass Message Report']).toBeUndefined();
		});

		test('tag campaign, Monday: one mass message to the customers with the VIP tag', () => {
			const file = 'tag-segment-campaign.json';
			expect(apis(file)).toEqual(['add_msg_template']);
			expect(executed[file].calls[0].body).toMatchObject({
				chat_type: 'single',
				tag_filter: { group_list: [{ tag_list: [SEEDED_TAGS.vip] }] },
				text: { content: '本周 VIP 专享优惠，欢迎咨询' },
			});
		});

		test("tag campaign, Thursday: finds Monday's message, reminds, reads the report, writes the owner's message", () => {
			const file = 'tag-segment-follow-up.json';
			const [monday] = nodeJson(runData('tag-segment-campaign.json'), 'Create Mass Message');
			expect(monday.msgid).toMatch(/^msg/);
			// Every mass message this week with Monday's text: Monday's, and the moment campaign's (same text).
			const sameText = sandbox
				.callsTo('add_msg_template')
				.filter((c) => (c.body as any).text?.content === '本周 VIP 专享优惠，欢迎咨询').length;
			const calls = executed[file].calls;
			expect(apiOf(calls[0])).toBe('get_groupmsg_list_v2');
			expect(calls[0].body).toMatchObject({ chat_type: 'single', filter_type: 0 });
			const reminded = calls
				.filter((c) => apiOf(c) === 'remind_groupmsg_send')
				.map((c) => (c.body as any).msgid);
			expect(reminded).toContain(monday.msgid);
			expect(reminded).toHaveLength(sameText);
			expect(apis(file)).toContain('get_groupmsg_task');
			const messages = nodeJson(runData(file), 'Message for the Owner');
			expect(messages.map((m) => m.msgid)).toEqual(reminded);
			expect(messages.find((m) => m.msgid === monday.msgid).text).toMatch(
				new RegExp(
					`^周四跟进：VIP 群发 ${monday.msgid}\\n\\d+ 位成员中 \\d+ 位已发送，其余已提醒；已送达 \\d+ 位客户$`,
				),
			);
		});

		describe('the trigger and webhook examples, activated', () => {
			beforeAll(async () => {
				try {
					await timed(times, line, 'n8n start + every trigger answering', async () => {
						await n8n.start({ timeoutMs: 180000 });
						for (const file of TRIGGER_FILES) {
							const url = urlOf(file);
							await poll(
								`URL verification at ${file}'s trigger`,
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
						await n8n.waitForWebhook('member-left', { method: 'POST', timeoutMs: 60000 });
					});
				} catch (error) {
					console.error(`[e2e line ${line}] n8n failed to start; its log:\n${n8n.log()}`);
					throw error;
				}
			}, SETUP_TIMEOUT);

			test(
				'every event through one trigger: By Event branches a new customer (greeted with a code, nothing without), a QR-code group join and a 获客助手 event',
				async () => {
					const file = 'customer-events.json';
					const corp = sandbox.config.corpId;
					const mark = lastSeq();
					const withCode = sandbox.addExternalContactEvent();
					await emit(file, withCode);
					await emit(file, sandbox.addExternalContactEvent({ withWelcomeCode: false }));
					await emit(file, chatEvent(corp, 'update', { joinScene: 3, members: ['wmE2eC'] }));
					await emit(
						file,
						acquisitionEvent(corp, 'balance_low', { createTime: Math.floor(Date.now() / 1000) }),
					);
					const runs = await runsOf(file, 4);
					expect(runs.map((r) => r.status)).toEqual(['success', 'success', 'success', 'success']);
					const ran = (name: string) => runs.filter((r) => r.runData[name] !== undefined);
					expect(ran('Send Welcome Message')).toHaveLength(1);
					expect(nodeJson(ran('Send Welcome Message')[0].runData, 'Send Welcome Message')).toEqual([
						expect.objectContaining({ sent: true, welcomeCode: withCode.WelcomeCode }),
					]);
					expect(ran('No Welcome Code')).toHaveLength(1);
					expect(nodeJson(ran('Add to Campaign')[0].runData, 'Add to Campaign')).toEqual([
						expect.objectContaining({ memberId: 'wmE2eC' }),
					]);
					expect(
						nodeJson(ran('Message for the Owner')[0].runData, 'Message for the Owner'),
					).toEqual([expect.objectContaining({ event: 'balance_low' })]);
					expect(ran('Other Events')).toHaveLength(0);
					const calls = apiCallsSince(mark);
					expect(calls.map((c) => [apiOf(c), c.errcode]).sort()).toEqual([
						['customer_acquisition_quota', 0],
						['send_welcome_msg', 0],
					]);
					expect(calls.find((c) => apiOf(c) === 'send_welcome_msg')!.body).toEqual({
						welcome_code: withCode.WelcomeCode,
						text: { content: '您好 %NICKNAME%，欢迎咨询！' },
					});
				},
				STEP_TIMEOUT,
			);

			test(
				'welcome: a new customer with a WelcomeCode is greeted; one without (console 欢迎语 on) starts nothing',
				async () => {
					const file = 'welcome-flow.json';
					const mark = lastSeq();
					await emit(file, sandbox.addExternalContactEvent({ withWelcomeCode: false }));
					const event = sandbox.addExternalContactEvent();
					await emit(file, event);
					const runs = await runsOf(file, 1);
					await sleep(1500);
					expect(runs.map((r) => r.status)).toEqual(['success']);
					expect(
						(await n8n.exportExecutions()).rows.filter((r) => r.workflowId === byFile(file).id),
					).toHaveLength(1);
					const calls = apiCallsSince(mark);
					expect(calls.map((c) => [apiOf(c), c.errcode, c.body])).toEqual([
						[
							'send_welcome_msg',
							0,
							{ welcome_code: event.WelcomeCode, text: { content: '您好 %NICKNAME%，欢迎咨询！' } },
						],
					]);
				},
				STEP_TIMEOUT,
			);

			test(
				'channel welcome: with a WelcomeCode the channel text and tag, without one the tag only',
				async () => {
					const file = 'channel-welcome-tag.json';
					const mark = lastSeq();
					const customer = { userId: 'zhangsan', externalUserId: SEEDED_CUSTOMERS.lilei };
					const withCode = sandbox.addExternalContactEvent({ ...customer, state: 'qr_poster' });
					await emit(file, withCode);
					await runsOf(file, 1);
					await emit(
						file,
						// The same customer again, a second later: a new event, not a re-delivery.
						contactEvent(sandbox.config.corpId, 'add_external_contact', {
							...customer,
							state: 'qr_store',
							createTime: Number(withCode.CreateTime) + 1,
						}),
					);
					const runs = await runsOf(file, 2);
					expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
					const calls = apiCallsSince(mark);
					expect(calls.map((c) => [apiOf(c), c.errcode])).toEqual([
						['send_welcome_msg', 0],
						['mark_tag', 0],
						['mark_tag', 0],
					]);
					expect(calls[0].body).toMatchObject({
						welcome_code: withCode.WelcomeCode,
						text: { content: '感谢扫描海报，%NICKNAME%！新人礼已为您准备好。' },
					});
					expect(calls.slice(1).map((c) => c.body)).toEqual([
						{
							userid: 'zhangsan',
							external_userid: SEEDED_CUSTOMERS.lilei,
							add_tag: [SEEDED_TAGS.online],
						},
						{
							userid: 'zhangsan',
							external_userid: SEEDED_CUSTOMERS.lilei,
							add_tag: [SEEDED_TAGS.store],
						},
					]);
				},
				STEP_TIMEOUT,
			);

			test(
				'customer tag by State: Customer Get, then mark_tag for the member who added them',
				async () => {
					const file = 'customer-get-tag-by-state.json';
					const mark = lastSeq();
					await emit(
						file,
						sandbox.addExternalContactEvent({
							userId: 'wangwu',
							externalUserId: SEEDED_CUSTOMERS.hanmeimei,
							state: 'store',
						}),
					);
					const runs = await runsOf(file, 1);
					expect(runs.map((r) => r.status)).toEqual(['success']);
					const calls = apiCallsSince(mark);
					expect(calls.map((c) => [apiOf(c), c.errcode])).toEqual([
						['get', 0],
						['mark_tag', 0],
					]);
					expect(calls[1].body).toMatchObject({
						userid: 'wangwu',
						external_userid: SEEDED_CUSTOMERS.hanmeimei,
					});
				},
				STEP_TIMEOUT,
			);

			test(
				'group joins by QR code: one item per member who joined, no WeCom call',
				async () => {
					const file = 'group-qr-joins.json';
					const mark = lastSeq();
					await emit(
						file,
						chatEvent(sandbox.config.corpId, 'update', {
							joinScene: 3,
							members: ['wmE2eA', 'wmE2eB'],
						}),
					);
					const runs = await runsOf(file, 1);
					expect(runs.map((r) => r.status)).toEqual(['success']);
					expect(nodeJson(runs[0].runData, 'Add to Campaign').map((i) => i.memberId)).toEqual([
						'wmE2eA',
						'wmE2eB',
					]);
					expect(apiCallsSince(mark)).toEqual([]);
				},
				STEP_TIMEOUT,
			);

			test(
				'group joined via a join way: groupchat/get with member names, the joined members logged',
				async () => {
					const file = 'join-way-report.json';
					const mark = lastSeq();
					await emit(
						file,
						chatEvent(sandbox.config.corpId, 'update', {
							chatId: SEEDED_GROUPS.vip,
							joinScene: 3,
							members: [SEEDED_CUSTOMERS.lilei],
						}),
					);
					const runs = await runsOf(file, 1);
					expect(runs.map((r) => r.status)).toEqual(['success']);
					const calls = apiCallsSince(mark);
					expect(calls.map((c) => [apiOf(c), c.errcode, c.body])).toEqual([
						['groupchat/get', 0, { chat_id: SEEDED_GROUPS.vip, need_name: 1 }],
					]);
					expect(nodeJson(runs[0].runData, 'Log')).toEqual([
						expect.objectContaining({ chat_id: SEEDED_GROUPS.vip }),
					]);
				},
				STEP_TIMEOUT,
			);

			test(
				'获客助手 quota low: the quota is read and the owner’s message written',
				async () => {
					const file = 'acquisition-quota-alert.json';
					const mark = lastSeq();
					await emit(
						file,
						acquisitionEvent(sandbox.config.corpId, 'balance_low', {
							createTime: Math.floor(Date.now() / 1000),
						}),
					);
					const runs = await runsOf(file, 1);
					expect(runs.map((r) => r.status)).toEqual(['success']);
					expect(apiCallsSince(mark).map((c) => [apiOf(c), c.method, c.errcode])).toEqual([
						['customer_acquisition_quota', 'GET', 0],
					]);
					expect(nodeJson(runs[0].runData, 'Message for the Owner')).toEqual([
						expect.objectContaining({
							event: 'balance_low',
							text: expect.stringMatching(/^获客助手 balance_low: 剩余 \d+/),
						}),
					]);
				},
				STEP_TIMEOUT,
			);

			test(
				'member leaves: customers and groups handed over, then the run waits its day',
				async () => {
					const file = 'member-leaves-transfer.json';
					const mark = lastSeq();
					const res = await fetch(`${n8n.baseUrl}/webhook/member-left`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ handover: 'wangwu', takeover: 'lisi' }),
						signal: AbortSignal.timeout(30000),
					});
					expect(res.status).toBe(200);
					const runs = await runsOf(file, 1);
					expect(runs.map((r) => r.status)).toEqual(['waiting']);
					const calls = apiCallsSince(mark);
					expect(calls.filter((c) => c.errcode !== 0)).toEqual([]);
					expect(calls.map(apiOf)).toEqual(
						expect.arrayContaining([
							'get_unassigned_list',
							'resigned/transfer_customer',
							'groupchat/list',
							'groupchat/transfer',
						]),
					);
					expect(
						(calls.find((c) => apiOf(c) === 'resigned/transfer_customer')!.body as any)
							.takeover_userid,
					).toBe('lisi');
					expect(runs[0].runData['Results']).toBeUndefined();
				},
				STEP_TIMEOUT,
			);
		});
	},
);

/**
 * End-to-end scenarios in a real n8n, on both supported lines, with the package installed from its
 * npm tarball and the example workflows of examples/ run against the WeCom sandbox (started in
 * this process on 127.0.0.1). Every scenario checks what reached the sandbox AND what n8n recorded.
 *
 *   npm run build && npx jest -c jest.e2e.config.js test/e2e/scenarios    (N8N_E2E_LINES=1 or 2)
 *
 * Order per line: the CLI scenarios (`n8n execute`) run first while no server holds the sqlite
 * database, then `n8n start` for the welcome flow (webhook) and the credential test (REST API).
 * Wall times are printed as `[e2e line N] <part>: <s> s`.
 */
import { N8nInstance } from '../../tools/n8n/instance';
import { assertBuilt, packAndInstall } from '../../tools/n8n/package';
import { ensureN8n } from '../../tools/n8n/install';
import { startSandbox, type RecordedCall, type Sandbox } from '../../tools/sandbox';
import {
	LINES,
	PKG,
	importWorkflows,
	loadExample,
	nodeError,
	nodeJson,
	parseFlatted,
	poll,
	setupOwner,
	storedExecutions,
	testCredential,
	timed,
} from './support/scenarioKit';

const SETUP_TIMEOUT = 20 * 60 * 1000;
const SCENARIO_TIMEOUT = 5 * 60 * 1000;

const CREDENTIAL = { id: 'wecom-sandbox', name: 'WeCom (sandbox)' };
const WRONG_CREDENTIAL = { id: 'wecom-wrong-secret', name: 'WeCom (wrong secret)' };
const WRONG_SECRET = 'wrongSecretE2e0000000000000000000000000000000';

const welcomeFlow = loadExample('welcome-flow.json');
const campaign = loadExample('weekly-campaign.json');
const templates = loadExample('group-welcome-templates.json');
const mediaFlow = loadExample('media-then-mass-message.json');
const WELCOME_WEBHOOK_ID: string = welcomeFlow.nodes.find(
	(n: any) => n.type === `${PKG}.weComTrigger`,
).webhookId;

/** Text of 1,400 Chinese characters: 4,200 UTF-8 bytes, over WeCom's 4,000. */
const LONG_TEXT = '新品上架欢迎咨询'.repeat(175);

function cred(ref = CREDENTIAL) {
	return { weComApi: { ...ref } };
}

/** Manual Trigger → Create with a text over 4,000 bytes: refused before anything is sent. */
const badTextWorkflow = {
	id: 'wecomE2eBadText1',
	name: 'e2e: text over 4,000 bytes',
	nodes: [
		{
			id: 'bt1',
			name: 'Run Now',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'bt2',
			name: 'Create Too Long',
			type: `${PKG}.weComMassSend`,
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'massMessage',
				operation: 'create',
				chatType: 'single',
				externalUserIds: 'wmCustomer001',
				sender: 'zhangsan',
				text: LONG_TEXT,
				options: {},
			},
			credentials: cred(),
		},
	],
	connections: { 'Run Now': { main: [[{ node: 'Create Too Long', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** Manual Trigger → Create → Remind, where the sandbox answers Remind (remind_groupmsg_send) with 48002. */
const remindErrorWorkflow = {
	id: 'wecomE2eRemind01',
	name: 'e2e: WeCom error on remind',
	nodes: [
		{
			id: 're1',
			name: 'Run Now',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 're2',
			name: 'Create Mass Message',
			type: `${PKG}.weComMassSend`,
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'massMessage',
				operation: 'create',
				chatType: 'single',
				externalUserIds: 'wmCustomer001, wmCustomer002',
				sender: 'lisi',
				text: 'Remind me',
				options: {},
			},
			credentials: cred(),
		},
		{
			id: 're3',
			name: 'Remind Members',
			type: `${PKG}.weComMassSend`,
			typeVersion: 1,
			position: [440, 0],
			parameters: { resource: 'massMessage', operation: 'remind', msgId: '={{ $json.msgid }}' },
			credentials: cred(),
		},
	],
	connections: {
		'Run Now': { main: [[{ node: 'Create Mass Message', type: 'main', index: 0 }]] },
		'Create Mass Message': { main: [[{ node: 'Remind Members', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

/** The API a recorded sandbox call went to, e.g. `add_msg_template` or `group_welcome_template/get`. */
function apiOf(call: RecordedCall): string {
	return call.path.replace(/^\/cgi-bin\/(externalcontact\/)?/, '');
}

describe.each(LINES)('n8n line %s: scenarios with the example workflows', (line) => {
	let n8n: N8nInstance;
	let sandbox: Sandbox;
	const times: Record<string, number> = {};
	/** stdout + stderr of every `n8n execute`: part of n8n's log. */
	const cliOutput: string[] = [];
	let started = false;

	/** Calls recorded after `mark`, without the token fetches. */
	const apiCallsSince = (mark: number) =>
		sandbox.calls.filter((c) => c.seq > mark && !c.path.endsWith('/gettoken'));
	const lastSeq = () => sandbox.calls[sandbox.calls.length - 1]?.seq ?? 0;

	async function execute(workflowId: string) {
		const res = await n8n.execute(workflowId);
		cliOutput.push(res.stdout, res.stderr);
		return res;
	}

	/** `n8n start` and the welcome flow's webhooks, once per line; prints n8n's log when it fails. */
	async function ensureStarted() {
		if (started) return;
		try {
			await timed(times, line, 'n8n start → /healthz', () => n8n.start({ timeoutMs: 180000 }));
			await timed(times, line, 'webhooks registered (POST + GET)', async () => {
				await n8n.waitForWebhook(`${WELCOME_WEBHOOK_ID}/wecom`, {
					method: 'POST',
					timeoutMs: 120000,
				});
				await n8n.waitForWebhook(`${WELCOME_WEBHOOK_ID}/wecom`, {
					method: 'GET',
					timeoutMs: 60000,
				});
				// n8n 2.x can pass the CORS probe before the route serves requests: wait until the trigger
				// itself answers a URL verification (which starts no run).
				const url = `${n8n.baseUrl}/webhook/${WELCOME_WEBHOOK_ID}/wecom`;
				await poll(
					'the trigger answering URL verification',
					async () => {
						const echo = sandbox.buildEcho();
						const res = await fetch(`${url}?${new URLSearchParams(echo.query)}`, {
							signal: AbortSignal.timeout(10000),
						}).catch(() => undefined);
						return res?.status === 200 ? true : undefined;
					},
					{ timeoutMs: 60000, intervalMs: 250 },
				);
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
		await timed(
			times,
			line,
			'setup: import credentials + workflows, activate welcome flow',
			async () => {
				const data = { ...sandbox.config, baseUrl: sandbox.url };
				await n8n.importCredentials([
					{ ...CREDENTIAL, type: 'weComApi', data },
					{ ...WRONG_CREDENTIAL, type: 'weComApi', data: { ...data, secret: WRONG_SECRET } },
				]);
				await importWorkflows(n8n, [
					welcomeFlow,
					campaign,
					templates,
					mediaFlow,
					badTextWorkflow,
					remindErrorWorkflow,
				]);
				await n8n.activate(welcomeFlow.id);
			},
		);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
		console.log(
			`[e2e line ${line}] wall times:\n` +
				Object.entries(times)
					.map(([k, ms]) => `  ${k}: ${(ms / 1000).toFixed(1)} s`)
					.join('\n'),
		);
	});

	test(
		'campaign flow (n8n execute): add_msg_template → remind_groupmsg_send → get_groupmsg_task → report (get_groupmsg_task + get_groupmsg_send_result) in order, report items in the run data',
		async () => {
			const mark = lastSeq();
			const res = await timed(times, line, 'scenario 2: weekly campaign (execute)', () =>
				execute(campaign.id),
			);
			expect(res.data?.data?.resultData?.error).toBeUndefined();
			expect(res.code).toBe(0);

			const calls = apiCallsSince(mark);
			expect(calls.map(apiOf)).toEqual([
				'add_msg_template',
				'remind_groupmsg_send',
				'get_groupmsg_task', // Get Member Tasks
				'get_groupmsg_task', // Get Report: the members ...
				'get_groupmsg_send_result', // ... then each member's results
			]);
			expect(
				calls.every((c) => c.method === 'POST' && c.httpStatus === 200 && c.errcode === 0),
			).toBe(true);
			const create = calls[0].body as any;
			expect(create).toMatchObject({
				chat_type: 'single',
				sender: 'zhangsan',
				external_userid: ['wmCustomer001', 'wmCustomer002', 'wmCustomer003'],
				text: { content: '本周新品上架，欢迎咨询' },
			});
			const runData = res.data.data.resultData.runData;
			const [created] = nodeJson(runData, 'Create Mass Message');
			expect(created).toMatchObject({ failedCount: 0, batch: 1, batches: 1, customerCount: 3 });
			const msgid = created.msgid;
			expect(msgid).toMatch(/^msg/);
			for (const call of calls.slice(1)) expect((call.body as any).msgid).toBe(msgid);
			expect((calls[4].body as any).userid).toBe('zhangsan');

			expect(nodeJson(runData, 'Remind Members')).toEqual([{ msgid, reminded: true }]);
			expect(nodeJson(runData, 'Get Member Tasks')).toEqual([
				expect.objectContaining({ msgid, userid: 'zhangsan', status: 0, send_time: 0 }),
			]);
			const report = nodeJson(runData, 'Get Report');
			expect(report).toHaveLength(3);
			expect(report.map((r) => r.external_userid).sort()).toEqual([
				'wmCustomer001',
				'wmCustomer002',
				'wmCustomer003',
			]);
			for (const r of report) {
				expect(r).toMatchObject({
					msgid,
					userid: 'zhangsan',
					targetType: 'customer',
					chat_id: null,
					status: 0,
					send_time: 0,
				});
				expect(typeof r.statusLabel).toBe('string');
			}
			const rows = nodeJson(runData, 'Spreadsheet Rows');
			expect(rows).toHaveLength(3);
			for (const row of rows) {
				expect(Object.keys(row).sort()).toEqual([
					'customer',
					'member',
					'msgid',
					'sendTime',
					'status',
					'statusLabel',
				]);
				expect(row).toMatchObject({ msgid, member: 'zhangsan', status: 0, sendTime: '' });
			}
			expect(rows.map((r) => r.customer).sort()).toEqual([
				'wmCustomer001',
				'wmCustomer002',
				'wmCustomer003',
			]);
		},
		SCENARIO_TIMEOUT,
	);

	test(
		'template flow (n8n execute): create → get (POST, JSON body) → update → delete',
		async () => {
			const mark = lastSeq();
			const res = await timed(times, line, 'scenario 3: group welcome templates (execute)', () =>
				execute(templates.id),
			);
			expect(res.data?.data?.resultData?.error).toBeUndefined();
			expect(res.code).toBe(0);

			const calls = apiCallsSince(mark);
			expect(calls.map(apiOf)).toEqual([
				'group_welcome_template/add',
				'group_welcome_template/get',
				'group_welcome_template/edit',
				'group_welcome_template/del',
			]);
			expect(calls.every((c) => c.method === 'POST' && c.errcode === 0)).toBe(true);
			const runData = res.data.data.resultData.runData;
			const [created] = nodeJson(runData, 'Create Template');
			const templateId = created.template_id;
			expect(templateId).toEqual(expect.any(String));
			expect(calls[0].body).toMatchObject({
				text: { content: '欢迎 %NICKNAME% 入群！新品手册请看下方链接。' },
				link: { title: '新品手册', url: 'https://example.com/catalog', desc: '点击查看本季新品' },
				notify: 0,
			});
			// group_welcome_template/get is a POST with a JSON body, not a GET with a query parameter.
			expect(calls[1].body).toEqual({ template_id: templateId });
			expect(calls[1].query.template_id).toBeUndefined();
			expect(calls[2].body).toMatchObject({
				template_id: templateId,
				text: { content: '欢迎 %NICKNAME% 加入本群，有问题随时问我们！' },
			});
			expect(calls[3].body).toMatchObject({ template_id: templateId });
			expect(sandbox.templates.has(templateId)).toBe(false);

			expect(nodeJson(runData, 'Get Template')).toEqual([
				expect.objectContaining({
					template_id: templateId,
					text: { content: '欢迎 %NICKNAME% 入群！新品手册请看下方链接。' },
					link: expect.objectContaining({ title: '新品手册', url: 'https://example.com/catalog' }),
				}),
			]);
			expect(nodeJson(runData, 'Update Template')).toEqual([
				expect.objectContaining({ template_id: templateId, updated: true }),
			]);
			expect(nodeJson(runData, 'Delete Template')).toEqual([
				{ template_id: templateId, deleted: true },
			]);
		},
		SCENARIO_TIMEOUT,
	);

	test(
		'media flow (n8n execute): binary from Convert to File → media/upload (image) → Create with that media_id',
		async () => {
			const mark = lastSeq();
			const res = await timed(times, line, 'media then mass message (execute)', () =>
				execute(mediaFlow.id),
			);
			expect(res.data?.data?.resultData?.error).toBeUndefined();
			expect(res.code).toBe(0);

			const calls = apiCallsSince(mark);
			expect(calls.map(apiOf)).toEqual(['media/upload', 'add_msg_template']);
			expect(calls[0].query.type).toBe('image');
			expect(calls[0].body).toMatchObject({
				field: 'media',
				filename: 'new-arrivals.png',
				contentType: 'image/png',
				size: 73,
			});
			const runData = res.data.data.resultData.runData;
			const [uploaded] = nodeJson(runData, 'Upload Image');
			expect(uploaded).toMatchObject({ type: 'image', media_id: expect.any(String) });
			expect(sandbox.media.get(uploaded.media_id)).toMatchObject({ type: 'image', size: 73 });
			expect(calls[1].body).toMatchObject({
				sender: 'zhangsan',
				text: { content: '本周新品，图片请查收' },
				attachments: [{ msgtype: 'image', image: { media_id: uploaded.media_id } }],
			});
			expect(nodeJson(runData, 'Create With Image')).toEqual([
				expect.objectContaining({ msgid: expect.stringMatching(/^msg/) }),
			]);
		},
		SCENARIO_TIMEOUT,
	);

	test(
		'bad input and a WeCom error (n8n execute) surface as readable node errors, stored without secrets or tokens',
		async () => {
			// Bad input: refused before anything is sent.
			let mark = lastSeq();
			const bad = await timed(times, line, 'scenario 5a: text over 4,000 bytes (execute)', () =>
				execute(badTextWorkflow.id),
			);
			expect(bad.code).not.toBe(0);
			const badError = bad.data?.data?.resultData?.error;
			expect(badError).toBeDefined();
			expect(bad.data.data.resultData.lastNodeExecuted).toBe('Create Too Long');
			const badNodeError = nodeError(bad.data.data.resultData.runData, 'Create Too Long');
			for (const e of [badError, badNodeError]) {
				// Names the field as the editor shows it and the rule (n8n itself says which item).
				expect(e.message).toMatch(/^Text is 4,?200 bytes\b.*WeCom accepts at most 4,?000 bytes/i);
			}
			expect(apiCallsSince(mark).filter((c) => c.path.endsWith('/add_msg_template'))).toEqual([]);

			// A WeCom error: remind_groupmsg_send answers 48002 (API not permitted).
			sandbox.fault({ api: 'remind_groupmsg_send', kind: 'errcode', errcode: 48002 });
			mark = lastSeq();
			try {
				const failed = await timed(
					times,
					line,
					'scenario 5b: WeCom 48002 on remind (execute)',
					() => execute(remindErrorWorkflow.id),
				);
				expect(failed.code).not.toBe(0);
				const calls = apiCallsSince(mark);
				expect(calls.map(apiOf)).toEqual(['add_msg_template', 'remind_groupmsg_send']);
				expect(calls[1]).toMatchObject({ errcode: 48002, fault: 'errcode' });
				const resultData = failed.data?.data?.resultData;
				expect(resultData?.lastNodeExecuted).toBe('Remind Members');
				const error = resultData.error;
				const remindError = nodeError(resultData.runData, 'Remind Members');
				for (const e of [error, remindError]) {
					expect(e.message).toMatch(/48002/);
					expect(`${e.message} ${e.description ?? ''}`).toMatch(/api forbidden|not permitted/i);
					expect(`${e.message} ${e.description ?? ''}`).toMatch(/可调用应用/);
				}
				console.log(`[e2e line ${line}] 5a error: ${badError.message}`);
				console.log(`[e2e line ${line}] 5b error: ${error.message} | ${error.description ?? ''}`);
			} finally {
				sandbox.clearFaults();
			}

			// Both failures are stored as errors; nothing secret anywhere in the stored data or the CLI output.
			const bads = await storedExecutions(n8n, badTextWorkflow.id);
			const remindFails = await storedExecutions(n8n, remindErrorWorkflow.id);
			for (const row of [...bads, ...remindFails]) {
				expect(row.status).toBe('error');
				expect(parseFlatted(row.data!).resultData.error.message).toEqual(expect.any(String));
			}
			const stored = (await n8n.exportExecutions()).text;
			const cli = cliOutput.join('\n');
			for (const secret of [
				sandbox.config.secret,
				sandbox.config.callbackToken,
				sandbox.config.encodingAESKey,
				...sandbox.issuedTokens(),
			]) {
				expect(stored.includes(secret)).toBe(false);
				expect(cli.includes(secret)).toBe(false);
			}
			expect(sandbox.issuedTokens().length).toBeGreaterThan(0);
		},
		SCENARIO_TIMEOUT,
	);

	test(
		'welcome flow: URL check, encrypted callback answered 200, send_welcome_msg with the right code and text, execution stored',
		async () => {
			await ensureStarted();
			const productionUrl = `${n8n.baseUrl}/webhook/${WELCOME_WEBHOOK_ID}/wecom`;

			// WeCom's URL verification (GET with echostr): the plaintext, exactly.
			const echo = sandbox.buildEcho();
			const verify = await fetch(`${productionUrl}?${new URLSearchParams(echo.query)}`, {
				signal: AbortSignal.timeout(30000),
			});
			expect(verify.status).toBe(200);
			expect(await verify.text()).toBe(echo.plaintext);

			// A customer is added: the encrypted callback starts the flow, which sends the welcome message.
			const event = sandbox.addExternalContactEvent({ userId: 'zhangsan' });
			const sendsBefore = sandbox.welcomeSends.length;
			const t0 = Date.now();
			const answered = await sandbox.emitCallback(productionUrl, event);
			expect(answered.status).toBe(200);
			const send = await poll(
				'send_welcome_msg at the sandbox',
				() => sandbox.welcomeSends.slice(sendsBefore).find((s) => s.code === event.WelcomeCode),
				{
					timeoutMs: 20000,
				},
			);
			const callbackToS7 = send.at - t0;
			times['scenario 1: callback → send_welcome_msg'] = callbackToS7;
			console.log(
				`[e2e line ${line}] callback → send_welcome_msg: ${callbackToS7} ms (callback answered in ${answered.ms} ms)`,
			);
			expect(send.body).toEqual({
				welcome_code: event.WelcomeCode,
				text: { content: '您好 %NICKNAME%，欢迎咨询！' },
			});
			expect(sandbox.welcomeSends.slice(sendsBefore)).toHaveLength(1);

			const [row] = await timed(times, line, 'scenario 1: stored execution appears', () =>
				storedExecutions(n8n, welcomeFlow.id),
			);
			expect(row.status).toBe('success');
			const runData = parseFlatted(row.data!).resultData.runData;
			expect(nodeJson(runData, 'WeCom Trigger')).toEqual([
				expect.objectContaining({
					ChangeType: 'add_external_contact',
					UserID: 'zhangsan',
					ExternalUserID: event.ExternalUserID,
					WelcomeCode: event.WelcomeCode,
				}),
			]);
			expect(nodeJson(runData, 'Send Welcome Message')).toEqual([
				expect.objectContaining({ sent: true, welcomeCode: event.WelcomeCode }),
			]);
		},
		SCENARIO_TIMEOUT,
	);

	test(
		'credential test through n8n’s REST API: the right secret passes, a wrong one fails with WeCom’s message',
		async () => {
			await ensureStarted();
			const session = await timed(times, line, 'scenario 4: owner setup (REST)', () =>
				setupOwner(n8n),
			);
			const data = { ...sandbox.config, baseUrl: sandbox.url };

			let mark = lastSeq();
			const good = await timed(times, line, 'scenario 4: credential test, right secret', () =>
				testCredential(n8n, session, { ...CREDENTIAL, type: 'weComApi', data }),
			);
			expect(good).toMatchObject({ httpStatus: 200, status: 'OK' });
			const goodCalls = sandbox.calls.filter((c) => c.seq > mark);
			expect(goodCalls.map(apiOf)).toEqual(['gettoken', 'get_follow_user_list']);
			expect(goodCalls[1]).toMatchObject({ method: 'GET', errcode: 0 });

			mark = lastSeq();
			const wrong = await timed(times, line, 'scenario 4: credential test, wrong secret', () =>
				testCredential(n8n, session, {
					...WRONG_CREDENTIAL,
					type: 'weComApi',
					data: { ...data, secret: WRONG_SECRET },
				}),
			);
			console.log(
				`[e2e line ${line}] wrong secret → ${JSON.stringify({ status: wrong.status, message: wrong.message })}`,
			);
			expect(wrong.httpStatus).toBe(200);
			expect(wrong.status).toBe('Error');
			expect(wrong.message).toMatch(/invalid credential/);
			expect(wrong.message).toMatch(/40001/);
			expect(wrong.message).not.toContain(WRONG_SECRET);
			const wrongCalls = sandbox.calls.filter((c) => c.seq > mark);
			expect(wrongCalls.map(apiOf)).toEqual(['gettoken']);
			expect(wrongCalls[0].errcode).toBe(40001);
		},
		SCENARIO_TIMEOUT,
	);

	test('no secret and no issued access token in any stored execution nor in n8n’s log', async () => {
		const { text, rows } = await n8n.exportExecutions();
		expect(rows.length).toBeGreaterThanOrEqual(5);
		const logs = [n8n.log(), ...cliOutput].join('\n');
		expect(logs.length).toBeGreaterThan(0);
		const secrets = [
			sandbox.config.secret,
			sandbox.config.callbackToken,
			sandbox.config.encodingAESKey,
			WRONG_SECRET,
		];
		const tokens = sandbox.issuedTokens();
		expect(tokens.length).toBeGreaterThan(0);
		const leaks = [...secrets, ...tokens].filter((s) => text.includes(s) || logs.includes(s));
		expect(leaks).toEqual([]);
		expect(n8n.log()).not.toMatch(/Unrecognized node type|Error loading package|Failed to load/i);
	});

	test('stop() ends n8n’s whole process group (2.x task broker and runner included)', async () => {
		const pid = (n8n as any).child?.pid as number | undefined;
		expect(pid).toBeDefined();
		await timed(times, line, 'n8n stop', () => n8n.stop());
		expect(() => process.kill(-pid!, 0)).toThrow();
	});
});

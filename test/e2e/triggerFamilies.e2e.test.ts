/**
 * Every 客户联系 callback family in a real n8n, on both supported lines: the package installed from
 * its npm tarball, the sandbox (this process, 127.0.0.1) encrypting each event as WeCom does and
 * posting it to the trigger's production URL. Checks the HTTP answer WeCom gets and the item n8n
 * stored for each run; the group example of examples/ (loaded the way `npm run dev` loads it)
 * runs with its filters; an hour-old signed callback is refused; a wrong Token is diagnosed in
 * n8n's log without the secret.
 *
 *   npm run build && flock /tmp/wecom-e2e.lock npx jest -c jest.e2e.config.js test/e2e/triggerFamilies
 *   (N8N_E2E_LINES=1 or 2 for one line)
 */
import * as path from 'node:path';

import { EVENT_OPTIONS } from '../../nodes/WeComTrigger/callback/catalog';
import { N8nInstance } from '../../tools/n8n/instance';
import { assertBuilt, packAndInstall } from '../../tools/n8n/package';
import { ensureN8n } from '../../tools/n8n/install';
import {
	chatEvent,
	contactEvent,
	EVERY_EVENT,
	startSandbox,
	tagEvent,
	type CallbackEvent,
	type ChatChangeType,
	type ContactChangeType,
	type Sandbox,
	type TagChangeType,
} from '../../tools/sandbox';
import { buildCallback } from '../../tools/sandbox/callback/emitter';
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
const WITH_WELCOME_CODE = new Set([
	'add_external_contact',
	'add_half_external_contact',
	'msg_audit_approved',
]);

/** The group example exactly as `npm run dev` imports it. */
const groupExample = (
	loadExamples(path.resolve(__dirname, '..', '..', 'examples')) as Array<{
		file: string;
		workflow: any;
	}>
).find((e) => e.file === 'group-qr-joins.json')!.workflow;
const EXAMPLE_TRIGGER = groupExample.nodes.find((n: any) => n.type === TRIGGER_TYPE);

const FAMILIES_WEBHOOK_ID = '3f6b2d1e-8c4a-4e7b-9a05-5e1c0e0000f1';

/** A workflow whose trigger names every event (not `*`): each named value must start it. */
function allFamiliesWorkflow(events: string[]) {
	return {
		id: 'wecomFamilies001',
		name: 'e2e: every callback family',
		nodes: [
			{
				id: 'f1',
				name: 'WeCom Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: FAMILIES_WEBHOOK_ID,
				parameters: { events, options: {} },
				credentials: { weComApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
			{
				id: 'f2',
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
}

describe.each(LINES)('n8n line %s: every WeCom callback family', (line) => {
	let n8n: N8nInstance;
	let sandbox: Sandbox;
	const times: Record<string, number> = {};
	let allUrl = '';
	let exampleUrl = '';
	const families = allFamiliesWorkflow([]);

	const urlOf = (webhookId: string) => `${n8n.baseUrl}/webhook/${webhookId}/wecom`;

	function sampleOf(event: string, changeType: string, createTime: number): CallbackEvent {
		const corp = sandbox.config.corpId;
		if (event === 'change_external_contact') {
			return contactEvent(corp, changeType as ContactChangeType, {
				createTime,
				state: 'qr-store-7',
				welcomeCode: WITH_WELCOME_CODE.has(changeType) ? sandbox.issueWelcomeCode() : undefined,
			});
		}
		if (event === 'change_external_chat')
			return chatEvent(corp, changeType as ChatChangeType, { createTime, members: ['wmOnlyOne'] });
		return tagEvent(corp, changeType as TagChangeType, { createTime, strategyId: '7' });
	}

	/** The trigger's stored output for every finished run of `workflowId`, keyed by nothing: in id order. */
	async function triggerItems(workflowId: string, count: number, nodeName: string) {
		const rows = await storedExecutions(n8n, workflowId, count, 120000);
		return rows.map((row) => {
			const runData = parseFlatted(row.data!).resultData.runData;
			return { runData, trigger: nodeJson(runData, nodeName) };
		});
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
			families.nodes[0].parameters.events = EVENT_OPTIONS.map((o) => String(o.value)).filter(
				(v) => v !== '*',
			);
			await importWorkflows(n8n, [families, groupExample]);
			await n8n.activate(families.id);
			await n8n.activate(groupExample.id);
		});
		try {
			await timed(times, line, 'n8n start + both triggers answering', async () => {
				await n8n.start({ timeoutMs: 180000 });
				allUrl = urlOf(FAMILIES_WEBHOOK_ID);
				exampleUrl = urlOf(EXAMPLE_TRIGGER.webhookId);
				for (const url of [allUrl, exampleUrl]) {
					// The trigger itself answering a URL verification (starts no run) means it is live.
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

	test('all 14 events: answered 200 empty, one run each with WeCom’s fields in the stable shape; a re-send starts nothing', async () => {
		const sent: CallbackEvent[] = [];
		let createTime = Math.floor(Date.now() / 1000) - 100;
		for (const { event, changeType } of EVERY_EVENT) {
			const payload = sampleOf(event, changeType, createTime++);
			const answer = await sandbox.emitCallback(allUrl, payload);
			expect({ changeType, status: answer.status, body: answer.body }).toEqual({
				changeType,
				status: 200,
				body: '',
			});
			sent.push(payload);
		}
		// WeCom re-sends the first event (re-encrypted, new nonce): answered, no second run.
		expect((await sandbox.emitCallback(allUrl, sent[0])).status).toBe(200);

		const runs = await timed(times, line, '14 stored runs', () =>
			triggerItems(families.id, sent.length, 'WeCom Trigger'),
		);
		const items = runs.map((r) => r.trigger[0]);
		expect(items).toHaveLength(sent.length);
		for (const payload of sent) {
			const item = items.find(
				(i) => i.Event === payload.Event && i.ChangeType === payload.ChangeType,
			);
			expect(item).toBeDefined();
			const { eventKey, receivedAt, welcomeCodeExpiresAt, ...wecom } = item;
			expect(wecom).toEqual(payload);
			expect(eventKey).toMatch(/^[0-9a-f]{32}$/);
			if (typeof payload.WelcomeCode === 'string') {
				// The code's 20 s run from the earlier of CreateTime and receipt.
				const issuedAt = Math.min(Number(payload.CreateTime) * 1000, Date.parse(receivedAt));
				expect(Date.parse(welcomeCodeExpiresAt) - issuedAt).toBe(20_000);
			} else {
				expect(welcomeCodeExpiresAt).toBeUndefined();
			}
		}
		const update = items.find(
			(i) => i.Event === 'change_external_chat' && i.ChangeType === 'update',
		);
		expect(update.MemChangeList).toEqual(['wmOnlyOne']);
		expect(update.MemChangeCnt).toBe(1);
		expect(update.JoinScene).toBe(3);
		expect(new Set(items.map((i) => i.eventKey)).size).toBe(items.length);
		// Still exactly 14: the re-send did not run.
		expect(
			(await n8n.exportExecutions()).rows.filter((r) => r.workflowId === families.id),
		).toHaveLength(sent.length);
	});

	test('group example: QR-code joins run (one item per member, also for one member); invitations and renames are answered and filtered', async () => {
		const corp = sandbox.config.corpId;
		const t = Math.floor(Date.now() / 1000);
		const two = chatEvent(corp, 'update', {
			createTime: t,
			chatId: 'wrGroupA',
			joinScene: 3,
			members: ['wmAnna', 'wmBo'],
		});
		const invited = chatEvent(corp, 'update', {
			createTime: t + 1,
			chatId: 'wrGroupA',
			joinScene: 0,
			members: ['wmInvited'],
		});
		const renamed = chatEvent(corp, 'update', {
			createTime: t + 2,
			chatId: 'wrGroupA',
			updateDetail: 'change_name',
		});
		const one = chatEvent(corp, 'update', {
			createTime: t + 3,
			chatId: 'wrGroupB',
			joinScene: 3,
			members: ['wmSolo'],
		});
		for (const event of [two, invited, renamed, one]) {
			const answer = await sandbox.emitCallback(exampleUrl, event);
			expect(answer).toMatchObject({ status: 200, body: '' });
		}
		const runs = await timed(times, line, 'example: 2 stored runs', () =>
			triggerItems(groupExample.id, 2, 'Group Joined by QR Code'),
		);
		const perMember = runs.map((r) =>
			nodeJson(r.runData, 'Add to Campaign').map(
				(i: any) => `${i.ChatId}:${i.memberId}:${i.JoinScene}`,
			),
		);
		expect(perMember.flat().sort()).toEqual([
			'wrGroupA:wmAnna:3',
			'wrGroupA:wmBo:3',
			'wrGroupB:wmSolo:3',
		]);
		for (const r of runs)
			expect(
				nodeJson(r.runData, 'Add to Campaign').every(
					(i: any) => i.eventKey === r.trigger[0].eventKey,
				),
			).toBe(true);
		expect(
			(await n8n.exportExecutions()).rows.filter((r) => r.workflowId === groupExample.id),
		).toHaveLength(2);
	});

	test('a correctly signed callback replayed an hour later gets 403 and no run; a wrong Token is diagnosed in n8n’s log without secrets', async () => {
		const corp = sandbox.config.corpId;
		const before = (await n8n.exportExecutions()).rows.filter(
			(r) => r.workflowId === families.id,
		).length;
		const old = tagEvent(corp, 'create', {
			id: 'etReplayed',
			createTime: Math.floor(Date.now() / 1000) - 3600,
		});
		const replay = buildCallback(sandbox.config, old, {
			timestamp: String(Math.floor(Date.now() / 1000) - 3600),
		});
		const replayAnswer = await fetch(`${allUrl}?${new URLSearchParams(replay.query)}`, {
			method: 'POST',
			headers: { 'content-type': 'text/xml' },
			body: replay.body,
		});
		expect(replayAnswer.status).toBe(403);

		const wrongToken = buildCallback(
			{ ...sandbox.config, callbackToken: 'consoleTokenDiffers' },
			tagEvent(corp, 'create', { id: 'etWrongToken' }),
		);
		for (let i = 0; i < 3; i++) {
			const res = await fetch(`${allUrl}?${new URLSearchParams(wrongToken.query)}`, {
				method: 'POST',
				headers: { 'content-type': 'text/xml' },
				body: wrongToken.body,
			});
			expect(res.status).toBe(401);
		}
		// A fresh event after both: once its run is stored, neither refused callback has one.
		const marker = tagEvent(corp, 'update', { id: 'etMarker' });
		expect((await sandbox.emitCallback(allUrl, marker)).status).toBe(200);
		const runs = await poll(
			'the marker’s stored run',
			async () => {
				const done = await triggerItems(families.id, before + 1, 'WeCom Trigger');
				return done.some((r) => r.trigger[0]?.Id === 'etMarker') ? done : undefined;
			},
			{ timeoutMs: 60000, intervalMs: 300 },
		);
		// Exactly one more run: the replay, the bad signatures (and the earlier re-send) started none.
		// Every run is named in the failure message, so an extra one says what it was.
		const names = runs.map((r) =>
			[r.trigger[0]?.Event, r.trigger[0]?.ChangeType, r.trigger[0]?.Id].filter(Boolean).join(':'),
		);
		expect({ runs: runs.length, names }).toEqual({
			runs: before + 1,
			names: expect.arrayContaining(['change_external_tag:update:etMarker']),
		});
		expect(names.filter((n) => n.endsWith(':etReplayed') || n.endsWith(':etWrongToken'))).toEqual(
			[],
		);

		const log = await poll(
			'the signature warning in n8n’s log',
			() =>
				n8n.log().includes('WeCom Trigger (event): A callback failed the signature check')
					? n8n.log()
					: undefined,
			{
				timeoutMs: 20000,
				intervalMs: 200,
			},
		);
		const warnings = log.split('\n').filter((l) => l.includes('WeCom Trigger (event)'));
		// Rate-limited: three bad signatures, one signature warning (plus one for the stale replay).
		expect(warnings.filter((l) => l.includes('signature check'))).toHaveLength(1);
		expect(warnings.filter((l) => l.includes('replay window'))).toHaveLength(1);
		for (const secret of [
			sandbox.config.callbackToken,
			sandbox.config.encodingAESKey,
			sandbox.config.secret,
			'consoleTokenDiffers',
			wrongToken.query.msg_signature,
		]) {
			expect(log).not.toContain(secret);
		}
	});
});

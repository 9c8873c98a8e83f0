/**
 * Round trip with the project's WeCom sandbox, whose encrypter is written separately from the
 * trigger's decrypt: the sandbox plays WeCom, the trigger runs inside n8n-core behind HTTP.
 */
import { startSandbox, type Sandbox } from '../../../tools/sandbox';
import { resetDedupeStores } from '../../../nodes/WeComTrigger/callback/dedupe';
import { startTriggerHarness, type TriggerHarness } from '../../helpers/webhook';

describe('WeCom Trigger ← sandbox callbacks', () => {
	let sandbox: Sandbox;
	let h: TriggerHarness;

	beforeAll(async () => {
		sandbox = await startSandbox();
		h = await startTriggerHarness({
			credential: { ...sandbox.config, baseUrl: sandbox.url },
			parameters: {
				events: ['add_external_contact', 'del_follow_user'],
				options: { includeRawXml: true },
			},
		});
	});
	afterAll(async () => {
		await h?.close();
		await sandbox?.close();
	});
	beforeEach(() => resetDedupeStores());

	test('URL verification: the sandbox echo decrypts to its plaintext', async () => {
		const echo = sandbox.buildEcho();
		const answer = await h.get(echo.query);
		expect(answer.status).toBe(200);
		expect(answer.text).toBe(echo.plaintext);
	});

	test('emitCallback(add_external_contact): 200 empty, one workflow with the issued WelcomeCode', async () => {
		const event = sandbox.addExternalContactEvent({ state: 'qr-门店]]>7' });
		const result = await sandbox.emitCallback(h.baseUrl, event);
		expect(result.status).toBe(200);
		expect(result.body).toBe('');
		const item = h.calls[h.calls.length - 1].result!.workflowData![0][0].json;
		expect(item).toMatchObject({ ...event, CreateTime: event.CreateTime });
		expect(item.State).toBe('qr-门店]]>7');
		expect(typeof item.WelcomeCode).toBe('string');
		expect(item.WelcomeCode).not.toBe('');
		// The code's 20 s run from the earlier of CreateTime (whole seconds) and receipt.
		const issuedAt = Math.min(
			Number(event.CreateTime) * 1000,
			Date.parse(item.receivedAt as string),
		);
		expect(Date.parse(item.welcomeCodeExpiresAt as string) - issuedAt).toBe(20_000);
		expect(item.rawXml).toBe(sandbox.buildCallback(event).plaintextXml);
	});

	test('the same event delivered twice starts one workflow', async () => {
		const before = h.started.length;
		const event = sandbox.addExternalContactEvent();
		expect((await sandbox.emitCallback(h.baseUrl, event)).status).toBe(200);
		expect((await sandbox.emitCallback(h.baseUrl, event)).status).toBe(200);
		expect(h.started.length - before).toBe(1);
	});

	test('a callback for another corp (receiveId) is refused with 403 and starts nothing', async () => {
		const before = h.started.length;
		const built = sandbox.buildCallback(sandbox.addExternalContactEvent(), {
			receiveId: 'wwnotthiscorp00000',
		});
		const answer = await h.post(built.query, built.body);
		expect(answer.status).toBe(403);
		expect(h.started.length).toBe(before);
	});

	test('AgentID in the envelope and an unselected ChangeType', async () => {
		const before = h.started.length;
		const event = {
			...sandbox.addExternalContactEvent({ withWelcomeCode: false }),
			ChangeType: 'edit_external_contact',
		};
		const built = sandbox.buildCallback(event, { agentId: '1000002' });
		const answer = await h.post(built.query, built.body);
		expect(answer.status).toBe(200);
		expect(answer.body).toHaveLength(0);
		expect(h.started.length).toBe(before);
	});

	test('POST /__sandbox/emit with a `sample` of another family (what `npm run dev` users curl)', async () => {
		const before = h.started.length;
		const all = await startTriggerHarness({
			credential: { ...sandbox.config, baseUrl: sandbox.url },
			parameters: { events: ['change_external_chat.update'] },
			workflowId: 'emit-sample',
		});
		try {
			const res = await fetch(`${sandbox.url}/__sandbox/emit`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					url: all.baseUrl,
					sample: {
						event: 'change_external_chat',
						changeType: 'update',
						joinScene: 3,
						members: ['wmOne'],
					},
				}),
			});
			const answer = (await res.json()) as { status: number; event: Record<string, unknown> };
			expect(answer.status).toBe(200);
			expect(answer.event).toMatchObject({
				Event: 'change_external_chat',
				ChangeType: 'update',
				JoinScene: 3,
				MemChangeList: ['wmOne'],
			});
			expect(all.started).toHaveLength(1);
			expect(all.started[0][0]).toMatchObject({
				MemChangeList: ['wmOne'],
				MemChangeCnt: 1,
				JoinScene: 3,
			});
			const unknown = await fetch(`${sandbox.url}/__sandbox/emit`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					url: all.baseUrl,
					sample: { event: 'change_external_chat', changeType: 'explode' },
				}),
			});
			expect(unknown.status).toBeGreaterThanOrEqual(400);
			expect(all.started).toHaveLength(1);
		} finally {
			await all.close();
		}
		expect(h.started.length).toBe(before);
	});
});

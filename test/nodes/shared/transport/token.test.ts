import { startSandbox, type Sandbox } from '../../../../tools/sandbox';
import { clearTokenCache } from '../../../../nodes/shared/transport/token';
import {
	CREDENTIAL_ID,
	credentialsHelper,
	runMassSend,
	useCredential,
} from '../../../helpers/engine';
import { useSandbox } from '../../../helpers/sandbox';

/**
 * The access token's life through n8n's real credential machinery: fetched once, shared by
 * concurrent executions, persisted, refreshed when WeCom rejects it, never leaked.
 */
const currentSandbox = useSandbox();
let sandbox: Sandbox;
beforeEach(() => {
	sandbox = currentSandbox();
	credentialsHelper.persisted = 0;
});

const remind = async (msgId: string) =>
	await runMassSend({ resource: 'massMessage', operation: 'remind', msgId });

test('50 executions starting together share one gettoken', async () => {
	const msgids = Array.from({ length: 50 }, () =>
		sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 }),
	);
	const results = await Promise.all(msgids.map(remind));
	expect(results.map((r) => r.error?.message)).toEqual(msgids.map(() => undefined));
	expect(sandbox.callsTo('remind_groupmsg_send')).toHaveLength(50);
	expect(sandbox.callsTo('gettoken')).toHaveLength(1);
	const [token] = sandbox.issuedTokens();
	expect(
		sandbox.callsTo('remind_groupmsg_send').every((call) => call.query.access_token === token),
	).toBe(true);
	// One credential write for the one token, not one per execution.
	expect(credentialsHelper.persisted).toBe(1);
	expect(credentialsHelper.store.get(CREDENTIAL_ID)?.accessToken).toBe(token);
});

test('the token is persisted in the credential and reused by later executions', async () => {
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	await remind(msgid);
	clearTokenCache(); // a new process (e.g. a queue-mode worker) starts with an empty cache
	await remind(msgid);
	expect(sandbox.callsTo('gettoken')).toHaveLength(1);
	expect(credentialsHelper.persisted).toBe(1);
	expect(credentialsHelper.store.get(CREDENTIAL_ID)?.accessToken).toBe(sandbox.issuedTokens()[0]);
});

test.each([
	['expired (42001)', (s: Sandbox) => s.expireAllTokens()],
	['invalidated (40014)', (s: Sandbox) => s.invalidateAllTokens()],
])('a token WeCom reports %s is refreshed once and the call repeated', async (_label, spoil) => {
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	await remind(msgid);
	spoil(sandbox);
	const result = await remind(msgid);
	expect(result.error).toBeUndefined();
	expect(sandbox.callsTo('gettoken')).toHaveLength(2);
	const reminds = sandbox.callsTo('remind_groupmsg_send');
	expect(reminds.map((c) => c.errcode)).toEqual([0, expect.any(Number), 0]);
	expect(reminds[2].query.access_token).toBe(sandbox.issuedTokens()[1]);
	expect(credentialsHelper.store.get(CREDENTIAL_ID)?.accessToken).toBe(sandbox.issuedTokens()[1]);
});

test('a token close to its expiry is renewed before the call, not after a failure', async () => {
	useCredential({
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl: sandbox.url,
		accessToken: 'stale-token-from-yesterday',
		validUntil: Date.now() + 60_000,
	});
	const result = await remind(sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 }));
	expect(result.error).toBeUndefined();
	expect(sandbox.callsTo('remind_groupmsg_send').map((c) => c.query.access_token)).toEqual(
		sandbox.issuedTokens(),
	);
});

test('a credential imported without the hidden token field still gets a token', async () => {
	credentialsHelper.set(CREDENTIAL_ID, {
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl: sandbox.url,
	});
	const result = await remind(sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 }));
	expect(result.error).toBeUndefined();
	expect(sandbox.callsTo('gettoken')).toHaveLength(1);
});

test('a wrong secret gives one clear error and no loop', async () => {
	useCredential({
		corpId: sandbox.config.corpId,
		secret: 'not-the-secret-of-this-corp-000000000000000',
		baseUrl: sandbox.url,
	});
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	const first = await remind(msgid);
	const second = await remind(msgid);
	expect(first.error?.message).toMatch(/40001/);
	expect(first.error?.message).toMatch(/invalid credential/);
	expect(first.error?.description).toMatch(/客户联系/);
	expect(second.error?.message).toMatch(/40001/);
	// The refusal is held briefly: repeated wrong secrets get the server's IP blocked by WeCom.
	expect(sandbox.callsTo('gettoken')).toHaveLength(1);
	expect(sandbox.callsTo('remind_groupmsg_send')).toHaveLength(0);
});

test('an unreachable WeCom gives a readable error without the secret', async () => {
	useCredential({
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl: 'http://127.0.0.1:9',
	});
	const result = await remind('msg-1');
	expect(result.error?.message).toMatch(/Could not reach WeCom/);
	expect(JSON.stringify(result.run)).not.toContain(sandbox.config.secret);
});

test('neither the secret nor any access token appears in outputs or errors', async () => {
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	await remind(msgid);
	sandbox.fault({
		api: 'remind_groupmsg_send',
		kind: 'errcode',
		errcode: 40058,
		errmsg: 'invalid parameter: msgid',
	});
	const failed = await remind(msgid);
	const ok = await remind(msgid);
	// Armed on the call that is made, so the transport-error path really runs.
	sandbox.fault({ api: 'remind_groupmsg_send', kind: 'http500', times: 10 });
	const http = await runMassSend(
		{ resource: 'massMessage', operation: 'remind', msgId: msgid },
		[{}],
		{ continueOnFail: true },
	);
	expect(sandbox.callsTo('remind_groupmsg_send').map((call) => call.fault ?? null)).toEqual([
		null,
		'errcode',
		null,
		'http500',
	]);
	expect(http.json()[0]).toMatchObject({
		api: 'remind_groupmsg_send',
		httpStatus: 500,
		error: expect.stringMatching(/HTTP 500/),
	});
	expect(failed.error?.message).toMatch(/\[40058\] invalid parameter: msgid/);
	const everything = JSON.stringify([failed.run, ok.run, http.run, String(failed.error?.stack)]);
	for (const secret of [sandbox.config.secret, ...sandbox.issuedTokens()]) {
		expect(everything).not.toContain(secret);
	}
});

test('WeCom echoing the access token in its errmsg does not put it in the output', async () => {
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	await remind(msgid);
	const [token] = sandbox.issuedTokens();
	sandbox.fault({
		api: 'remind_groupmsg_send',
		kind: 'errcode',
		errcode: 40058,
		errmsg: `invalid parameter, token ${token} rid: x`,
	});
	const failed = await runMassSend(
		{ resource: 'massMessage', operation: 'remind', msgId: msgid },
		[{}],
		{ continueOnFail: true },
	);
	expect(failed.json()[0].errcode).toBe(40058);
	expect(JSON.stringify(failed.run)).not.toContain(token);
});

test('a refreshed token is fetched and written once, however often the call is then repeated', async () => {
	const msgid = sandbox.seedMassMessage({ members: 2, resultsPerMember: 1 });
	await remind(msgid);
	expect(credentialsHelper.persisted).toBe(1);
	sandbox.expireAllTokens();
	// The stale-token attempt passes the fault (skip 1) and gets 42001; the next two are "busy".
	sandbox.fault({ api: 'get_groupmsg_task', kind: 'errcode', errcode: -1, times: 2, skip: 1 });
	const result = await runMassSend({
		resource: 'massMessage',
		operation: 'getMemberTasks',
		msgId: msgid,
		returnAll: true,
	});
	expect(result.error).toBeUndefined();
	expect(sandbox.callsTo('get_groupmsg_task').map((call) => call.errcode)).toEqual([
		42001, -1, -1, 0,
	]);
	expect(sandbox.callsTo('gettoken')).toHaveLength(2);
	// One write for the first token, one for the refreshed one: not one per repeat.
	expect(credentialsHelper.persisted).toBe(2);
});

test('after the credential is edited to another corp, its kept token is not used: the first call carries a token of the new corp', async () => {
	const other = await startSandbox({
		corpId: 'wwOtherCorp000000001',
		secret: 'other-corp-secret-0123456789012345678901234',
	});
	try {
		const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
		await remind(msgid);
		const kept = credentialsHelper.store.get(CREDENTIAL_ID)!;
		expect(kept.accessToken).toBe(sandbox.issuedTokens()[0]);
		// What n8n does on an edit: the visible fields change, the hidden token fields are restored.
		credentialsHelper.set(CREDENTIAL_ID, {
			...kept,
			corpId: other.config.corpId,
			secret: other.config.secret,
			baseUrl: other.url,
		});
		const otherMsgid = other.seedMassMessage({ members: 1, resultsPerMember: 1 });
		const result = await remind(otherMsgid);
		expect(result.error).toBeUndefined();
		expect(
			other.callsTo('remind_groupmsg_send').map((call) => [call.query.access_token, call.errcode]),
		).toEqual([[other.issuedTokens()[0], 0]]);
		expect(credentialsHelper.store.get(CREDENTIAL_ID)?.accessToken).toBe(other.issuedTokens()[0]);
	} finally {
		await other.close();
	}
});

test('an edit of the Secret alone (same corp, same URL) also drops the kept token', async () => {
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	await remind(msgid);
	const kept = credentialsHelper.store.get(CREDENTIAL_ID)!;
	credentialsHelper.set(CREDENTIAL_ID, {
		...kept,
		secret: 'a-secret-that-this-corp-does-not-have-000000',
	});
	const result = await remind(msgid);
	// The old token would still have worked; the new secret is wrong, and that must show now, not in 2 hours.
	expect(result.error?.message).toMatch(/40001/);
	expect(sandbox.callsTo('remind_groupmsg_send')).toHaveLength(1);
});

test('a Base URL with plain http:// to a public host is refused before anything is sent', async () => {
	useCredential({
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl: 'http://qyapi.weixin.qq.com',
	});
	const result = await runMassSend(
		{ resource: 'massMessage', operation: 'remind', msgId: 'msg-1' },
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0].error).toMatch(/plain http:\/\/ to qyapi\.weixin\.qq\.com.*unencrypted/);
	expect(sandbox.calls).toHaveLength(0);
});

import type { Sandbox } from '../../sandbox';
import { clearTokenCache } from '../../nodes/shared/transport/token';
import { CREDENTIAL_ID, credentialsHelper, runMassSend, useCredential } from '../helpers/engine';
import { useSandbox } from '../helpers/sandbox';

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

const remind = async (msgId: string) => await runMassSend({ resource: 'massMessage', operation: 'remind', msgId });

test('50 executions starting together share one gettoken', async () => {
	const msgids = Array.from({ length: 50 }, () => sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 }));
	const results = await Promise.all(msgids.map(remind));
	expect(results.map((r) => r.error?.message)).toEqual(msgids.map(() => undefined));
	expect(sandbox.callsTo('remind_groupmsg_send')).toHaveLength(50);
	expect(sandbox.callsTo('gettoken')).toHaveLength(1);
	const [token] = sandbox.issuedTokens();
	expect(sandbox.callsTo('remind_groupmsg_send').every((call) => call.query.access_token === token)).toBe(true);
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
	expect(sandbox.callsTo('remind_groupmsg_send').map((c) => c.query.access_token)).toEqual(sandbox.issuedTokens());
});

test('a credential imported without the hidden token field still gets a token', async () => {
	credentialsHelper.set(CREDENTIAL_ID, { corpId: sandbox.config.corpId, secret: sandbox.config.secret, baseUrl: sandbox.url });
	const result = await remind(sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 }));
	expect(result.error).toBeUndefined();
	expect(sandbox.callsTo('gettoken')).toHaveLength(1);
});

test('a wrong secret gives one clear error and no loop', async () => {
	useCredential({ corpId: sandbox.config.corpId, secret: 'not-the-secret-of-this-corp-000000000000000', baseUrl: sandbox.url });
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
	useCredential({ corpId: sandbox.config.corpId, secret: sandbox.config.secret, baseUrl: 'http://127.0.0.1:9' });
	const result = await remind('msg-1');
	expect(result.error?.message).toMatch(/Could not reach WeCom/);
	expect(JSON.stringify(result.run)).not.toContain(sandbox.config.secret);
});

test('neither the secret nor any access token appears in outputs or errors', async () => {
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	await remind(msgid);
	sandbox.fault({ api: 'remind_groupmsg_send', kind: 'errcode', errcode: 40058, errmsg: 'invalid parameter: msgid' });
	const failed = await remind(msgid);
	const ok = await remind(msgid);
	sandbox.fault({ api: 'cancel_groupmsg_send', kind: 'http500', times: 10 });
	const http = await runMassSend({ resource: 'massMessage', operation: 'remind', msgId: msgid }, [{}], { continueOnFail: true });
	expect(failed.error?.message).toMatch(/\[40058\] invalid parameter: msgid/);
	const everything = JSON.stringify([failed.run, ok.run, http.run, String(failed.error?.stack)]);
	for (const secret of [sandbox.config.secret, ...sandbox.issuedTokens()]) {
		expect(everything).not.toContain(secret);
	}
});

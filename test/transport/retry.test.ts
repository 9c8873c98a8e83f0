import type { Sandbox } from '../../sandbox';
import { runMassSend } from '../helpers/engine';
import { useSandbox } from '../helpers/sandbox';

/** Calls that are safe to repeat survive WeCom's transient failures; others surface readably. */
const currentSandbox = useSandbox();
let sandbox: Sandbox;
beforeEach(() => {
	sandbox = currentSandbox();
});

const remind = async (msgId: string, continueOnFail = false) =>
	await runMassSend({ resource: 'massMessage', operation: 'remind', msgId }, [{}], { continueOnFail });

test.each([
	['WeCom busy (-1)', { kind: 'errcode' as const, errcode: -1, times: 2 }],
	['concurrency limit (45033)', { kind: 'errcode' as const, errcode: 45033, times: 2 }],
	['HTTP 500', { kind: 'http500' as const, times: 2 }],
	['a dropped connection', { kind: 'reset' as const, times: 1 }],
])('a safe call survives %s', async (_label, fault) => {
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	sandbox.fault({ api: 'remind_groupmsg_send', ...fault });
	const result = await remind(msgid);
	expect(result.error).toBeUndefined();
	const calls = sandbox.callsTo('remind_groupmsg_send');
	expect(calls).toHaveLength(fault.times + 1);
	expect(calls[calls.length - 1].errcode).toBe(0);
});

test('a persistent failure ends after 3 retries with a readable error', async () => {
	sandbox.fault({ api: 'remind_groupmsg_send', kind: 'http500', times: 100 });
	const result = await remind('msg-x');
	expect(result.error?.message).toBe('WeCom S2 remind_groupmsg_send: request failed (HTTP 500) after 4 attempts');
	expect(sandbox.callsTo('remind_groupmsg_send')).toHaveLength(4);
});

test('a frequency limit (45009) is not hammered: one call, the fix in the error', async () => {
	sandbox.fault({ api: 'remind_groupmsg_send', kind: 'errcode', errcode: 45009, times: 100 });
	const result = await remind('msg-x', true);
	expect(sandbox.callsTo('remind_groupmsg_send')).toHaveLength(1);
	expect(result.json()[0]).toMatchObject({ errcode: 45009, api: 'S2 remind_groupmsg_send' });
});

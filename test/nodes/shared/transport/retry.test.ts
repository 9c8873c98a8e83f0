import type { Sandbox } from '../../../../tools/sandbox';
import { runMassSend } from '../../../helpers/engine';
import { useSandbox } from '../../../helpers/sandbox';

/**
 * What is repeated after a failure: pure reads survive WeCom's transient failures; calls that
 * change state are repeated only when the request provably never left, otherwise they fail once
 * with an error that says WeCom may have done it.
 */
const currentSandbox = useSandbox();
let sandbox: Sandbox;
beforeEach(() => {
	sandbox = currentSandbox();
});

const remind = async (msgId: string, continueOnFail = false) =>
	await runMassSend({ resource: 'massMessage', operation: 'remind', msgId }, [{}], {
		continueOnFail,
	});
const memberTasks = async (msgId: string) =>
	await runMassSend({
		resource: 'massMessage',
		operation: 'getMemberTasks',
		msgId,
		returnAll: true,
	});

test.each([
	['WeCom busy (-1)', { kind: 'errcode' as const, errcode: -1, times: 2 }],
	['concurrency limit (45033)', { kind: 'errcode' as const, errcode: 45033, times: 2 }],
	['HTTP 500', { kind: 'http500' as const, times: 2 }],
	['a dropped connection', { kind: 'reset' as const, times: 1 }],
	['an answer lost after WeCom did the work', { kind: 'doneThenReset' as const, times: 1 }],
])('a pure read (get_groupmsg_task) survives %s', async (_label, fault) => {
	const msgid = sandbox.seedMassMessage({ members: 3, resultsPerMember: 1 });
	sandbox.fault({ api: 'get_groupmsg_task', ...fault });
	const result = await memberTasks(msgid);
	expect(result.error).toBeUndefined();
	expect(result.json()).toHaveLength(3);
	const calls = sandbox.callsTo('get_groupmsg_task');
	expect(calls).toHaveLength(fault.times + 1);
	expect(calls[calls.length - 1].errcode).toBe(0);
});

test.each([
	['HTTP 500', { kind: 'http500' as const }],
	['a dropped connection', { kind: 'reset' as const }],
	['WeCom busy (-1)', { kind: 'errcode' as const, errcode: -1 }],
])(
	'remind (remind_groupmsg_send) is not repeated after %s, and the error says WeCom may have done it',
	async (_label, fault) => {
		const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
		sandbox.fault({ api: 'remind_groupmsg_send', times: 5, ...fault });
		const result = await remind(msgid, true);
		expect(sandbox.callsTo('remind_groupmsg_send')).toHaveLength(1);
		const [item] = result.json();
		expect(item.mayHaveReachedWeCom).toBe(true);
		expect(item.description).toMatch(/WeCom may have done it/);
		expect(item.api).toBe('remind_groupmsg_send');
	},
);

test('a persistent failure of a read ends after 3 retries with a readable error', async () => {
	sandbox.fault({ api: 'get_groupmsg_task', kind: 'http500', times: 100 });
	const result = await memberTasks('msg-x');
	expect(result.error?.message).toBe(
		'WeCom get_groupmsg_task: request failed (HTTP 500) after 4 attempts',
	);
	expect(result.error?.context?.mayHaveReachedWeCom).toBeUndefined();
	expect(sandbox.callsTo('get_groupmsg_task')).toHaveLength(4);
});

test('a frequency limit (45009) is not hammered: one call, the fix in the error', async () => {
	sandbox.fault({ api: 'get_groupmsg_task', kind: 'errcode', errcode: 45009, times: 100 });
	const result = await runMassSend(
		{ resource: 'massMessage', operation: 'getMemberTasks', msgId: 'msg-x', returnAll: true },
		[{}],
		{
			continueOnFail: true,
		},
	);
	expect(sandbox.callsTo('get_groupmsg_task')).toHaveLength(1);
	expect(result.json()[0]).toMatchObject({ errcode: 45009, api: 'get_groupmsg_task' });
	expect(String(result.json()[0].description)).toMatch(/10,000 calls per minute/);
});

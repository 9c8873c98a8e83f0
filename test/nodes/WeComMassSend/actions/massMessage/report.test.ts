/** Get Report: get_groupmsg_task for the members, then get_groupmsg_send_result for every member, as results or as a summary. */
import { runMassSend } from '../../../../helpers/engine';
import { bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

const report = (msgId: string, extra: Record<string, unknown> = {}) => ({
	resource: 'massMessage',
	operation: 'getReport',
	msgId,
	output: 'summary',
	...extra,
});

test('300 members × 2,500 results, summary: the minimum of requests and one token', async () => {
	const msgid = sandbox().seedMassMessage({ members: 300, resultsPerMember: 2500 });
	sandbox().markSent(msgid);
	const began = Date.now();
	const result = await runMassSend(report(msgid));
	const ms = Date.now() - began;
	expect(result.error).toBeUndefined();

	const tasks = sandbox().callsTo('get_groupmsg_task');
	const results = sandbox().callsTo('get_groupmsg_send_result');
	expect(tasks).toHaveLength(1);
	expect(results).toHaveLength(900);
	expect(sandbox().callsTo('gettoken')).toHaveLength(1);
	expect(results.every((call) => [1000, 500].includes(bodyOf(call).limit))).toBe(true);

	const [summary, ...more] = result.json();
	expect(more).toHaveLength(0);
	expect(summary).toMatchObject({
		msgid,
		memberSource: 'memberTasks',
		memberCount: 300,
		membersSent: 300,
		total: 750000,
		byStatus: { unsent: 0, sent: 600000, notFriend: 75000, monthlyLimitReached: 75000 },
	});
	const byMember = summary.byMember as Array<Record<string, unknown>>;
	expect(byMember).toHaveLength(300);
	expect(byMember[0]).toEqual({
		userid: 'zhangsan',
		taskStatus: 2,
		taskStatusLabel: 'sent',
		send_time: expect.any(Number),
		total: 2500,
		unsent: 0,
		sent: 2000,
		notFriend: 250,
		monthlyLimitReached: 250,
	});
	// Measured figure for the report, not a pass/fail criterion.
	console.log(
		`getReport 300×2,500 summary: ${tasks.length + results.length} requests, 1 gettoken, ${ms} ms`,
	);
}, 120000);

test('results: one item per customer with labels, members read in task order', async () => {
	const msgid = sandbox().seedMassMessage({ members: 3, resultsPerMember: 4 });
	sandbox().markSent(msgid, 'lisi');
	const result = await runMassSend(report(msgid, { output: 'results' }));
	expect(result.error).toBeUndefined();
	const items = result.json();
	expect(items).toHaveLength(12);
	expect(items.map((item) => item.userid)).toEqual([
		...Array(4).fill('zhangsan'),
		...Array(4).fill('lisi'),
		...Array(4).fill('wangwu'),
	]);
	expect(
		items.filter((item) => item.userid !== 'lisi').every((item) => item.statusLabel === 'unsent'),
	).toBe(true);
	// The sandbox spreads outcomes by member and position once a member has sent.
	expect(
		items.filter((item) => item.userid === 'lisi').map((item) => [item.status, item.statusLabel]),
	).toEqual([
		[1, 'sent'],
		[2, 'notFriend'],
		[3, 'monthlyLimitReached'],
		[1, 'sent'],
	]);
	expect(items[0]).toEqual({
		msgid,
		userid: 'zhangsan',
		targetType: 'customer',
		external_userid: expect.stringMatching(/^wm/),
		chat_id: null,
		status: 0,
		statusLabel: 'unsent',
		send_time: 0,
	});
});

test('Members skip get_groupmsg_task: the way to report on a message from before 2020-11-17', async () => {
	const msgid = sandbox().seedMassMessage({ members: 3, resultsPerMember: 5, legacy: true });
	sandbox().markSent(msgid);
	const refused = await runMassSend(report(msgid));
	expect(refused.error?.message).toMatch(/2020-11-17/);
	expect(refused.error?.description).toMatch(/Members filled in/);

	sandbox().resetCalls();
	const result = await runMassSend(report(msgid, { memberUserIds: 'zhangsan\nwangwu, nobody' }));
	expect(result.error).toBeUndefined();
	expect(sandbox().callsTo('get_groupmsg_task')).toHaveLength(0);
	expect(
		sandbox()
			.callsTo('get_groupmsg_send_result')
			.map((call) => bodyOf(call).userid),
	).toEqual(['zhangsan', 'wangwu', 'nobody']);
	const summary = result.json()[0];
	expect(summary).toMatchObject({ memberSource: 'memberUserIds', memberCount: 3, total: 10 });
	expect(summary.membersSent).toBeUndefined();
	expect(
		(summary.byMember as Array<Record<string, unknown>>).map((m) => [m.userid, m.total]),
	).toEqual([
		['zhangsan', 5],
		['wangwu', 5],
		['nobody', 0],
	]);
});

test('group messages report chat_id', async () => {
	const msgid = sandbox().seedMassMessage({ members: 1, resultsPerMember: 2, chatType: 'group' });
	const result = await runMassSend(report(msgid, { output: 'results' }));
	expect(
		result.json().map((item) => [item.targetType, item.external_userid, typeof item.chat_id]),
	).toEqual([
		['group', null, 'string'],
		['group', null, 'string'],
	]);
});

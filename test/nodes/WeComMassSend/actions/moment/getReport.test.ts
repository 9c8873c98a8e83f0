/** Moment → Get Report: get_moment_task, then get_moment_send_result only for members who published. */
import {
	BIG_MOMENT_CUSTOMERS,
	BIG_MOMENT_MEMBERS,
	SEEDED_MOMENTS,
} from '../../../../../tools/sandbox/moments';
import { SEEDED_CUSTOMERS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const report = (extra: Record<string, unknown>) => ({
	resource: 'moment',
	operation: 'getReport',
	momentId: SEEDED_MOMENTS.company,
	...extra,
});

test('Summary: published / not yet, customers reached counted once, per member counts', async () => {
	const result = await runMassSend(report({ includeCustomerIds: true }));
	expect(result.json()).toEqual([
		{
			moment_id: SEEDED_MOMENTS.company,
			members: 3,
			membersPublished: 2,
			membersNotPublished: 1,
			customersReached: 2,
			external_userids: [SEEDED_CUSTOMERS.lilei, SEEDED_CUSTOMERS.hanmeimei],
			perMember: [
				{ userid: 'zhangsan', published: true, customersReached: 1 },
				{ userid: 'lisi', published: false, customersReached: 0 },
				{ userid: 'wangwu', published: true, customersReached: 1 },
			],
		},
	]);
	// lisi has not published: WeCom is not asked about them.
	expect(
		apiCalls(sandbox()).map((c) => [c.path.split('/').pop(), bodyOf(c).userid ?? null]),
	).toEqual([
		['get_moment_task', null],
		['get_moment_send_result', 'zhangsan'],
		['get_moment_send_result', 'wangwu'],
	]);
});

test('One Item per Member without customer IDs', async () => {
	const result = await runMassSend(report({ output: 'members' }));
	expect(result.json()).toEqual([
		{ moment_id: SEEDED_MOMENTS.company, userid: 'zhangsan', published: true, customersReached: 1 },
		{ moment_id: SEEDED_MOMENTS.company, userid: 'lisi', published: false, customersReached: 0 },
		{ moment_id: SEEDED_MOMENTS.company, userid: 'wangwu', published: true, customersReached: 1 },
	]);
});

test('1,200 members: two task pages of 1,000 and one send-result request per published member', async () => {
	const result = await runMassSend(report({ momentId: SEEDED_MOMENTS.big }));
	const [summary] = result.json();
	expect(summary).toMatchObject({
		members: BIG_MOMENT_MEMBERS,
		membersPublished: BIG_MOMENT_MEMBERS / 2,
		customersReached: BIG_MOMENT_CUSTOMERS,
	});
	const calls = apiCalls(sandbox());
	expect(
		calls.filter((c) => c.path.endsWith('get_moment_task')).map((c) => bodyOf(c).limit),
	).toEqual([1000, 1000]);
	const sends = calls.filter((c) => c.path.endsWith('get_moment_send_result'));
	expect(sends).toHaveLength(BIG_MOMENT_MEMBERS / 2);
	expect(sends.every((c) => bodyOf(c).limit === 5000)).toBe(true);
});

test('a lost answer on a read is read again; an unknown moment fails with WeCom’s errcode', async () => {
	sandbox().fault({ api: 'get_moment_send_result', kind: 'doneThenReset' });
	const retried = await runMassSend(report({}));
	expect(retried.json()[0]).toMatchObject({ customersReached: 2 });
	const unknown = await runMassSend(report({ momentId: 'momNoSuchMoment' }), [{}], {
		continueOnFail: true,
	});
	expect(unknown.json()[0]).toMatchObject({ errcode: 40058, api: 'get_moment_task' });
});

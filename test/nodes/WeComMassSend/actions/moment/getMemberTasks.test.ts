/** Moment → Get Member Tasks (get_moment_task): pages of 1,000, one item per member. */
import { BIG_MOMENT_MEMBERS, SEEDED_MOMENTS } from '../../../../../tools/sandbox/moments';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const tasks = (extra: Record<string, unknown>) => ({
	resource: 'moment',
	operation: 'getMemberTasks',
	...extra,
});

test('one item per member with whether they published', async () => {
	const result = await runMassSend(tasks({ momentId: SEEDED_MOMENTS.company, returnAll: true }));
	expect(result.json()).toEqual([
		{ moment_id: SEEDED_MOMENTS.company, userid: 'zhangsan', publish_status: 1, published: true },
		{ moment_id: SEEDED_MOMENTS.company, userid: 'lisi', publish_status: 0, published: false },
		{ moment_id: SEEDED_MOMENTS.company, userid: 'wangwu', publish_status: 1, published: true },
	]);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		moment_id: SEEDED_MOMENTS.company,
		limit: 1000,
	});
});

test('Return All reads 1,200 members in two pages of 1,000 (more would fall back to 500 a page)', async () => {
	const result = await runMassSend(tasks({ momentId: SEEDED_MOMENTS.big, returnAll: true }));
	expect(result.json()).toHaveLength(BIG_MOMENT_MEMBERS);
	expect(apiCalls(sandbox()).map((c) => bodyOf(c).limit)).toEqual([1000, 1000]);
});

test('an empty Moment ID is refused before any request; an unknown one fails with WeCom’s errcode', async () => {
	const empty = await runMassSend(tasks({ momentId: ' ' }), [{}], { continueOnFail: true });
	expect(empty.json()[0]).toMatchObject({
		field: 'momentId',
		error: expect.stringContaining('"Moment ID" is required'),
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
	const unknown = await runMassSend(tasks({ momentId: 'momNoSuchMoment' }), [{}], {
		continueOnFail: true,
	});
	expect(unknown.json()[0]).toMatchObject({ errcode: 40058, api: 'get_moment_task' });
});

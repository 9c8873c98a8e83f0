/** Statistics → Get Group Statistics (groupchat/statistic_group_by_day, groupchat/statistic). */
import { dayStart, ownerDay } from '../../../../../tools/sandbox/behaviorStats';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const DAY = 86400;
const today = () => dayStart(Date.now() / 1000);
const stats = (extra: Record<string, unknown>) => ({
	resource: 'statistics',
	operation: 'getGroupStatistics',
	owners: 'zhangsan, lisi',
	startTime: today() - 2 * DAY,
	endTime: today(),
	...extra,
});

test('by day: one request for 2 owners and 3 days, one item per day', async () => {
	const result = await runMassSend(stats({}));
	const items = result.json();
	expect(items.map((i) => i.stat_time)).toEqual([today() - 2 * DAY, today() - DAY, today()]);
	const day = today() - 2 * DAY;
	expect(items[0]).toMatchObject({
		owners: 2,
		chat_total: ownerDay('zhangsan', day).chat_total + ownerDay('lisi', day).chat_total,
	});
	expect(apiCalls(sandbox()).map(bodyOf)).toEqual([
		{
			day_begin_time: today() - 2 * DAY,
			day_end_time: today(),
			owner_filter: { userid_list: ['zhangsan', 'lisi'] },
		},
	]);
});

test('by day: 150 owners over 40 days are 2 owner groups × 2 windows, added up per day', async () => {
	const owners = Array.from({ length: 150 }, (_, i) => `o${i}`);
	const result = await runMassSend(
		stats({ owners: owners.join(','), startTime: today() - 39 * DAY }),
	);
	const items = result.json();
	expect(items).toHaveLength(40);
	const day = today() - 39 * DAY;
	expect(items[0].new_member_cnt).toBe(
		owners.reduce((s, o) => s + ownerDay(o, day).new_member_cnt, 0),
	);
	const calls = apiCalls(sandbox()).map(bodyOf);
	expect(calls.map((c) => c.owner_filter.userid_list.length)).toEqual([100, 50, 100, 50]);
	for (const c of calls) expect(c.day_end_time - c.day_begin_time).toBeLessThanOrEqual(29 * DAY);
});

test('by owner: one item per owner; more than 30 days is refused before any request', async () => {
	const result = await runMassSend(stats({ groupBy: 'owner' }));
	expect(result.json().map((i) => i.owner)).toEqual(['zhangsan', 'lisi']);
	expect(bodyOf(apiCalls(sandbox())[0])).toMatchObject({
		offset: 0,
		limit: 1000,
		owner_filter: { userid_list: ['zhangsan', 'lisi'] },
	});
	sandbox().resetCalls();
	const long = await runMassSend(stats({ groupBy: 'owner', startTime: today() - 40 * DAY }), [{}], {
		continueOnFail: true,
	});
	expect(long.json()[0]).toMatchObject({
		field: 'endTime',
		error: expect.stringContaining('at most 30 days'),
	});
	const empty = await runMassSend(stats({ owners: '={{ "" }}' }), [{}], { continueOnFail: true });
	expect(empty.json()[0]).toMatchObject({ field: 'owners' });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

/** Statistics → Get Member Behavior (get_user_behavior_data): members by 100, windows of 30 days, merged. */
import { dayStart, memberDay } from '../../../../../tools/sandbox/behaviorStats';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const DAY = 86400;
const today = () => dayStart(Date.now() / 1000);
const behavior = (extra: Record<string, unknown>) => ({
	resource: 'statistics',
	operation: 'getMemberBehavior',
	members: 'zhangsan, lisi',
	startTime: today() - 6 * DAY,
	endTime: today(),
	...extra,
});

test('One Item per Day: one request for up to 100 members and 30 days, WeCom’s rows as they are', async () => {
	const result = await runMassSend(behavior({}));
	const items = result.json();
	expect(items).toHaveLength(7);
	const day = today() - 6 * DAY;
	const a = memberDay('zhangsan', day);
	const b = memberDay('lisi', day);
	expect(items[0]).toMatchObject({
		stat_time: day,
		members: 2,
		new_contact_cnt: a.new_contact_cnt + b.new_contact_cnt,
		chat_cnt: a.chat_cnt + b.chat_cnt,
	});
	expect(items[0].reply_percentage).toBeDefined();
	expect(apiCalls(sandbox()).map(bodyOf)).toEqual([
		{ userid: ['zhangsan', 'lisi'], start_time: today() - 6 * DAY, end_time: today() },
	]);
});

test('250 members over 45 days: 3 member groups × 2 windows, counts merged per day', async () => {
	const members = Array.from({ length: 250 }, (_, i) => `m${i}`);
	const result = await runMassSend(
		behavior({ members: members.join(','), startTime: today() - 44 * DAY }),
	);
	const items = result.json();
	expect(items).toHaveLength(45);
	const day = today() - 44 * DAY;
	expect(items[0].new_contact_cnt).toBe(
		members.reduce((sum, m) => sum + memberDay(m, day).new_contact_cnt, 0),
	);
	expect(items[0].reply_percentage).toBeUndefined();
	const calls = apiCalls(sandbox()).map(bodyOf);
	expect(calls.map((c) => c.userid.length)).toEqual([100, 100, 50, 100, 100, 50]);
	for (const c of calls) expect(c.end_time - c.start_time).toBeLessThanOrEqual(29 * DAY);
});

test('One Item per Member sums each member’s days; per Member and Day gives every row', async () => {
	const result = await runMassSend(behavior({ output: 'member' }));
	const days = Array.from({ length: 7 }, (_, i) => today() - (6 - i) * DAY);
	expect(result.json()[0]).toMatchObject({
		userid: 'zhangsan',
		days: 7,
		new_contact_cnt: days.reduce((s, d) => s + memberDay('zhangsan', d).new_contact_cnt, 0),
	});
	expect(apiCalls(sandbox()).map((c) => bodyOf(c).userid)).toEqual([['zhangsan'], ['lisi']]);
	const rows = await runMassSend(behavior({ output: 'memberDay' }));
	expect(rows.json()).toHaveLength(14);
	expect(rows.json()[7]).toMatchObject({ userid: 'lisi', ...memberDay('lisi', days[0]) });
});

test('older than 180 days, backwards dates or no members are refused before any request', async () => {
	const cases: Array<[Record<string, unknown>, string]> = [
		[{ startTime: today() - 200 * DAY }, 'startTime'],
		[{ endTime: today() - 10 * DAY }, 'endTime'],
		[{ members: '={{ "" }}' }, 'members'],
	];
	for (const [extra, field] of cases) {
		const result = await runMassSend(behavior(extra), [{}], { continueOnFail: true });
		expect(result.json()[0]).toMatchObject({ field });
	}
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('a busy answer is read again', async () => {
	sandbox().fault({ api: 'get_user_behavior_data', kind: 'errcode', errcode: -1 });
	const result = await runMassSend(behavior({}));
	expect(result.json()).toHaveLength(7);
	expect(sandbox().callsTo('get_user_behavior_data')).toHaveLength(2);
});

import { runMassSend } from '../../../../helpers/engine';
import { bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

const DAY = 86400;
/** 2023-01-01T00:00:00Z: far from the sandbox's own seeded history (the last 90 days). */
const T0 = 1672531200;
const END = T0 + 45 * DAY;

const getMany = (parameters: Record<string, unknown>) => ({
	resource: 'massMessage',
	operation: 'getMany',
	chatType: 'single',
	startTime: T0,
	endTime: END,
	...parameters,
});

/** 150 messages in the first 30-day window, 30 in the second. */
function seedTwoWindows(): string[] {
	const ids: string[] = [];
	for (let i = 0; i < 150; i++)
		ids.push(seed(`msgWinA${String(i).padStart(3, '0')}`, T0 + 100 + i * 1000));
	for (let i = 0; i < 30; i++)
		ids.push(seed(`msgWinB${String(i).padStart(3, '0')}`, T0 + 31 * DAY + i * 1000));
	return ids;
}

function seed(msgid: string, createTime: number): string {
	return sandbox().seedMassMessage({ msgid, members: 1, resultsPerMember: 1, createTime });
}

const listCalls = () => sandbox().callsTo('get_groupmsg_list_v2').map(bodyOf);

test('Return All walks every one-month window and every page, in creation order', async () => {
	const expected = seedTwoWindows();
	const result = await runMassSend(getMany({ returnAll: true }));
	expect(result.error).toBeUndefined();
	expect(result.json().map((item) => item.msgid)).toEqual(expected);
	const calls = listCalls();
	expect(
		calls.map((body) => [body.start_time, body.end_time, body.limit, Boolean(body.cursor)]),
	).toEqual([
		[T0, T0 + 30 * DAY - 1, 100, false],
		[T0, T0 + 30 * DAY - 1, 100, true],
		[T0 + 30 * DAY, END, 100, false],
	]);
	expect(calls.every((body) => body.chat_type === 'single' && body.filter_type === 2)).toBe(true);
});

test.each([
	[120, [100, 20]],
	[170, [100, 70, 20]],
	[30, [30]],
])('Limit %i stops exactly there with no extra page', async (limit, limits) => {
	const expected = seedTwoWindows();
	const result = await runMassSend(getMany({ returnAll: false, limit }));
	expect(result.error).toBeUndefined();
	expect(result.json().map((item) => item.msgid)).toEqual(expected.slice(0, limit));
	expect(listCalls().map((body) => body.limit)).toEqual(limits);
});

test('the last 90 days of seeded history: ≤ 31-day windows joined, chat_type always sent', async () => {
	const now = Math.floor(Date.now() / 1000);
	const result = await runMassSend(
		getMany({ returnAll: true, startTime: now - 91 * DAY, endTime: now + 60 }),
	);
	expect(result.error).toBeUndefined();
	const items = result.json();
	expect(items).toHaveLength(250);
	expect(new Set(items.map((item) => item.msgid)).size).toBe(250);
	const calls = listCalls();
	expect(calls.length).toBeGreaterThanOrEqual(4);
	for (const body of calls) {
		expect(body.chat_type).toBe('single');
		expect(body.end_time - body.start_time).toBeLessThanOrEqual(30 * DAY);
	}
	// Windows are consecutive: each starts one second after the previous one ended.
	const starts = [...new Set(calls.map((body) => `${body.start_time}-${body.end_time}`))].map((w) =>
		w.split('-').map(Number),
	);
	for (let i = 1; i < starts.length; i++) expect(starts[i][0]).toBe(starts[i - 1][1] + 1);
});

test('group chat type, creator and filter type are sent as given', async () => {
	sandbox().seedMassMessage({
		msgid: 'msgGroupA',
		chatType: 'group',
		members: 1,
		resultsPerMember: 1,
		createTime: T0 + 10,
		creator: 'lisi',
	});
	sandbox().seedMassMessage({
		msgid: 'msgGroupB',
		chatType: 'group',
		members: 1,
		resultsPerMember: 1,
		createTime: T0 + 20,
		creator: 'wangwu',
	});
	const result = await runMassSend(
		getMany({ chatType: 'group', creator: 'lisi', filterType: 0, returnAll: true }),
	);
	expect(result.error).toBeUndefined();
	expect(result.json().map((item) => item.msgid)).toEqual(['msgGroupA']);
	expect(listCalls()[0]).toMatchObject({ chat_type: 'group', creator: 'lisi', filter_type: 0 });
});

test.each([
	['ISO string with Z', '2023-01-01T00:00:00Z'],
	['ISO string with offset', '2023-01-01T08:00:00+08:00'],
	['Unix seconds', T0],
	['Unix seconds as text', String(T0)],
	['Unix milliseconds', T0 * 1000],
	['an expression', '={{ $json.start }}'],
])('Start Time given as %s', async (_name, startTime) => {
	const result = await runMassSend(getMany({ startTime, returnAll: true }), [{ start: T0 }]);
	expect(result.error).toBeUndefined();
	expect(listCalls()[0].start_time).toBe(T0);
});

test('start after end is refused before any request', async () => {
	const result = await runMassSend(getMany({ startTime: END, endTime: T0, returnAll: true }));
	expect(result.error?.message).toMatch(/^"End Time" .* is before "Start Time"/);
	expect(result.error?.context?.field).toBe('endTime');
	expect(sandbox().calls).toHaveLength(0);
});

test('an unreadable time is refused before any request', async () => {
	const result = await runMassSend(
		getMany({ startTime: '={{ "next tuesday" }}', returnAll: true }),
	);
	expect(result.error?.message).toMatch(/"Start Time" "next tuesday" is not a date/);
	expect(sandbox().calls).toHaveLength(0);
});

describe('reads survive WeCom faults with the right data', () => {
	test.each([
		['-1 twice', { kind: 'errcode' as const, errcode: -1, times: 2 }],
		['45033 twice', { kind: 'errcode' as const, errcode: 45033, times: 2 }],
		['HTTP 500', { kind: 'http500' as const, times: 1 }],
		['connection reset twice', { kind: 'reset' as const, times: 2 }],
	])('%s', async (_name, fault) => {
		const expected = seedTwoWindows();
		sandbox().fault({ api: 'get_groupmsg_list_v2', skip: 1, ...fault });
		const result = await runMassSend(getMany({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.json().map((item) => item.msgid)).toEqual(expected);
		expect(sandbox().callsTo('get_groupmsg_list_v2')).toHaveLength(3 + (fault.times ?? 1));
	});
});

/** Moment → Get Many (get_moment_list): month windows, pages of 20, filters, refusals before any request. */
import {
	GENERATED_MOMENTS,
	MOMENT_EPOCH,
	SEEDED_MOMENTS,
} from '../../../../../tools/sandbox/moments';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const DAY = 86400;
const getMany = (extra: Record<string, unknown> = {}) => ({
	resource: 'moment',
	operation: 'getMany',
	startTime: MOMENT_EPOCH,
	endTime: MOMENT_EPOCH + 7 * DAY,
	...extra,
});
const ALL = 3 + GENERATED_MOMENTS;

test('Return All follows next_cursor in pages of 20, WeCom’s maximum', async () => {
	const result = await runMassSend(getMany({ returnAll: true }));
	const items = result.json();
	expect(items).toHaveLength(ALL);
	expect(items[0]).toMatchObject({
		moment_id: SEEDED_MOMENTS.company,
		creator: 'zhangsan',
		create_type: 0,
		text: { content: '双十二会员福利' },
	});
	const calls = apiCalls(sandbox());
	expect(calls.map((c) => bodyOf(c).limit)).toEqual([20, 20]);
	// One second wider on each side: WeCom leaves out both bounds.
	expect(bodyOf(calls[0])).toEqual({
		start_time: MOMENT_EPOCH - 1,
		end_time: MOMENT_EPOCH + 7 * DAY + 1,
		filter_type: 2,
		limit: 20,
	});
	expect(typeof bodyOf(calls[1]).cursor).toBe('string');
});

test('a Limit is asked for exactly; Created By Member and Created By become creator and filter_type', async () => {
	const result = await runMassSend(
		getMany({ limit: 1, creator: { mode: 'id', value: 'lisi' }, filterType: 1 }),
	);
	expect(result.json().map((m) => m.moment_id)).toEqual([SEEDED_MOMENTS.personal]);
	expect(bodyOf(apiCalls(sandbox())[0])).toMatchObject({
		creator: 'lisi',
		filter_type: 1,
		limit: 1,
	});
});

test('a range longer than a month is read in windows WeCom accepts, oldest first', async () => {
	const result = await runMassSend(
		getMany({ startTime: MOMENT_EPOCH - 60 * DAY, returnAll: true }),
	);
	expect(result.error).toBeUndefined();
	expect(result.json()).toHaveLength(ALL);
	// Pages after the first of a window repeat its bounds: one entry per window.
	const windows = [
		...new Set(apiCalls(sandbox()).map((c) => `${bodyOf(c).start_time}-${bodyOf(c).end_time}`)),
	].map((w) => w.split('-').map(Number) as [number, number]);
	expect(windows.length).toBeGreaterThanOrEqual(3);
	for (const [start, end] of windows) expect(end - start).toBeLessThanOrEqual(30 * DAY);
	expect(windows[0][0]).toBe(MOMENT_EPOCH - 60 * DAY - 1);
	// Consecutive windows overlap by the two widened seconds only.
	for (let i = 1; i < windows.length; i++) expect(windows[i][0]).toBe(windows[i - 1][1] - 1);
});

test('a moment created at the exact second of Start Time or End Time is listed, once', async () => {
	const at = MOMENT_EPOCH + 3600; // the company moment's create_time
	const from = await runMassSend(getMany({ startTime: at, endTime: at + 60, returnAll: true }));
	expect(from.json().map((m) => m.moment_id)).toEqual([SEEDED_MOMENTS.company]);
	const to = await runMassSend(getMany({ startTime: at - 60, endTime: at, returnAll: true }));
	expect(to.json().map((m) => m.moment_id)).toEqual([SEEDED_MOMENTS.company]);
	// A moment on the seam of two windows is in exactly one of them.
	const seam = await runMassSend(
		getMany({ startTime: at - 30 * DAY + 2, endTime: at + DAY, returnAll: true }),
	);
	expect(seam.json().filter((m) => m.moment_id === SEEDED_MOMENTS.company)).toHaveLength(1);
});

test('End Time before Start Time, or more than 366 days, is refused before any request, naming the field', async () => {
	const backwards = await runMassSend(getMany({ endTime: MOMENT_EPOCH - DAY }), [{}], {
		continueOnFail: true,
	});
	expect(backwards.json()[0]).toMatchObject({
		field: 'endTime',
		error: expect.stringContaining('"End Time"'),
	});
	const long = await runMassSend(getMany({ startTime: MOMENT_EPOCH - 400 * DAY }), [{}], {
		continueOnFail: true,
	});
	expect(long.json()[0]).toMatchObject({
		field: 'startTime',
		error: expect.stringContaining('366 days'),
	});
	const empty = await runMassSend(getMany({ startTime: '={{ "" }}' }), [{}], {
		continueOnFail: true,
	});
	expect(empty.json()[0]).toMatchObject({ field: 'startTime' });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('a busy answer is read again; another errcode fails the item with the API named', async () => {
	sandbox().fault({ api: 'get_moment_list', kind: 'errcode', errcode: -1 });
	const retried = await runMassSend(getMany({ limit: 1 }));
	expect(retried.json().map((m) => m.moment_id)).toEqual([SEEDED_MOMENTS.company]);
	expect(sandbox().callsTo('get_moment_list')).toHaveLength(2);
	sandbox().fault({ api: 'get_moment_list', kind: 'errcode', errcode: 48002 });
	const refused = await runMassSend(getMany({ limit: 1 }), [{}], { continueOnFail: true });
	expect(refused.json()[0]).toMatchObject({ errcode: 48002, api: 'get_moment_list' });
});

/** The pure helpers behind the operations: ID lists, tag filters, time inputs and windows. */
import { chunk, parseIdList } from '../../../../nodes/shared/idList';
import {
	tagFilterFromGroups,
	tagFilterFromJson,
} from '../../../../nodes/WeComMassSend/validation/tagFilter';
import { monthWindows, toUnixSeconds } from '../../../../nodes/WeComMassSend/validation/timeWindow';

const DAY = 86400;

test('ID lists: separators, arrays, numbers, duplicates, non-IDs', () => {
	expect(parseIdList('a, b\nc，d;e  f')).toEqual({ ok: true, ids: ['a', 'b', 'c', 'd', 'e', 'f'] });
	expect(parseIdList(['a', ['b', 'a'], 7, null])).toEqual({ ok: true, ids: ['a', 'b', '7'] });
	expect(parseIdList('')).toEqual({ ok: true, ids: [] });
	expect(parseIdList([{ id: 1 }])).toEqual({
		ok: false,
		reason: 'entry[0] is an object, not an ID',
	});
	expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
});

test('tag filters', () => {
	expect(tagFilterFromGroups([{ tagIds: 'a,b' }, { tagIds: '' }, { tagIds: ['c'] }])).toEqual({
		ok: true,
		groupList: [{ tag_list: ['a', 'b'] }, { tag_list: ['c'] }],
	});
	expect(tagFilterFromJson({ group_list: [{ tag_list: ['a'] }] })).toEqual({
		ok: true,
		groupList: [{ tag_list: ['a'] }],
	});
	expect(tagFilterFromJson('')).toEqual({ ok: true, groupList: [] });
	expect(tagFilterFromJson('{nope').ok).toBe(false);
	expect(tagFilterFromJson('{"group_list": 3}').ok).toBe(false);
});

test('time inputs: offset-less strings are wall time in the workflow time zone', () => {
	expect(toUnixSeconds('2024-03-01T08:00:00', 'Asia/Shanghai')).toEqual({
		ok: true,
		seconds: Date.UTC(2024, 2, 1) / 1000,
	});
	expect(toUnixSeconds('2024-03-01', 'UTC')).toEqual({
		ok: true,
		seconds: Date.UTC(2024, 2, 1) / 1000,
	});
	// New York on the day daylight saving starts: 03:30 is UTC-4.
	expect(toUnixSeconds('2024-03-10T03:30:00', 'America/New_York')).toEqual({
		ok: true,
		seconds: Date.UTC(2024, 2, 10, 7, 30) / 1000,
	});
	expect(toUnixSeconds(new Date(Date.UTC(2024, 0, 1)), 'UTC')).toEqual({
		ok: true,
		seconds: Date.UTC(2024, 0, 1) / 1000,
	});
	expect(toUnixSeconds({ toMillis: () => 1700000000123 }, 'UTC')).toEqual({
		ok: true,
		seconds: 1700000000,
	});
	expect(toUnixSeconds('', 'UTC').ok).toBe(false);
	expect(toUnixSeconds(-5, 'UTC').ok).toBe(false);
});

test('month windows: consecutive, never longer than 30 days nor a calendar month (China time)', () => {
	// 2024-01-31 00:00 China time; the calendar month from there ends on 2024-02-29.
	const start = Date.UTC(2024, 0, 30, 16) / 1000;
	const end = start + 120 * DAY;
	const windows = monthWindows(start, end);
	expect(windows[0]).toEqual({ start, end: Date.UTC(2024, 1, 28, 16) / 1000 - 1 });
	expect(windows[0].end - windows[0].start + 1).toBe(29 * DAY);
	for (let i = 0; i < windows.length; i++) {
		expect(windows[i].end - windows[i].start).toBeLessThan(30 * DAY);
		if (i > 0) expect(windows[i].start).toBe(windows[i - 1].end + 1);
	}
	expect(windows[windows.length - 1].end).toBe(end);
	expect(monthWindows(start, start)).toEqual([{ start, end: start }]);
	expect(monthWindows(start, start - 1)).toEqual([]);
});

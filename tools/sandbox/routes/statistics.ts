/**
 * 获取「联系客户统计」数据 (get_user_behavior_data, page 92132): up to 100 members a request, a
 * window of at most 30 days that starts within the last 180 days; one row per day, summed over the
 * members asked (WeCom reports the members together, not one by one).
 */
import { fail, ok, post, type RouteResult, type RouteTable } from '../route';
import { dayStart, daysOf, memberDay, ownerDay, type GroupDay } from '../behaviorStats';
import { isObject } from '../validate';
import { optionalInt, stringArray } from '../validate';

export const BEHAVIOR_USERS_MAX = 100;
export const BEHAVIOR_WINDOW_MAX_DAYS = 30;
export const BEHAVIOR_HISTORY_DAYS = 180;
const DAY = 86400;

function behavior(body: Record<string, unknown>): RouteResult {
	const users = stringArray(body, 'userid', BEHAVIOR_USERS_MAX);
	const parties = body.partyid;
	if (users.length === 0 && (!Array.isArray(parties) || parties.length === 0))
		fail(40058, 'userid and partyid both empty');
	const start = optionalInt(body, 'start_time') ?? fail(40058, 'start_time missing');
	const end = optionalInt(body, 'end_time') ?? fail(40058, 'end_time missing');
	if (end < start) fail(40058, 'invalid parameter: end_time before start_time');
	if (end - start > BEHAVIOR_WINDOW_MAX_DAYS * DAY)
		fail(40058, 'invalid parameter: time range exceeds 30 days');
	if (start < dayStart(Date.now() / 1000) - BEHAVIOR_HISTORY_DAYS * DAY)
		fail(40058, 'invalid parameter: start_time earlier than 180 days ago');
	const behavior_data = daysOf(start, end).map((day) => {
		const rows = users.map((u) => memberDay(u, day));
		const sum = (key: keyof (typeof rows)[number]) =>
			rows.reduce((total, row) => total + row[key], 0);
		const avg = (key: keyof (typeof rows)[number]) =>
			rows.length ? Math.round((sum(key) / rows.length) * 100) / 100 : 0;
		return {
			stat_time: day,
			chat_cnt: sum('chat_cnt'),
			message_cnt: sum('message_cnt'),
			reply_percentage: avg('reply_percentage'),
			avg_reply_time: avg('avg_reply_time'),
			negative_feedback_cnt: sum('negative_feedback_cnt'),
			new_apply_cnt: sum('new_apply_cnt'),
			new_contact_cnt: sum('new_contact_cnt'),
		};
	});
	return ok({ behavior_data });
}

export const GROUP_OWNERS_MAX = 100;
export const GROUP_STAT_LIMIT_MAX = 1000;

/** groupchat/statistic*: day_begin_time, day_end_time (≤ 30 days, within 180 days) and owner_filter. */
function groupWindow(body: Record<string, unknown>): { days: number[]; owners: string[] } {
	const begin = optionalInt(body, 'day_begin_time') ?? fail(40058, 'day_begin_time missing');
	const end = optionalInt(body, 'day_end_time') ?? begin;
	if (end < begin) fail(40058, 'invalid parameter: day_end_time before day_begin_time');
	if (end - begin > BEHAVIOR_WINDOW_MAX_DAYS * DAY)
		fail(40058, 'invalid parameter: time range exceeds 30 days');
	if (begin < dayStart(Date.now() / 1000) - BEHAVIOR_HISTORY_DAYS * DAY)
		fail(40058, 'invalid parameter: day_begin_time earlier than 180 days ago');
	if (!isObject(body.owner_filter)) fail(40058, 'owner_filter missing');
	const owners = stringArray(body.owner_filter, 'userid_list', GROUP_OWNERS_MAX);
	if (owners.length === 0) fail(40058, 'owner_filter.userid_list missing');
	return { days: daysOf(begin, end), owners };
}

const FLOWS: Array<keyof GroupDay> = [
	'new_chat_cnt',
	'chat_has_msg',
	'new_member_cnt',
	'member_has_msg',
	'msg_total',
	'migrate_trainee_chat_cnt',
];

function byOwner(body: Record<string, unknown>): RouteResult {
	const { days, owners } = groupWindow(body);
	const offset = optionalInt(body, 'offset') ?? 0;
	const limit = optionalInt(body, 'limit') ?? 500;
	if (limit < 1 || limit > GROUP_STAT_LIMIT_MAX) fail(40058, 'invalid parameter: limit');
	const items = owners.map((owner) => {
		const rows = days.map((day) => ownerDay(owner, day));
		const data = { ...rows[rows.length - 1] };
		for (const key of FLOWS) data[key] = rows.reduce((sum, row) => sum + row[key], 0);
		return { owner, data };
	});
	const page = items.slice(offset, offset + limit);
	return ok({ total: items.length, next_offset: offset + page.length, items: page });
}

function byDay(body: Record<string, unknown>): RouteResult {
	const { days, owners } = groupWindow(body);
	const items = days.map((day) => {
		const rows = owners.map((owner) => ownerDay(owner, day));
		const data = {} as Record<string, number>;
		for (const key of Object.keys(rows[0]) as Array<keyof GroupDay>)
			data[key] = rows.reduce((sum, row) => sum + row[key], 0);
		return { stat_time: day, data };
	});
	return ok({ items });
}

export const statisticsRoutes: RouteTable = {
	'/cgi-bin/externalcontact/get_user_behavior_data': post(({ body }) => behavior(body)),
	'/cgi-bin/externalcontact/groupchat/statistic': post(({ body }) => byOwner(body)),
	'/cgi-bin/externalcontact/groupchat/statistic_group_by_day': post(({ body }) => byDay(body)),
};

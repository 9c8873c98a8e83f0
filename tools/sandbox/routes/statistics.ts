/**
 * 获取「联系客户统计」数据 (get_user_behavior_data, page 92132): up to 100 members a request, a
 * window of at most 30 days that starts within the last 180 days; one row per day, summed over the
 * members asked (WeCom reports the members together, not one by one).
 */
import { fail, ok, post, type RouteResult, type RouteTable } from '../route';
import { dayStart, daysOf, memberDay } from '../behaviorStats';
import { optionalInt, stringArray } from '../validate';

export const BEHAVIOR_USERS_MAX = 100;
export const BEHAVIOR_WINDOW_MAX_DAYS = 30;
export const BEHAVIOR_HISTORY_DAYS = 180;
const DAY = 86400;

function behavior(body: Record<string, unknown>): RouteResult {
	const users = stringArray(body, 'userid', BEHAVIOR_USERS_MAX);
	const parties = body.partyid;
	if (users.length === 0 && (!Array.isArray(parties) || parties.length === 0)) fail(40058, 'userid and partyid both empty');
	const start = optionalInt(body, 'start_time') ?? fail(40058, 'start_time missing');
	const end = optionalInt(body, 'end_time') ?? fail(40058, 'end_time missing');
	if (end < start) fail(40058, 'invalid parameter: end_time before start_time');
	if (end - start > BEHAVIOR_WINDOW_MAX_DAYS * DAY) fail(40058, 'invalid parameter: time range exceeds 30 days');
	if (start < dayStart(Date.now() / 1000) - BEHAVIOR_HISTORY_DAYS * DAY) fail(40058, 'invalid parameter: start_time earlier than 180 days ago');
	const behavior_data = daysOf(start, end).map((day) => {
		const rows = users.map((u) => memberDay(u, day));
		const sum = (key: keyof (typeof rows)[number]) => rows.reduce((total, row) => total + row[key], 0);
		const avg = (key: keyof (typeof rows)[number]) => (rows.length ? Math.round((sum(key) / rows.length) * 100) / 100 : 0);
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

export const statisticsRoutes: RouteTable = {
	'/cgi-bin/externalcontact/get_user_behavior_data': post(({ body }) => behavior(body)),
};

/**
 * 客户朋友圈 reads and cancel_moment_task, with the rules of WeCom's pages 93333 (reads) and 97612
 * (cancel): time window ≤ 1 month, page sizes that fall back to the default above the maximum (as
 * WeCom's pages say, silently), cursors, and a cancel only for company moments (企业发表).
 */
import type { Moment, MomentTask } from '../moments';
import { fail, ok, post, type RouteResult, type RouteTable } from '../route';
import type { SandboxState } from '../state';
import { optionalInt, optionalString, requiredString } from '../validate';

export const MOMENT_LIST_MAX = 20;
export const MOMENT_TASK_MAX = 1000;
export const MOMENT_TASK_DEFAULT = 500;
export const MOMENT_SEND_RESULT_MAX = 5000;
export const MOMENT_SEND_RESULT_DEFAULT = 3000;
/** get_moment_list: "开始时间和结束时间间隔不能超过1个月"; read as 30 days, the stricter reading. */
export const MOMENT_WINDOW_MAX_SECONDS = 30 * 86400;

/** WeCom's "超过最大值时取默认值": an oversized page is not refused but cut to the default. */
function pageSize(body: Record<string, unknown>, max: number, fallback: number): number {
	const limit = optionalInt(body, 'limit');
	if (limit === undefined || limit < 1 || limit > max) return fallback;
	return limit;
}

function offsetOf(body: Record<string, unknown>, prefix: string): number {
	const cursor = optionalString(body, 'cursor');
	if (!cursor) return 0;
	const m = new RegExp(`^${prefix}(\\d+)$`).exec(Buffer.from(cursor, 'base64url').toString());
	return m ? Number(m[1]) : fail(40058, 'invalid parameter: cursor');
}

function page<T>(
	all: T[],
	offset: number,
	size: number,
	prefix: string,
): { items: T[]; next_cursor: string } {
	const items = all.slice(offset, offset + size);
	const end = offset + items.length;
	return {
		items,
		next_cursor: end < all.length ? Buffer.from(`${prefix}${end}`).toString('base64url') : '',
	};
}

function momentOf(state: SandboxState, body: Record<string, unknown>): Moment {
	const id = requiredString(body, 'moment_id');
	return state.moments.moments.get(id) ?? fail(40058, 'invalid parameter: moment_id');
}

function taskOf(moment: Moment, body: Record<string, unknown>): MomentTask {
	const userid = requiredString(body, 'userid');
	return moment.tasks.find((t) => t.userid === userid) ?? fail(40058, 'invalid parameter: userid');
}

function listMoments(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const start = optionalInt(body, 'start_time') ?? fail(40058, 'start_time missing');
	const end = optionalInt(body, 'end_time') ?? fail(40058, 'end_time missing');
	if (end < start) fail(40058, 'invalid parameter: end_time before start_time');
	if (end - start > MOMENT_WINDOW_MAX_SECONDS)
		fail(40058, 'invalid parameter: time range exceeds 1 month');
	const filterType = optionalInt(body, 'filter_type') ?? 2;
	if (![0, 1, 2].includes(filterType)) fail(40058, 'invalid parameter: filter_type');
	const creator = optionalString(body, 'creator');
	const all = [...state.moments.moments.values()]
		// 93333: "按时间只能取到(start_time, end_time)范围内的数据": both bounds excluded.
		.filter((m) => m.create_time > start && m.create_time < end)
		.filter((m) => filterType === 2 || m.create_type === filterType)
		.filter((m) => !creator || m.creator === creator)
		.sort((a, b) => a.create_time - b.create_time);
	const { items, next_cursor } = page(
		all,
		offsetOf(body, 'm'),
		pageSize(body, MOMENT_LIST_MAX, MOMENT_LIST_MAX),
		'm',
	);
	const moment_list = items.map(({ tasks: _tasks, cancelled: _cancelled, ...rest }) => rest);
	return ok({ next_cursor, moment_list });
}

export const momentRoutes: RouteTable = {
	'/cgi-bin/externalcontact/get_moment_list': post(({ state, body }) => listMoments(state, body)),
	'/cgi-bin/externalcontact/get_moment_task': post(({ state, body }) => {
		const moment = momentOf(state, body);
		const tasks = moment.tasks.map(({ userid, publish_status }) => ({ userid, publish_status }));
		const { items, next_cursor } = page(
			tasks,
			offsetOf(body, 't'),
			pageSize(body, MOMENT_TASK_MAX, MOMENT_TASK_DEFAULT),
			't',
		);
		return ok({ next_cursor, task_list: items });
	}),
	'/cgi-bin/externalcontact/get_moment_customer_list': post(({ state, body }) => {
		const task = taskOf(momentOf(state, body), body);
		const customers = task.visible.map((external_userid) => ({
			userid: task.userid,
			external_userid,
		}));
		const { items, next_cursor } = page(
			customers,
			offsetOf(body, 'c'),
			pageSize(body, MOMENT_TASK_MAX, MOMENT_TASK_DEFAULT),
			'c',
		);
		return ok({ next_cursor, customer_list: items });
	}),
	'/cgi-bin/externalcontact/get_moment_send_result': post(({ state, body }) => {
		const task = taskOf(momentOf(state, body), body);
		const customers = task.sent.map((external_userid) => ({ external_userid }));
		const { items, next_cursor } = page(
			customers,
			offsetOf(body, 's'),
			pageSize(body, MOMENT_SEND_RESULT_MAX, MOMENT_SEND_RESULT_DEFAULT),
			's',
		);
		return ok({ next_cursor, customer_list: items });
	}),
	'/cgi-bin/externalcontact/get_moment_comments': post(({ state, body }) => {
		const task = taskOf(momentOf(state, body), body);
		return ok({ comment_list: task.comments, like_list: task.likes });
	}),
	'/cgi-bin/externalcontact/cancel_moment_task': post(({ state, body }) => {
		const moment = momentOf(state, body);
		// Only a company moment has a task to stop; a member's own moment is theirs.
		if (moment.create_type !== 0)
			fail(40058, 'invalid parameter: moment_id is not a company moment');
		moment.cancelled = true;
		return ok();
	}),
};

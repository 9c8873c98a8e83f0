/**
 * 获客助手: customer_acquisition/list_link, get, create_link, update_link, delete_link (page 97297),
 * customer_acquisition/customer (97298), customer_acquisition_quota and customer_acquisition/statistic
 * (97375), with the limits those pages state.
 */
import type { AcquisitionLink } from '../acquisitionLinks';
import { linkUrl } from '../acquisitionLinks';
import { fail, ok, post, type RouteResult, type RouteTable } from '../route';
import type { SandboxState } from '../state';
import { isObject, optionalInt, optionalString, requiredString, stringArray } from '../validate';

export const LINK_LIST_MAX = 100;
export const LINK_CUSTOMERS_MAX = 1000;
export const LINK_USERS_MAX = 500;
export const LINK_DEPARTMENTS_MAX = 100;

function cursorOffset(cursor: string | undefined, prefix: string): number {
	if (!cursor) return 0;
	const m = new RegExp(`^${prefix}(\\d+)$`).exec(Buffer.from(cursor, 'base64url').toString());
	return m ? Number(m[1]) : fail(40058, 'invalid parameter: cursor');
}

function knownLink(state: SandboxState, body: Record<string, unknown>): AcquisitionLink {
	const id = requiredString(body, 'link_id');
	return state.acquisition.links.get(id) ?? fail(40058, `invalid link_id: ${id}`);
}

function readRange(
	body: Record<string, unknown>,
	current?: AcquisitionLink,
): { user_list: string[]; department_list: number[] } {
	if (body.range === undefined) {
		if (current) return { user_list: current.user_list, department_list: current.department_list };
		fail(40058, 'range missing');
	}
	if (!isObject(body.range)) fail(40058, 'invalid parameter: range');
	const user_list = stringArray(body.range, 'user_list', LINK_USERS_MAX);
	const departments = body.range.department_list ?? [];
	if (
		!Array.isArray(departments) ||
		departments.some((d) => !Number.isInteger(d) || (d as number) < 1)
	)
		fail(40058, 'invalid parameter: department_list');
	if (departments.length > LINK_DEPARTMENTS_MAX)
		fail(40058, `invalid parameter: department_list exceeds ${LINK_DEPARTMENTS_MAX}`);
	if (user_list.length === 0 && departments.length === 0)
		fail(40058, 'range: user_list or department_list required');
	return { user_list, department_list: departments as number[] };
}

function readSkipVerify(body: Record<string, unknown>, fallback: boolean): boolean {
	if (body.skip_verify === undefined) return fallback;
	if (typeof body.skip_verify !== 'boolean') fail(40058, 'invalid parameter: skip_verify');
	return body.skip_verify;
}

function linkOut(link: AcquisitionLink): Record<string, unknown> {
	return {
		link: {
			link_id: link.link_id,
			link_name: link.link_name,
			url: link.url,
			create_time: link.create_time,
		},
		range: { user_list: link.user_list, department_list: link.department_list },
		skip_verify: link.skip_verify,
	};
}

function listLinks(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const limit = optionalInt(body, 'limit') ?? LINK_LIST_MAX;
	if (limit < 1 || limit > LINK_LIST_MAX)
		fail(40058, `invalid parameter: limit must be 1..${LINK_LIST_MAX}`);
	const all = [...state.acquisition.links.keys()];
	const offset = cursorOffset(optionalString(body, 'cursor'), 'l');
	const page = all.slice(offset, offset + limit);
	const next = offset + page.length;
	return ok({
		link_id_list: page,
		...(next < all.length
			? { next_cursor: Buffer.from(`l${next}`).toString('base64url') }
			: { next_cursor: '' }),
	});
}

function createLink(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const link_name = requiredString(body, 'link_name');
	const range = readRange(body);
	const book = state.acquisition;
	const link_id = `caSandboxLinkNew${String(++book.created).padStart(10, '0')}`;
	const link: AcquisitionLink = {
		link_id,
		link_name,
		url: linkUrl(link_id),
		create_time: Math.floor(Date.now() / 1000),
		...range,
		skip_verify: readSkipVerify(body, true),
	};
	book.links.set(link_id, link);
	book.customers.set(link_id, []);
	return ok({ link: { link_id, link_name, url: link.url, create_time: link.create_time } });
}

function updateLink(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const link = knownLink(state, body);
	const name = optionalString(body, 'link_name');
	const range = readRange(body, link);
	const skip = readSkipVerify(body, link.skip_verify);
	Object.assign(link, {
		...(name !== undefined ? { link_name: name } : {}),
		...range,
		skip_verify: skip,
	});
	return ok();
}

function linkCustomers(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const link = knownLink(state, body);
	const limit = optionalInt(body, 'limit') ?? LINK_CUSTOMERS_MAX;
	if (limit < 1 || limit > LINK_CUSTOMERS_MAX)
		fail(40058, `invalid parameter: limit must be 1..${LINK_CUSTOMERS_MAX}`);
	const all = state.acquisition.customers.get(link.link_id) ?? [];
	const offset = cursorOffset(optionalString(body, 'cursor'), 'c');
	const page = all.slice(offset, offset + limit);
	const next = offset + page.length;
	return ok({
		customer_list: page.map(({ external_userid, userid, chat_status, state: s }) => ({
			external_userid,
			userid,
			chat_status,
			state: s,
		})),
		next_cursor: next < all.length ? Buffer.from(`c${next}`).toString('base64url') : '',
	});
}

function statistic(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const link = knownLink(state, body);
	const start = optionalInt(body, 'start_time') ?? fail(40058, 'start_time missing');
	const end = optionalInt(body, 'end_time') ?? fail(40058, 'end_time missing');
	if (end < start) fail(40058, 'invalid parameter: end_time is before start_time');
	const added = (state.acquisition.customers.get(link.link_id) ?? []).filter(
		(c) => c.added_at >= start && c.added_at <= end,
	).length;
	// Each customer in the sandbox clicked the link twice before adding: clicks = 2 × new customers.
	return ok({ click_link_customer_cnt: added * 2, new_customer_cnt: added });
}

export const acquisitionLinkRoutes: RouteTable = {
	'/cgi-bin/externalcontact/customer_acquisition/list_link': post(({ state, body }) =>
		listLinks(state, body),
	),
	'/cgi-bin/externalcontact/customer_acquisition/get': post(({ state, body }) =>
		ok(linkOut(knownLink(state, body))),
	),
	'/cgi-bin/externalcontact/customer_acquisition/create_link': post(({ state, body }) =>
		createLink(state, body),
	),
	'/cgi-bin/externalcontact/customer_acquisition/update_link': post(({ state, body }) =>
		updateLink(state, body),
	),
	'/cgi-bin/externalcontact/customer_acquisition/delete_link': post(({ state, body }) => {
		const link = knownLink(state, body);
		state.acquisition.links.delete(link.link_id);
		return ok();
	}),
	'/cgi-bin/externalcontact/customer_acquisition/customer': post(({ state, body }) =>
		linkCustomers(state, body),
	),
	'/cgi-bin/externalcontact/customer_acquisition/statistic': post(({ state, body }) =>
		statistic(state, body),
	),
	'/cgi-bin/externalcontact/customer_acquisition_quota': {
		method: 'GET',
		auth: true,
		body: 'raw',
		handle: ({ state }) =>
			ok({
				total: state.acquisition.quota.total,
				balance: state.acquisition.quota.balance,
				quota_list: state.acquisition.quota.quota_list,
			}),
	},
};

/**
 * 客户详情, 企业标签库 and 编辑客户企业标签, plus the customer lists (customers.ts) and the tag
 * library's changes (corpTags.ts): what the Customer and Customer Tag resources call.
 */
import { corpTagRoutes } from './corpTags';
import { customerListRoutes, knownCustomer } from './customers';
import { fail, ok, post, type RouteTable } from '../route';
import type { SandboxState } from '../state';
import { requiredString, stringArray } from '../validate';

/** WeCom pages a customer's follow_user list when more than 500 members follow them. */
export const FOLLOW_USER_PAGE = 500;

function followOffset(cursor: string | undefined): number {
	if (!cursor) return 0;
	const m = /^f(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
	return m ? Number(m[1]) : fail(40058, 'invalid parameter: cursor');
}

function getCustomer(state: SandboxState, query: Record<string, string>) {
	const customer = knownCustomer(state, query.external_userid);
	const offset = followOffset(query.cursor);
	const followers = [...customer.followers];
	const end = Math.min(followers.length, offset + FOLLOW_USER_PAGE);
	const follow_user = followers.slice(offset, end).map(([userid, f]) => ({
		userid,
		remark: f.remark,
		description: f.description,
		createtime: f.createtime,
		tags: [...f.tagIds].flatMap((id) => {
			const found = state.contacts.findTag(id);
			return found
				? [{ group_name: found.group.group_name, tag_name: found.tag.name, tag_id: id, type: 1 }]
				: [];
		}),
		remark_mobiles: [],
		add_way: f.add_way,
		oper_userid: f.oper_userid || userid,
		...(f.state ? { state: f.state } : {}),
	}));
	// Like WeCom, next_cursor is only there while more followers remain.
	return ok({
		external_contact: customer.contact,
		follow_user,
		...(end < followers.length
			? { next_cursor: Buffer.from(`f${end}`).toString('base64url') }
			: {}),
	});
}

function corpTagList(state: SandboxState, body: Record<string, unknown>) {
	const tagIds = stringArray(body, 'tag_id', 1000);
	const groupIds = stringArray(body, 'group_id', 1000);
	// WeCom (92117): group_id wins over tag_id when both are given; neither returns the whole library.
	const tag_group = state.contacts.tagGroups
		.map((group) => {
			if (groupIds.length > 0)
				return groupIds.includes(group.group_id) ? group : { ...group, tag: [] };
			if (tagIds.length > 0)
				return { ...group, tag: group.tag.filter((t) => tagIds.includes(t.id)) };
			return group;
		})
		.filter((group) => group.tag.length > 0);
	return ok({ tag_group });
}

function markTag(state: SandboxState, body: Record<string, unknown>) {
	const userid = requiredString(body, 'userid');
	const customer = knownCustomer(state, requiredString(body, 'external_userid'));
	const add = stringArray(body, 'add_tag', 1000);
	const remove = stringArray(body, 'remove_tag', 1000);
	if (add.length === 0 && remove.length === 0)
		fail(40058, 'add_tag and remove_tag cannot both be empty');
	for (const id of [...add, ...remove])
		if (!state.contacts.findTag(id)) fail(40068, `invalid tagid: ${id}`);
	const follow =
		customer.followers.get(userid) ??
		fail(84061, 'not external contact: this member has not added the customer');
	for (const id of add) follow.tagIds.add(id);
	for (const id of remove) follow.tagIds.delete(id);
	return ok();
}

export const customerContactRoutes: RouteTable = {
	'/cgi-bin/externalcontact/get': {
		method: 'GET',
		auth: true,
		body: 'raw',
		handle: ({ state, query }) => getCustomer(state, query),
	},
	'/cgi-bin/externalcontact/get_corp_tag_list': post(({ state, body }) => corpTagList(state, body)),
	'/cgi-bin/externalcontact/mark_tag': post(({ state, body }) => markTag(state, body)),
	...customerListRoutes,
	...corpTagRoutes,
};

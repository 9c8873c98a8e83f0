/**
 * 批量获取客户详情 (batch/get_by_user) and 修改客户备注信息 (remark), with the rules of WeCom's
 * pages 92994 and 92115: at most 100 members per call, pages of at most 100 (a larger limit is
 * cut to 100, none means 50), the remark fields' lengths in characters, not all of them empty.
 */
import type { Customer, Follow } from '../contacts';
import { fail, ok, post, type RouteTable } from '../route';
import type { SandboxState } from '../state';
import { optionalInt, optionalString, requiredString, stringArray } from '../validate';

export const BATCH_MEMBERS_MAX = 100;
export const BATCH_PAGE_MAX = 100;
export const BATCH_PAGE_DEFAULT = 50;

export function knownCustomer(state: SandboxState, externalUserId: string | undefined): Customer {
	if (!externalUserId) fail(40058, 'external_userid missing');
	return state.contacts.customers.get(externalUserId) ?? fail(40096, 'invalid external userid');
}

function batchCursor(cursor: string | undefined, members: string[]): number {
	if (!cursor) return 0;
	// A cursor belongs to the member list it was issued for, as WeCom's does.
	const m = /^b(\d+):(.*)$/s.exec(Buffer.from(cursor, 'base64url').toString());
	if (!m || m[2] !== members.join(',')) fail(40058, 'invalid parameter: cursor');
	return Number(m[1]);
}

function followInfo(state: SandboxState, userid: string, f: Follow) {
	return {
		userid,
		remark: f.remark,
		description: f.description,
		createtime: f.createtime,
		tag_id: [...f.tagIds].filter((id) => state.contacts.findTag(id)),
		remark_corp_name: f.remark_corp_name ?? '',
		remark_mobiles: f.remark_mobiles ?? [],
		oper_userid: f.oper_userid || userid,
		add_way: f.add_way,
		...(f.state ? { state: f.state } : {}),
	};
}

function batchGetByUser(state: SandboxState, body: Record<string, unknown>) {
	const members = stringArray(body, 'userid_list', BATCH_MEMBERS_MAX);
	if (members.length === 0) fail(40058, 'userid_list missing');
	const requested = optionalInt(body, 'limit');
	if (requested !== undefined && requested < 0) fail(40058, 'invalid parameter: limit');
	const limit = !requested ? BATCH_PAGE_DEFAULT : Math.min(requested, BATCH_PAGE_MAX);
	const offset = batchCursor(optionalString(body, 'cursor'), members);
	// Customer–member pairs, member by member, in the order the members added them.
	const external_contact_list: unknown[] = [];
	let index = 0;
	let more = false;
	for (const userid of members) {
		for (const customer of state.contacts.customers.values()) {
			const follow = customer.followers.get(userid);
			if (!follow) continue;
			if (index >= offset && external_contact_list.length < limit) {
				external_contact_list.push({
					external_contact: customer.contact,
					follow_info: followInfo(state, userid, follow),
				});
			} else if (index >= offset) {
				more = true;
				break;
			}
			index++;
		}
		if (more) break;
	}
	const next = offset + external_contact_list.length;
	return ok({
		external_contact_list,
		next_cursor: more ? Buffer.from(`b${next}:${members.join(',')}`).toString('base64url') : '',
	});
}

/** WeCom counts these lengths in characters (最多20个字符), so 20 Chinese characters are fine. */
function maxChars(body: Record<string, unknown>, field: string, max: number): string | undefined {
	const value = optionalString(body, field);
	if (value !== undefined && [...value].length > max)
		fail(40058, `invalid parameter: ${field} exceeds ${max} characters`);
	return value;
}

function remark(state: SandboxState, body: Record<string, unknown>) {
	const userid = requiredString(body, 'userid');
	const customer = knownCustomer(state, requiredString(body, 'external_userid'));
	const remarkText = maxChars(body, 'remark', 20);
	const description = maxChars(body, 'description', 150);
	const company = maxChars(body, 'remark_company', 20);
	const picture = optionalString(body, 'remark_pic_mediaid');
	const mobiles = body.remark_mobiles;
	if (
		mobiles !== undefined &&
		(!Array.isArray(mobiles) || mobiles.some((m) => typeof m !== 'string'))
	)
		fail(40058, 'invalid parameter: remark_mobiles');
	if (
		remarkText === undefined &&
		description === undefined &&
		company === undefined &&
		picture === undefined &&
		mobiles === undefined
	)
		fail(
			40058,
			'remark, description, remark_company, remark_mobiles and remark_pic_mediaid cannot all be empty',
		);
	if (picture !== undefined && !state.media.has(picture))
		fail(40007, 'invalid media_id: remark_pic_mediaid');
	const follow =
		customer.followers.get(userid) ??
		fail(84061, 'not external contact: this member has not added the customer');
	if (remarkText !== undefined) follow.remark = remarkText;
	if (description !== undefined) follow.description = description;
	if (company !== undefined) follow.remark_corp_name = company;
	if (picture !== undefined) follow.remark_pic_mediaid = picture;
	// WeCom: remark_mobiles replaces the old ones; [""] clears them.
	if (Array.isArray(mobiles)) follow.remark_mobiles = (mobiles as string[]).filter((m) => m !== '');
	return ok();
}

export const customerListRoutes: RouteTable = {
	'/cgi-bin/externalcontact/batch/get_by_user': post(({ state, body }) =>
		batchGetByUser(state, body),
	),
	'/cgi-bin/externalcontact/remark': post(({ state, body }) => remark(state, body)),
};

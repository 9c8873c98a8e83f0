/**
 * 客户群 (groupchat/list, groupchat/get, opengid_to_chatid) and 「加入群聊」
 * (groupchat/add_join_way, get_join_way, update_join_way, del_join_way), with the rules of WeCom's
 * pages 92120, 92122, 94822 and 92229; plus a control endpoint that plays a customer joining a group
 * through a join way (the member keeps the way's state, and WeCom sends change_external_chat).
 */
import { randomBytes } from 'node:crypto';
import { buildCallback, postCallback } from '../callback/emitter';
import { chatEvent } from '../callback/events';
import type { GroupChat, JoinWay } from '../groupChats';
import { fail, ok, post, type RouteContext, type RouteResult, type RouteTable } from '../route';
import type { SandboxState } from '../state';
import { isObject, optionalInt, optionalString, requiredString, stringArray } from '../validate';

export const GROUP_LIST_MAX = 1000;
export const OWNER_FILTER_MAX = 100;
export const JOIN_WAY_MAX_CHATS = 5;
export const JOIN_WAY_TEXT_MAX = 30;

function cursorOffset(cursor: string | undefined): number {
	if (!cursor) return 0;
	const m = /^g(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
	return m ? Number(m[1]) : fail(40058, 'invalid parameter: cursor');
}

function listGroups(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const status = optionalInt(body, 'status_filter') ?? 0;
	if (![0, 1, 2, 3].includes(status)) fail(40058, 'invalid parameter: status_filter');
	const limit = optionalInt(body, 'limit') ?? fail(40058, 'limit missing');
	if (limit < 1 || limit > GROUP_LIST_MAX)
		fail(40058, `invalid parameter: limit must be 1..${GROUP_LIST_MAX}`);
	let owners: string[] = [];
	if (body.owner_filter !== undefined) {
		if (!isObject(body.owner_filter)) fail(40058, 'invalid parameter: owner_filter');
		owners = stringArray(body.owner_filter, 'userid_list', OWNER_FILTER_MAX);
	}
	const all = [...state.groupChats.chats.values()].filter(
		(chat) =>
			(status === 0 || chat.status === status) &&
			(owners.length === 0 || owners.includes(chat.owner)),
	);
	const offset = cursorOffset(optionalString(body, 'cursor'));
	const page = all.slice(offset, offset + limit);
	const next = offset + page.length;
	return ok({
		group_chat_list: page.map(({ chat_id, status: s }) => ({ chat_id, status: s })),
		...(next < all.length ? { next_cursor: Buffer.from(`g${next}`).toString('base64url') } : {}),
	});
}

function knownChat(state: SandboxState, chatId: string): GroupChat {
	return state.groupChats.chats.get(chatId) ?? fail(40050, `chatid not exist: ${chatId}`);
}

function getGroup(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const chat = knownChat(state, requiredString(body, 'chat_id'));
	const needName = optionalInt(body, 'need_name') ?? 0;
	if (needName !== 0 && needName !== 1) fail(40058, 'invalid parameter: need_name');
	const { status: _status, ...group } = chat;
	// Member names (name) only when asked for with need_name = 1.
	const member_list = chat.member_list.map(({ name, ...m }) =>
		needName === 1 ? { ...m, name } : m,
	);
	return ok({
		group_chat: { ...group, member_list, member_version: String(chat.member_list.length) },
	});
}

function joinWayText(body: Record<string, unknown>, field: string): string | undefined {
	const value = optionalString(body, field);
	if (value !== undefined && [...value].length > JOIN_WAY_TEXT_MAX)
		fail(40058, `invalid parameter: ${field} exceeds ${JOIN_WAY_TEXT_MAX} characters`);
	return value;
}

function joinWayFields(
	state: SandboxState,
	body: Record<string, unknown>,
	current?: JoinWay,
): Omit<JoinWay, 'config_id' | 'qr_code'> {
	const scene = optionalInt(body, 'scene') ?? current?.scene ?? fail(40058, 'scene missing');
	if (scene !== 1 && scene !== 2) fail(40058, 'invalid parameter: scene');
	const chats =
		body.chat_id_list === undefined && current
			? current.chat_id_list
			: stringArray(body, 'chat_id_list', JOIN_WAY_MAX_CHATS);
	if (chats.length === 0) fail(40058, 'chat_id_list missing');
	for (const id of chats) knownChat(state, id);
	const autoCreate = optionalInt(body, 'auto_create_room') ?? current?.auto_create_room ?? 1;
	if (autoCreate !== 0 && autoCreate !== 1) fail(40058, 'invalid parameter: auto_create_room');
	return {
		scene,
		remark: joinWayText(body, 'remark') ?? current?.remark ?? '',
		auto_create_room: autoCreate,
		room_base_name: optionalString(body, 'room_base_name') ?? current?.room_base_name ?? '',
		room_base_id: optionalInt(body, 'room_base_id') ?? current?.room_base_id ?? 0,
		chat_id_list: chats,
		state: joinWayText(body, 'state') ?? current?.state ?? '',
	};
}

function knownJoinWay(state: SandboxState, body: Record<string, unknown>): JoinWay {
	const id = requiredString(body, 'config_id');
	return state.groupChats.joinWays.get(id) ?? fail(41044, `invalid config_id: ${id}`);
}

function addJoinWay(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const fields = joinWayFields(state, body);
	const config_id = `jw${randomBytes(15).toString('hex')}`;
	// The QR code is made when the way is created; get_join_way returns it (scene 2).
	state.groupChats.joinWays.set(config_id, {
		...fields,
		config_id,
		...(fields.scene === 2
			? { qr_code: `https://wework.qpic.cn/wwpic/sandbox_${config_id}/0` }
			: {}),
	});
	return ok({ config_id });
}

/**
 * POST /__sandbox/join-group {configId, url}: a new customer joins the way's first group by its QR
 * code; groupchat/get then shows the member with the way's state, and the callback goes to `url`.
 */
async function join({ state, sandbox, body }: RouteContext): Promise<RouteResult> {
	const url = typeof body.url === 'string' ? body.url : '';
	if (!url) throw new Error('url is required');
	const way = state.groupChats.joinWays.get(typeof body.configId === 'string' ? body.configId : '');
	if (!way) throw new Error(`no join way ${String(body.configId)}`);
	const chat = knownChat(state, way.chat_id_list[0]);
	state.groupChats.joins++;
	const userid = `wmSandboxJoin${String(state.groupChats.joins).padStart(17, '0')}`;
	chat.member_list.push({
		userid,
		type: 2,
		join_time: Math.floor(Date.now() / 1000),
		join_scene: 3,
		group_nickname: '',
		name: `入群客户${state.groupChats.joins}`,
		state: way.state,
	});
	const event = chatEvent(sandbox.config.corpId, 'update', {
		chatId: chat.chat_id,
		updateDetail: 'add_member',
		joinScene: 3,
		members: [userid],
	});
	const delivered = await postCallback(url, buildCallback(sandbox.config, event));
	return { json: { ...delivered, event } };
}

export const customerGroupRoutes: RouteTable = {
	'/cgi-bin/externalcontact/groupchat/list': post(({ state, body }) => listGroups(state, body)),
	'/cgi-bin/externalcontact/groupchat/get': post(({ state, body }) => getGroup(state, body)),
	'/cgi-bin/externalcontact/opengid_to_chatid': post(({ state, body }) => {
		const opengid = requiredString(body, 'opengid');
		return ok({
			chat_id: state.groupChats.opengids.get(opengid) ?? fail(40058, `invalid opengid: ${opengid}`),
		});
	}),
	'/cgi-bin/externalcontact/groupchat/add_join_way': post(({ state, body }) =>
		addJoinWay(state, body),
	),
	'/cgi-bin/externalcontact/groupchat/get_join_way': post(({ state, body }) => {
		const way = knownJoinWay(state, body);
		return ok({ join_way: way });
	}),
	'/cgi-bin/externalcontact/groupchat/update_join_way': post(({ state, body }) => {
		const way = knownJoinWay(state, body);
		// Like add_join_way, the update names the scene and the groups every time.
		if (body.scene === undefined) fail(40058, 'scene missing');
		if (body.chat_id_list === undefined) fail(40058, 'chat_id_list missing');
		state.groupChats.joinWays.set(way.config_id, { ...way, ...joinWayFields(state, body, way) });
		return ok();
	}),
	'/cgi-bin/externalcontact/groupchat/del_join_way': post(({ state, body }) => {
		state.groupChats.joinWays.delete(knownJoinWay(state, body).config_id);
		return ok();
	}),
	'/__sandbox/join-group': { method: 'POST', auth: false, body: 'json', handle: join },
};

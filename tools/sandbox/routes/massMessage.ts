/** add_msg_template–get_groupmsg_send_result: create, remind, cancel and the three listing APIs of 企业群发. */
import { MEMBERS } from '../members';
import { fail, ok, post, type RouteTable } from '../route';
import {
	ListAudience,
	memberSendTime,
	randomId,
	resultStatus,
	shortHash,
	type MassMessage,
	type SandboxState,
} from '../state';
import {
	attachments,
	isObject,
	optionalInt,
	optionalString,
	requiredString,
	stringArray,
	textContent,
} from '../validate';

const MONTH_SECONDS = 31 * 86400;
const DAY_MS = 86400 * 1000;

/** Customers the sandbox pretends exist: WeCom ids start with wm/wo. */
export function isKnownCustomer(id: string): boolean {
	return (id.startsWith('wm') || id.startsWith('wo')) && !id.includes('unknown');
}

function encodeCursor(offset: number): string {
	return Buffer.from(`o${offset}`).toString('base64url');
}

function decodeCursor(body: Record<string, unknown>): number {
	const c = body.cursor;
	if (c === undefined || c === null || c === '') return 0;
	const m = typeof c === 'string' ? /^o(\d+)$/.exec(Buffer.from(c, 'base64url').toString()) : null;
	return m ? Number(m[1]) : fail(40058, 'invalid parameter: cursor');
}

/** WeCom silently falls back to the default for limits above the maximum. */
function pageLimit(body: Record<string, unknown>, def: number, max: number): number {
	const n = optionalInt(body, 'limit');
	return n === undefined || n <= 0 || n > max ? def : n;
}

function page<T>(
	total: number,
	offset: number,
	limit: number,
	at: (i: number) => T,
): { items: T[]; next_cursor: string } {
	const end = Math.min(total, offset + limit);
	const items: T[] = [];
	for (let i = offset; i < end; i++) items.push(at(i));
	return { items, next_cursor: end < total ? encodeCursor(end) : '' };
}

function knownMessage(state: SandboxState, body: Record<string, unknown>): MassMessage {
	const msgid = requiredString(body, 'msgid');
	return state.messages.get(msgid) ?? fail(40058, 'invalid msgid');
}

function generated(prefix: string, seed: string, n: number): string[] {
	return Array.from({ length: n }, (_, i) => `${prefix}${shortHash(seed + i, 20)}`);
}

function spreadOverMembers(customers: string[]): Array<[string, string[]]> {
	const buckets = new Map<string, string[]>(MEMBERS.map((m) => [m, []]));
	for (const c of customers)
		buckets.get(MEMBERS[parseInt(shortHash(c, 8), 16) % MEMBERS.length])!.push(c);
	return [...buckets].filter(([, list]) => list.length > 0);
}

function addMsgTemplate(state: SandboxState, body: Record<string, unknown>) {
	const chatType = optionalString(body, 'chat_type') ?? 'single';
	if (chatType !== 'single' && chatType !== 'group') fail(40058, 'invalid parameter: chat_type');
	const sender = optionalString(body, 'sender');
	if (body.allow_select !== undefined && typeof body.allow_select !== 'boolean')
		fail(40058, 'invalid parameter: allow_select');
	const text = textContent(body.text, 4000);
	const atts = attachments(state, body.attachments);
	if (text === undefined && atts.length === 0)
		fail(40058, 'invalid parameter: text and attachments cannot both be empty');

	const msgid = randomId('msg', 26);
	let byMember: Array<[string, string[]]>;
	let failList: string[] = [];
	if (chatType === 'group') {
		if (!sender) fail(40058, 'sender missing');
		const chats = stringArray(body, 'chat_id_list', 2000);
		byMember = [[sender, chats.length > 0 ? chats : generated('wr', msgid, 3)]];
	} else {
		const customers = stringArray(body, 'external_userid', 10000);
		const tagFilter = tagFilterGiven(body.tag_filter);
		if (!sender && customers.length === 0 && !tagFilter)
			fail(40058, 'sender or external_userid missing');
		const valid = customers.filter(isKnownCustomer);
		failList = customers.filter((c) => !isKnownCustomer(c));
		if (customers.length > 0 && valid.length === 0 && !sender && !tagFilter)
			fail(41048, 'no customer can receive this message: every external_userid is invalid');
		// Without explicit customers WeCom picks them (all of the sender's, or by tag): invent a few.
		const targets = valid.length > 0 ? valid : generated('wm', msgid, sender ? 5 : 6);
		byMember = sender ? [[sender, targets]] : spreadOverMembers(targets);
	}
	state.addMessage({
		msgid,
		chatType,
		creator: sender ?? 'admin',
		createTime: Math.floor(Date.now() / 1000),
		createType: 0,
		text: text === undefined ? undefined : { content: text },
		attachments: atts,
		legacy: false,
		audience: new ListAudience(byMember),
		sentAt: new Map(),
		reminders: [],
	});
	return ok({ fail_list: failList, msgid });
}

function tagFilterGiven(v: unknown): boolean {
	if (v === undefined || v === null) return false;
	if (!isObject(v) || !Array.isArray(v.group_list)) fail(40058, 'invalid parameter: tag_filter');
	for (const g of v.group_list as unknown[]) {
		if (!isObject(g) || !Array.isArray(g.tag_list) || g.tag_list.some((t) => typeof t !== 'string'))
			fail(40058, 'invalid parameter: tag_filter.group_list');
	}
	return (v.group_list as unknown[]).length > 0;
}

function listV2(state: SandboxState, body: Record<string, unknown>) {
	const chatType = optionalString(body, 'chat_type') ?? fail(40058, 'chat_type missing');
	if (chatType !== 'single' && chatType !== 'group') fail(40058, 'invalid parameter: chat_type');
	const start = optionalInt(body, 'start_time') ?? fail(40058, 'start_time missing');
	const end = optionalInt(body, 'end_time') ?? fail(40058, 'end_time missing');
	if (end < start) fail(40058, 'invalid parameter: end_time is before start_time');
	if (end - start > MONTH_SECONDS) fail(40058, 'time range exceeds one month');
	const creator = optionalString(body, 'creator');
	const filterType = optionalInt(body, 'filter_type') ?? 2;
	if (filterType < 0 || filterType > 2) fail(40058, 'invalid parameter: filter_type');
	const limit = pageLimit(body, 50, 100);
	const offset = decodeCursor(body);

	const found = [...state.messages.values()]
		.filter(
			(m) =>
				m.chatType === chatType &&
				m.createTime >= start &&
				m.createTime <= end &&
				(creator === undefined || m.creator === creator) &&
				(filterType === 2 || m.createType === filterType),
		)
		.sort((a, b) => a.createTime - b.createTime || (a.msgid < b.msgid ? -1 : 1));
	const { items, next_cursor } = page(found.length, offset, limit, (i) => {
		const m = found[i];
		return {
			msgid: m.msgid,
			creator: m.creator,
			create_time: m.createTime,
			create_type: m.createType,
			...(m.text ? { text: { content: m.text.content } } : {}),
			attachments: m.attachments,
		};
	});
	return ok({ next_cursor, group_msg_list: items });
}

function taskList(state: SandboxState, body: Record<string, unknown>) {
	const msg = knownMessage(state, body);
	if (msg.legacy)
		fail(40058, 'invalid msgid: messages created before 2020-11-17 have no task list');
	const limit = pageLimit(body, 500, 1000);
	const { items, next_cursor } = page(
		msg.audience.memberCount(),
		decodeCursor(body),
		limit,
		(i) => {
			const userid = msg.audience.memberAt(i);
			const sendTime = memberSendTime(msg, userid);
			return { userid, status: sendTime ? 2 : 0, send_time: sendTime };
		},
	);
	return ok({ next_cursor, task_list: items });
}

function sendResult(state: SandboxState, body: Record<string, unknown>) {
	const msg = knownMessage(state, body);
	const userid = requiredString(body, 'userid');
	const limit = pageLimit(body, 500, 1000);
	const offset = decodeCursor(body);
	const member = msg.audience.memberIndex(userid);
	if (member < 0) return ok({ next_cursor: '', send_list: [] });
	const sendTime = memberSendTime(msg, userid);
	const key = msg.chatType === 'group' ? 'chat_id' : 'external_userid';
	const { items, next_cursor } = page(msg.audience.targetCount(member), offset, limit, (n) => {
		const status = sendTime ? resultStatus(member, n) : 0;
		return {
			[key]: msg.audience.targetAt(member, n),
			userid,
			status,
			send_time: status === 1 ? sendTime : 0,
		};
	});
	return ok({ next_cursor, send_list: items });
}

export const massMessageRoutes: RouteTable = {
	'/cgi-bin/externalcontact/add_msg_template': post(({ state, body }) =>
		addMsgTemplate(state, body),
	),
	'/cgi-bin/externalcontact/remind_groupmsg_send': post(({ state, body }) => {
		const msg = knownMessage(state, body);
		const now = Date.now();
		msg.reminders = msg.reminders.filter((t) => now - t < DAY_MS);
		if (msg.reminders.length >= 3)
			fail(45009, 'api freq out of limit: remind at most 3 times per 24 hours for one msgid');
		msg.reminders.push(now);
		return ok();
	}),
	'/cgi-bin/externalcontact/cancel_groupmsg_send': post(({ state, body }) => {
		const msg = knownMessage(state, body);
		msg.canceledAt ??= Date.now();
		return ok();
	}),
	'/cgi-bin/externalcontact/get_groupmsg_list_v2': post(({ state, body }) => listV2(state, body)),
	'/cgi-bin/externalcontact/get_groupmsg_task': post(({ state, body }) => taskList(state, body)),
	'/cgi-bin/externalcontact/get_groupmsg_send_result': post(({ state, body }) =>
		sendResult(state, body),
	),
};

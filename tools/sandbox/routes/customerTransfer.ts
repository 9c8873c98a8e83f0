/**
 * 客户继承: transfer_customer and resigned/transfer_customer (pages 92125, 94081), transfer_result
 * and resigned/transfer_result (94088, 94082), groupchat/onjob_transfer and groupchat/transfer
 * (95703, 92127), get_unassigned_list (92124), with the limits those pages state.
 */
import { fail, ok, post, type RouteResult, type RouteTable } from '../route';
import type { SandboxState } from '../state';
import { optionalInt, optionalString, requiredString, stringArray } from '../validate';

export const TRANSFER_CUSTOMERS_MAX = 100;
export const TRANSFER_MESSAGE_MAX = 200;
export const TRANSFER_GROUPS_MAX = 100;
export const UNASSIGNED_PAGE_MAX = 1000;
/** Transfer results come in pages of this many (WeCom sets the size; the request has no limit). */
export const TRANSFER_RESULT_PAGE = 100;

function members(body: Record<string, unknown>): { handover: string; takeover: string } {
	const handover = requiredString(body, 'handover_userid');
	const takeover = requiredString(body, 'takeover_userid');
	if (handover === takeover)
		fail(40058, 'invalid parameter: takeover_userid equals handover_userid');
	return { handover, takeover };
}

function transferCustomers(
	state: SandboxState,
	body: Record<string, unknown>,
	resigned: boolean,
): RouteResult {
	const { handover, takeover } = members(body);
	const ids = stringArray(body, 'external_userid', TRANSFER_CUSTOMERS_MAX);
	if (ids.length === 0) fail(40058, 'external_userid missing');
	const message = optionalString(body, 'transfer_success_msg');
	if (resigned && message !== undefined)
		fail(40058, 'invalid parameter: transfer_success_msg (only for members who stay)');
	if (message !== undefined && [...message].length > TRANSFER_MESSAGE_MAX)
		fail(40058, `transfer_success_msg exceeds ${TRANSFER_MESSAGE_MAX} characters`);
	const book = state.transfers;
	// resigned/transfer_customer: "handover_userid必须是已离职用户"; the members who stay use transfer_customer.
	if (resigned !== book.isResigned(handover))
		fail(
			40003,
			`invalid userid: handover_userid ${resigned ? 'has not left' : 'has left; use resigned/transfer_customer'}`,
		);
	if (book.isResigned(takeover)) fail(40003, 'invalid userid: takeover_userid has left');
	const now = Math.floor(Date.now() / 1000);
	const customer = ids.map((external_userid) => {
		const isCustomer = resigned
			? book.unassigned.some(
					(u) => u.handover_userid === handover && u.external_userid === external_userid,
				)
			: state.contacts.customers.get(external_userid)?.followers.has(handover) === true;
		if (!isCustomer) return { external_userid, errcode: 40096 };
		if (book.pending(external_userid)) return { external_userid, errcode: 40129 };
		book.records.push({
			handover,
			takeover,
			resigned,
			external_userid,
			status: 2,
			takeover_time: now + 86400,
			polls: 0,
		});
		if (resigned)
			book.unassigned = book.unassigned.filter((u) => u.external_userid !== external_userid);
		return { external_userid, errcode: 0 };
	});
	return ok({ customer });
}

function cursorOffset(cursor: string | undefined, prefix: string): number {
	if (!cursor) return 0;
	const m = new RegExp(`^${prefix}(\\d+)$`).exec(Buffer.from(cursor, 'base64url').toString());
	return m ? Number(m[1]) : fail(40058, 'invalid parameter: cursor');
}

function transferResult(
	state: SandboxState,
	body: Record<string, unknown>,
	resigned: boolean,
): RouteResult {
	const { handover, takeover } = members(body);
	const offset = cursorOffset(optionalString(body, 'cursor'), 't');
	// Only a first read counts as a poll, so reading the pages of one answer does not finish transfers.
	const all =
		offset === 0
			? state.transfers.read(handover, takeover, resigned, Math.floor(Date.now() / 1000))
			: state.transfers.records.filter(
					(r) => r.handover === handover && r.takeover === takeover && r.resigned === resigned,
				);
	const page = all.slice(offset, offset + TRANSFER_RESULT_PAGE);
	const next = offset + page.length;
	return ok({
		customer: page.map(({ external_userid, status, takeover_time }) => ({
			external_userid,
			status,
			takeover_time,
		})),
		...(next < all.length ? { next_cursor: Buffer.from(`t${next}`).toString('base64url') } : {}),
	});
}

function transferGroups(
	state: SandboxState,
	body: Record<string, unknown>,
	resigned: boolean,
): RouteResult {
	const chatIds = stringArray(body, 'chat_id_list', TRANSFER_GROUPS_MAX);
	if (chatIds.length === 0) fail(40058, 'chat_id_list missing');
	const newOwner = requiredString(body, 'new_owner');
	if (state.transfers.isResigned(newOwner)) fail(40003, 'invalid userid: new_owner has left');
	const failed_chat_list: Array<{ chat_id: string; errcode: number; errmsg: string }> = [];
	for (const chatId of chatIds) {
		const chat = state.groupChats.chats.get(chatId);
		if (!chat) {
			failed_chat_list.push({
				chat_id: chatId,
				errcode: 90501,
				errmsg: 'chat is not external group chat',
			});
			continue;
		}
		const ownerLeft = state.transfers.isResigned(chat.owner);
		if (ownerLeft !== resigned) {
			failed_chat_list.push({
				chat_id: chatId,
				errcode: 40003,
				errmsg: ownerLeft
					? 'owner has left: use groupchat/transfer'
					: 'owner has not left: use groupchat/onjob_transfer',
			});
			continue;
		}
		if (!resigned) {
			// "90个自然日内，在职成员的每个客户群仅可被转接2次" (page 95703).
			const times = state.transfers.groupTransfers.get(chatId) ?? 0;
			if (times >= 2) {
				failed_chat_list.push({
					chat_id: chatId,
					errcode: 40058,
					errmsg: 'group already transferred twice in 90 days',
				});
				continue;
			}
			state.transfers.groupTransfers.set(chatId, times + 1);
		}
		chat.owner = newOwner;
		if (resigned) chat.status = 3;
	}
	return ok({ failed_chat_list });
}

function unassignedList(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const pageSize = optionalInt(body, 'page_size') ?? 1000;
	if (pageSize < 1 || pageSize > UNASSIGNED_PAGE_MAX)
		fail(40058, `invalid parameter: page_size must be 1..${UNASSIGNED_PAGE_MAX}`);
	if (body.page_id !== undefined) fail(40058, 'invalid parameter: page_id is replaced by cursor');
	const all = state.transfers.unassigned;
	const offset = cursorOffset(optionalString(body, 'cursor'), 'u');
	const info = all.slice(offset, offset + pageSize);
	const next = offset + info.length;
	const isLast = next >= all.length;
	return ok({
		info,
		is_last: isLast,
		next_cursor: isLast ? '' : Buffer.from(`u${next}`).toString('base64url'),
	});
}

export const customerTransferRoutes: RouteTable = {
	'/cgi-bin/externalcontact/transfer_customer': post(({ state, body }) =>
		transferCustomers(state, body, false),
	),
	'/cgi-bin/externalcontact/resigned/transfer_customer': post(({ state, body }) =>
		transferCustomers(state, body, true),
	),
	'/cgi-bin/externalcontact/transfer_result': post(({ state, body }) =>
		transferResult(state, body, false),
	),
	'/cgi-bin/externalcontact/resigned/transfer_result': post(({ state, body }) =>
		transferResult(state, body, true),
	),
	'/cgi-bin/externalcontact/groupchat/onjob_transfer': post(({ state, body }) =>
		transferGroups(state, body, false),
	),
	'/cgi-bin/externalcontact/groupchat/transfer': post(({ state, body }) =>
		transferGroups(state, body, true),
	),
	'/cgi-bin/externalcontact/get_unassigned_list': post(({ state, body }) =>
		unassignedList(state, body),
	),
};

import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { weComApiRequest } from '../../shared/transport/request';
import { GET_GROUP, LIST_GROUPS } from '../actions/customerGroup/apis';

/** Groups per editor page: each costs one groupchat/get for its name and owner. */
const PAGE_SIZE = 20;
/** With a search text, pages without a match are skipped, up to this many per request. */
const MAX_PAGES_PER_SEARCH = 10;

/**
 * Customer groups (客户群) for the "From List" pickers, shown as "name · owner" and saved as the
 * chat ID. groupchat/list gives chat IDs only, so each shown group is read with groupchat/get;
 * WeCom's cursor is the editor's pagination token.
 */
export async function searchCustomerGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	let cursor = paginationToken ?? '';
	for (let page = 0; page < MAX_PAGES_PER_SEARCH; page++) {
		const response = await weComApiRequest.call(this, {
			api: LIST_GROUPS,
			body: { status_filter: 0, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
		});
		const chats = (response.group_chat_list as IDataObject[] | undefined) ?? [];
		const details = await Promise.all(
			chats.map(async (chat) => {
				const read = await weComApiRequest.call(this, {
					api: GET_GROUP,
					body: { chat_id: chat.chat_id, need_name: 0 },
				});
				return (read.group_chat as IDataObject | undefined) ?? { chat_id: chat.chat_id };
			}),
		);
		for (const group of details) {
			const chatId = String(group.chat_id ?? '');
			const name = String(group.name ?? '') || '(unnamed group)';
			const owner = String(group.owner ?? '');
			if (needle && ![chatId, name, owner].some((text) => text.toLowerCase().includes(needle)))
				continue;
			results.push({ name: owner ? `${name} · ${owner}` : name, value: chatId });
		}
		cursor = String(response.next_cursor ?? '');
		if (!cursor || !needle || results.length > 0) break;
	}
	return { results, ...(cursor ? { paginationToken: cursor } : {}) };
}

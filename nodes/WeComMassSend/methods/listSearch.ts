import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { weComApiRequest } from '../../shared/transport/request';

/** WeCom returns every member at once; the editor gets them a page at a time. */
const PAGE_SIZE = 100;

/**
 * Members configured for 客户联系 (get_follow_user_list), the only members a mass message can be
 * sent by. WeCom gives user IDs only, so the search matches the ID, ignoring case.
 */
export async function searchMembers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const response = await weComApiRequest.call(this, { endpoint: 'listFollowUsers' });
	const members = Array.isArray(response.follow_user) ? response.follow_user.map(String) : [];
	const needle = (filter ?? '').trim().toLowerCase();
	const matching = members
		.filter((userid) => needle === '' || userid.toLowerCase().includes(needle))
		.sort((a, b) => a.localeCompare(b));
	const offset = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const end = offset + PAGE_SIZE;
	return {
		results: matching.slice(offset, end).map((userid) => ({ name: userid, value: userid })),
		...(end < matching.length ? { paginationToken: String(end) } : {}),
	};
}

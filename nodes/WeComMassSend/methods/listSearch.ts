import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { wecomApi } from '../../shared/transport/api';
import { weComApiRequest } from '../../shared/transport/request';
import { memberLabel, memberNames } from './memberNames';

export const LIST_FOLLOW_USERS = wecomApi('GET', 'externalcontact/get_follow_user_list', {
	changesData: false,
});

/** WeCom returns every member at once; the editor gets them a page at a time. */
const PAGE_SIZE = 100;

/**
 * Members configured for 客户联系 (get_follow_user_list), the only members a mass message can be
 * sent by. WeCom gives user IDs only; names are added where the credential may read the directory
 * (memberNames.ts). The search matches the name or the ID, ignoring case.
 */
export async function searchMembers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const response = await weComApiRequest.call(this, { api: LIST_FOLLOW_USERS });
	const members = Array.isArray(response.follow_user) ? response.follow_user.map(String) : [];
	// After the member list, so its errors (48002, a wrong secret) reach the editor first.
	const names = await memberNames.call(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const matching = members
		.filter((userid) => needle === '' || memberLabel(userid, names).toLowerCase().includes(needle))
		.sort((a, b) => a.localeCompare(b));
	const offset = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const end = offset + PAGE_SIZE;
	return {
		results: matching
			.slice(offset, end)
			.map((userid) => ({ name: memberLabel(userid, names), value: userid })),
		...(end < matching.length ? { paginationToken: String(end) } : {}),
	};
}

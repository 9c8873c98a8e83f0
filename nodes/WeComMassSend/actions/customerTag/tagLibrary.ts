/** The corp tag library (企业标签库, get_corp_tag_list): read by Get Many and by the tag picker. */
import type { IDataObject } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import type { WeComContext } from '../../../shared/transport/context';
import { weComApiRequest } from '../../../shared/transport/request';

export const GET_CORP_TAG_LIST = wecomApi('POST', 'externalcontact/get_corp_tag_list', {
	changesData: false,
});

export interface TagFilter {
	tagIds?: string[];
	groupIds?: string[];
}

/** WeCom's tag groups, each with its tags; the whole library when no filter is given (one call, no paging). */
export async function readTagGroups(
	this: WeComContext,
	filter: TagFilter = {},
	itemIndex?: number,
): Promise<IDataObject[]> {
	// Both lists always go out, empty meaning "no filter" (page 92117): n8n's request helper would
	// send no body at all for {}, which is not the JSON body WeCom's POST APIs expect.
	const body: IDataObject = { tag_id: filter.tagIds ?? [], group_id: filter.groupIds ?? [] };
	const response = await weComApiRequest.call(this, {
		api: GET_CORP_TAG_LIST,
		body,
		...(itemIndex !== undefined ? { itemIndex } : {}),
	});
	return Array.isArray(response.tag_group) ? (response.tag_group as IDataObject[]) : [];
}

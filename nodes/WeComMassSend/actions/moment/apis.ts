/**
 * The 客户朋友圈 APIs the Moment resource reads, their page sizes, and page fetchers shaped for
 * `pages()` / `collectPages()`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import type { FetchPage } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';

export const LIST_MOMENTS = wecomApi('POST', 'externalcontact/get_moment_list', {
	changesData: false,
});
export const GET_MOMENT_TASKS = wecomApi('POST', 'externalcontact/get_moment_task', {
	changesData: false,
});
export const GET_MOMENT_CUSTOMERS = wecomApi('POST', 'externalcontact/get_moment_customer_list', {
	changesData: false,
});
export const GET_MOMENT_SEND_RESULTS = wecomApi('POST', 'externalcontact/get_moment_send_result', {
	changesData: false,
});
export const GET_MOMENT_COMMENTS = wecomApi('POST', 'externalcontact/get_moment_comments', {
	changesData: false,
});

/**
 * WeCom's maximum page sizes. Above them WeCom does not refuse but falls back to its default (20,
 * 500, 500, 3,000), so asking for more would silently cost more requests.
 */
export const LIST_PAGE_SIZE = 20;
export const TASK_PAGE_SIZE = 1000;
export const CUSTOMER_PAGE_SIZE = 1000;
export const SEND_RESULT_PAGE_SIZE = 5000;

type Api = typeof LIST_MOMENTS;

/** One cursor-paged moment API: `listKey` is the array WeCom answers with. */
export function momentPages(
	this: IExecuteFunctions,
	itemIndex: number,
	api: Api,
	query: IDataObject,
	listKey: string,
): FetchPage<IDataObject> {
	return async (cursor, limit) => {
		const body: IDataObject = { ...query, limit, ...(cursor ? { cursor } : {}) };
		const response = await weComApiRequest.call(this, { api, body, itemIndex });
		return {
			items: (response[listKey] as IDataObject[] | undefined) ?? [],
			nextCursor: String(response.next_cursor ?? ''),
		};
	};
}

/**
 * Page fetchers for the three listing APIs, shaped for `pages()` / `collectPages()`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FetchPage } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';
import { errcodeOf, explainApiError } from './apiErrors';

/** S4 answers at most 100 per page and silently falls back to 50 above that. */
export const LIST_PAGE_SIZE = 100;
/** S5 and S6 answer at most 1,000 per page (over that: their default, 500). */
export const TASK_PAGE_SIZE = 1000;

/** WeCom's "invalid parameter": for S5 it is what a message from before 2020-11-17 gets. */
const INVALID_PARAMETER = 40058;

export function massMessageListPages(this: IExecuteFunctions, itemIndex: number, query: IDataObject): FetchPage<IDataObject> {
	return async (cursor, limit) => {
		const body: IDataObject = { ...query, limit, ...(cursor ? { cursor } : {}) };
		const response = await weComApiRequest.call(this, { endpoint: 'listMassMessages', body, itemIndex });
		return { items: (response.group_msg_list as IDataObject[] | undefined) ?? [], nextCursor: String(response.next_cursor ?? '') };
	};
}

export function memberTaskPages(this: IExecuteFunctions, itemIndex: number, msgid: string): FetchPage<IDataObject> {
	return async (cursor, limit) => {
		let response;
		try {
			response = await weComApiRequest.call(this, {
				endpoint: 'getMemberTasks',
				body: { msgid, limit, ...(cursor ? { cursor } : {}) },
				itemIndex,
			});
		} catch (error) {
			throw explainLegacyMessage.call(this, error, itemIndex);
		}
		return { items: (response.task_list as IDataObject[] | undefined) ?? [], nextCursor: String(response.next_cursor ?? '') };
	};
}

export function sendResultPages(
	this: IExecuteFunctions,
	itemIndex: number,
	msgid: string,
	userid: string,
): FetchPage<IDataObject> {
	return async (cursor, limit) => {
		const response = await weComApiRequest.call(this, {
			endpoint: 'getSendResults',
			body: { msgid, userid, limit, ...(cursor ? { cursor } : {}) },
			itemIndex,
		});
		return { items: (response.send_list as IDataObject[] | undefined) ?? [], nextCursor: String(response.next_cursor ?? '') };
	};
}

/**
 * S5 knows nothing about messages created before 2020-11-17 (R7/G7). WeCom documents no errcode
 * for that case, so an "invalid parameter" is explained as a possibility, never as a fact.
 */
function explainLegacyMessage(this: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (errcodeOf(error) !== INVALID_PARAMETER) return explainApiError.call(this, error, itemIndex);
	return explainApiError.call(this, error, itemIndex, {
		message: 'if this message was created before 2020-11-17, WeCom keeps no member task list for it',
		description:
			'For messages created before 2020-11-17 use Get Send Results with each member’s user ID, or Get Report with Member User IDs filled in (both read get_groupmsg_send_result, which still works). Otherwise check the Message ID.',
		context: { mayBeLegacyMessage: true },
	});
}

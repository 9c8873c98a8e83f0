/**
 * Page fetchers for the three listing APIs, shaped for `pages()` / `collectPages()`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { errcodeOf, explainApiError } from '../../../shared/transport/apiError';
import type { FetchPage } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';

export const LIST_MASS_MESSAGES = wecomApi('POST', 'externalcontact/get_groupmsg_list_v2', {
	changesData: false,
});
export const GET_MEMBER_TASKS = wecomApi('POST', 'externalcontact/get_groupmsg_task', {
	changesData: false,
});
export const GET_SEND_RESULTS = wecomApi('POST', 'externalcontact/get_groupmsg_send_result', {
	changesData: false,
});

/** get_groupmsg_list_v2 answers at most 100 per page and silently falls back to 50 above that. */
export const LIST_PAGE_SIZE = 100;
/** get_groupmsg_task and get_groupmsg_send_result answer at most 1,000 per page (over that: 500). */
export const TASK_PAGE_SIZE = 1000;

/** WeCom's "invalid parameter": for get_groupmsg_task, what a message from before 2020-11-17 gets. */
const INVALID_PARAMETER = 40058;

export function massMessageListPages(
	this: IExecuteFunctions,
	itemIndex: number,
	query: IDataObject,
): FetchPage<IDataObject> {
	return async (cursor, limit) => {
		const body: IDataObject = { ...query, limit, ...(cursor ? { cursor } : {}) };
		const response = await weComApiRequest.call(this, { api: LIST_MASS_MESSAGES, body, itemIndex });
		return {
			items: (response.group_msg_list as IDataObject[] | undefined) ?? [],
			nextCursor: String(response.next_cursor ?? ''),
		};
	};
}

export function memberTaskPages(
	this: IExecuteFunctions,
	itemIndex: number,
	msgid: string,
): FetchPage<IDataObject> {
	return async (cursor, limit) => {
		let response;
		try {
			response = await weComApiRequest.call(this, {
				api: GET_MEMBER_TASKS,
				body: { msgid, limit, ...(cursor ? { cursor } : {}) },
				itemIndex,
			});
		} catch (error) {
			throw explainLegacyMessage.call(this, error, itemIndex);
		}
		return {
			items: (response.task_list as IDataObject[] | undefined) ?? [],
			nextCursor: String(response.next_cursor ?? ''),
		};
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
			api: GET_SEND_RESULTS,
			body: { msgid, userid, limit, ...(cursor ? { cursor } : {}) },
			itemIndex,
		});
		return {
			items: (response.send_list as IDataObject[] | undefined) ?? [],
			nextCursor: String(response.next_cursor ?? ''),
		};
	};
}

/**
 * get_groupmsg_task knows nothing about messages created before 2020-11-17. WeCom documents no errcode
 * for that case, so an "invalid parameter" is explained as a possibility, never as a fact.
 */
function explainLegacyMessage(this: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (errcodeOf(error) !== INVALID_PARAMETER) return explainApiError.call(this, error, itemIndex);
	return explainApiError.call(this, error, itemIndex, {
		message:
			'if this message was created before 2020-11-17, WeCom keeps no member task list for it',
		description:
			'For messages created before 2020-11-17 use Get Send Results with each member’s user ' +
			'ID, or Get Report with Members filled in (both read get_groupmsg_send_result, ' +
			'which still works). Otherwise check the Message ID.',
		context: { mayBeLegacyMessage: true },
	});
}

/**
 * Output shapes: WeCom's own field names, with a readable label next to every status code.
 */
import type { IDataObject } from 'n8n-workflow';

import { memberTaskStatusLabel, sendResultStatusLabel } from '../../validation/statusLabels';

export function memberTaskItem(msgid: string, task: IDataObject): IDataObject {
	return {
		msgid,
		userid: task.userid,
		status: task.status,
		statusLabel: memberTaskStatusLabel(task.status),
		send_time: task.send_time ?? 0,
	};
}

/**
 * get_groupmsg_send_result gives either external_userid (customer) or chat_id (group), never both. Both keys
 * are always present, the absent one null, so every item has the same columns downstream.
 */
export function sendResultItem(msgid: string, result: IDataObject): IDataObject {
	const chatId =
		typeof result.chat_id === 'string' && result.chat_id !== '' ? result.chat_id : null;
	const externalUserId =
		typeof result.external_userid === 'string' && result.external_userid !== ''
			? result.external_userid
			: null;
	return {
		msgid,
		userid: result.userid,
		targetType: chatId !== null ? 'group' : 'customer',
		external_userid: externalUserId,
		chat_id: chatId,
		status: result.status,
		statusLabel: sendResultStatusLabel(result.status),
		send_time: result.send_time ?? 0,
	};
}

/**
 * Sends add_msg_template once per batch of customers. A create is never repeated (a repeat would be a second
 * task), and when a later batch fails the batches already created are named, not redone.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chunk } from '../../../shared/idList';
import { wecomApi } from '../../../shared/transport/api';
import { explainApiError } from '../../../shared/transport/apiError';
import { weComApiRequest } from '../../../shared/transport/request';
import { MAX_CUSTOMERS_PER_TASK, type Audience } from './audience';

export const ADD_MSG_TEMPLATE = wecomApi('POST', 'externalcontact/add_msg_template', {
	changesData: true,
	repeatRisk: 'create a second task, and members would message the customers twice',
	answerField: 'msgid',
});

export async function createTasks(
	this: IExecuteFunctions,
	itemIndex: number,
	audience: Audience,
	content: IDataObject,
): Promise<IDataObject[]> {
	const batches =
		audience.customers.length > 0 ? chunk(audience.customers, MAX_CUSTOMERS_PER_TASK) : [[]];
	const created: IDataObject[] = [];
	for (let index = 0; index < batches.length; index++) {
		const customers = batches[index];
		const body: IDataObject = {
			...baseBody(audience),
			...(customers.length > 0 ? { external_userid: customers } : {}),
			...content,
		};
		let response;
		try {
			response = await weComApiRequest.call(this, { api: ADD_MSG_TEMPLATE, body, itemIndex });
		} catch (error) {
			throw created.length === 0
				? explainApiError.call(this, error, itemIndex)
				: partialFailure.call(this, error, itemIndex, created, index, batches);
		}
		const failList = Array.isArray(response.fail_list) ? (response.fail_list as string[]) : [];
		created.push({
			msgid: response.msgid,
			chat_type: audience.chatType,
			// Customers WeCom could not take; kept under WeCom's name and counted.
			fail_list: failList,
			failedCount: failList.length,
			batch: index + 1,
			batches: batches.length,
			...(audience.chatType === 'group'
				? { chatCount: audience.chatIds.length }
				: { customerCount: customers.length }),
		});
	}
	return created;
}

function baseBody(audience: Audience): IDataObject {
	return {
		chat_type: audience.chatType,
		...(audience.sender ? { sender: audience.sender } : {}),
		...(audience.chatIds.length > 0 ? { chat_id_list: audience.chatIds } : {}),
		...(audience.tagGroups.length > 0 ? { tag_filter: { group_list: audience.tagGroups } } : {}),
	};
}

function partialFailure(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	created: IDataObject[],
	failedIndex: number,
	batches: string[][],
) {
	const msgids = created.map((task) => String(task.msgid));
	const listed = created
		.map((task) => `batch ${String(task.batch)}: msgid ${String(task.msgid)}`)
		.join('; ');
	const firstOpen = failedIndex * MAX_CUSTOMERS_PER_TASK + 1;
	const total = batches.reduce((sum, batch) => sum + batch.length, 0);
	return explainApiError.call(this, error, itemIndex, {
		message: `batch ${failedIndex + 1} of ${batches.length} failed, later batches were not tried`,
		description:
			`Created before the failure and not sent again: ${listed}. ` +
			`Customers ${firstOpen}–${total} of the list (batch ${failedIndex + 1} onwards) may have no task. ` +
			'Rerunning this item as it is would message the customers of the created batches a ' +
			'second time; send only the remaining customers.',
		context: { createdMsgIds: msgids, failedBatch: failedIndex + 1, batches: batches.length },
	});
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pages } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { RESULT_ONJOB, RESULT_RESIGNED } from './apis';
import {
	handoverField,
	memberStatusField,
	readMembers,
	readMemberStatus,
	takeoverField,
} from './handover.description';

export const operation = defineOperation({
	value: 'getTransferResults',
	name: 'Get Transfer Results',
	action: 'Get the results of customer transfers',
	description:
		'Which customers the takeover member has, is waiting for, or did not get (查询客户接替状态, transfer_result, resigned/transfer_result)',
	calls: [RESULT_ONJOB, RESULT_RESIGNED],
	properties: [memberStatusField, handoverField, takeoverField, ...returnAllOrLimit],
	execute,
});

/** transfer_result status, named for filters in the next node. */
const STATUS_NAMES: Record<number, string> = {
	1: 'transferred', // 接替完毕
	2: 'waiting', // 等待接替
	3: 'refusedByCustomer', // 客户拒绝
	4: 'takeoverLimitReached', // 接替成员客户达到上限
	5: 'noTransfer', // 无接替记录
};

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const resigned = readMemberStatus.call(this, itemIndex);
	const { handover, takeover } = readMembers.call(this, itemIndex);
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const api = resigned ? RESULT_RESIGNED : RESULT_ONJOB;
	// The API takes no page size: WeCom decides it, and a Limit only stops reading early.
	const fetchPage = async (cursor: string) => {
		const body: IDataObject = {
			handover_userid: handover,
			takeover_userid: takeover,
			...(cursor ? { cursor } : {}),
		};
		const response = await weComApiRequest.call(this, { api, body, itemIndex });
		return {
			items: Array.isArray(response.customer) ? (response.customer as IDataObject[]) : [],
			nextCursor: String(response.next_cursor ?? ''),
		};
	};
	const output: IDataObject[] = [];
	for await (const page of pages(fetchPage, { maxPageSize: Number.MAX_SAFE_INTEGER, limit })) {
		for (const customer of page) {
			const status = Number(customer.status ?? 0);
			output.push({
				external_userid: String(customer.external_userid ?? ''),
				handover_userid: handover,
				takeover_userid: takeover,
				status,
				statusName: STATUS_NAMES[status] ?? 'unknown',
				takeover_time: Number(customer.takeover_time ?? 0),
			});
		}
	}
	return output;
}

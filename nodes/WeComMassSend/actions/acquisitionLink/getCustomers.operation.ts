import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pages } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { LINK_CUSTOMERS, LINK_CUSTOMERS_PAGE } from './apis';
import { linkIdField } from './linkFields';

export const operation = defineOperation({
	value: 'getCustomers',
	name: 'Get Customers',
	action: 'Get the customers of an acquisition link',
	description:
		'The customers who added a member through a link (获取由获客链接添加的客户信息, customer_acquisition/customer)',
	calls: [LINK_CUSTOMERS],
	properties: [linkIdField, ...returnAllOrLimit],
	execute,
});

/** chat_status, named for filters in the next node. */
const CHAT_STATUS: Record<number, string> = { 0: 'notWritten', 1: 'written', 2: 'unknown' };

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const link_id = requiredString.call(this, 'linkId', 'Link ID', itemIndex);
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const fetchPage = async (cursor: string, pageSize: number) => {
		const response = await weComApiRequest.call(this, {
			api: LINK_CUSTOMERS,
			body: { link_id, limit: pageSize, ...(cursor ? { cursor } : {}) },
			itemIndex,
		});
		return {
			items: Array.isArray(response.customer_list) ? (response.customer_list as IDataObject[]) : [],
			nextCursor: String(response.next_cursor ?? ''),
		};
	};
	const output: IDataObject[] = [];
	for await (const page of pages(fetchPage, { maxPageSize: LINK_CUSTOMERS_PAGE, limit })) {
		for (const customer of page) {
			const chatStatus = Number(customer.chat_status ?? 0);
			output.push({
				link_id,
				external_userid: String(customer.external_userid ?? ''),
				userid: String(customer.userid ?? ''),
				chat_status: chatStatus,
				chatStatusName: CHAT_STATUS[chatStatus] ?? 'unknown',
				state: String(customer.state ?? ''),
			});
		}
	}
	return output;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pages } from '../../../shared/transport/paginate';
import { monthWindows } from '../../validation/timeWindow';
import { invalidField } from '../common/fields';
import { readTimeRange } from '../common/timeRange';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { LIST_MASS_MESSAGES, LIST_PAGE_SIZE, massMessageListPages } from './readers';

const properties: INodeProperties[] = [
	{
		displayName: 'Send To',
		name: 'chatType',
		type: 'options',
		required: true,
		options: [
			{
				name: 'Customers',
				value: 'single',
				description: 'Messages to individual customers (chat_type single)',
			},
			{
				name: 'Customer Groups',
				value: 'group',
				description: 'Messages to customer groups (chat_type group)',
			},
		],
		default: 'single',
		description:
			'List the mass messages sent to customers or to customer groups (chat_type); WeCom requires it for this API (获取群发记录列表)',
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Messages created at or after this time. Expressions may also give Unix seconds or an ISO 8601 string.',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
		hint:
			'Ranges longer than one month are read month by month and joined, oldest first; at most ' +
			'366 days per run',
		description:
			'Messages created at or before this time. Expressions may also give Unix seconds or an ' +
			'ISO 8601 string.',
	},
	{
		displayName: 'Created By',
		name: 'filterType',
		type: 'options',
		options: [
			{ name: 'Company (企业发表)', value: 0 },
			{ name: 'Members (个人发表)', value: 1 },
			{ name: 'Both', value: 2 },
		],
		default: 2,
		description:
			'Whether to list messages created by the company, by members themselves, or both (filter_type)',
	},
	{
		displayName: 'Created By Member',
		name: 'creator',
		type: 'string',
		default: '',
		placeholder: 'zhangsan',
		description: 'Only messages created by this member (成员 UserID, creator); empty for all',
	},
	...returnAllOrLimit,
];

export const operation = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many mass messages',
	description:
		'List mass messages created in a time range (获取群发记录列表, get_groupmsg_list_v2)',
	calls: [LIST_MASS_MESSAGES],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const chatType = String(this.getNodeParameter('chatType', itemIndex, ''));
	if (chatType !== 'single' && chatType !== 'group') {
		throw invalidField(
			this,
			itemIndex,
			'chatType',
			'"Send To" must be single or group; WeCom requires it for listing',
		);
	}
	const { start, end } = readTimeRange.call(this, itemIndex, 'get_groupmsg_list_v2');
	const creator = String(this.getNodeParameter('creator', itemIndex, '') ?? '').trim();
	const filterType = Number(this.getNodeParameter('filterType', itemIndex, 2));
	if (![0, 1, 2].includes(filterType)) {
		throw invalidField(
			this,
			itemIndex,
			'filterType',
			'"Created By" must be 0 (company), 1 (members) or 2 (both)',
		);
	}
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));

	const output: IDataObject[] = [];
	// Oldest window first, so the joined list stays in creation order and a Limit keeps the oldest.
	for (const window of monthWindows(start, end)) {
		const remaining = limit === undefined ? undefined : limit - output.length;
		if (remaining !== undefined && remaining <= 0) break;
		const query: IDataObject = {
			chat_type: chatType,
			start_time: window.start,
			end_time: window.end,
			filter_type: filterType,
			...(creator ? { creator } : {}),
		};
		for await (const page of pages(massMessageListPages.call(this, itemIndex, query), {
			maxPageSize: LIST_PAGE_SIZE,
			limit: remaining,
		})) {
			output.push(...page);
		}
	}
	return output;
}

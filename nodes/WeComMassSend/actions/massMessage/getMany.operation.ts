import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pages } from '../../../shared/transport/paginate';
import { monthWindows, toUnixSeconds } from '../../validation/timeWindow';
import { invalidField } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { LIST_MASS_MESSAGES, LIST_PAGE_SIZE, massMessageListPages } from './readers';

const DAY = 86400;
/** One year (13 one-month requests at most when empty) per run. */
export const MAX_RANGE_DAYS = 366;

const properties: INodeProperties[] = [
	{
		displayName: 'Chat Type',
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
			'Which kind of mass message to list; WeCom requires it for this API (获取群发记录列表)',
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
		displayName: 'Creator',
		name: 'creator',
		type: 'string',
		default: '',
		placeholder: 'zhangsan',
		description: 'Only messages created by this member (成员 UserID); empty for all',
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
			'"Chat Type" must be single or group; WeCom requires it for listing',
		);
	}
	const start = readTime.call(this, itemIndex, 'startTime', 'Start Time');
	const end = readTime.call(this, itemIndex, 'endTime', 'End Time');
	if (start > end) {
		throw invalidField(
			this,
			itemIndex,
			'endTime',
			`"End Time" (${new Date(end * 1000).toISOString()}) is before "Start Time" (${new Date(start * 1000).toISOString()})`,
		);
	}
	if (end - start > MAX_RANGE_DAYS * DAY) {
		// WeCom takes at most one month per get_groupmsg_list_v2 request, so the range costs one request
		// per month at least, one after the other: a start time of 0 would be ~680 requests.
		throw invalidField(
			this,
			itemIndex,
			'startTime',
			`"Start Time" (${new Date(start * 1000).toISOString()}) to "End Time" (${new Date(end * 1000).toISOString()}) spans ${Math.ceil((end - start) / DAY)} days; Get Many reads at most ${MAX_RANGE_DAYS} days per run`,
			`get_groupmsg_list_v2 accepts at most one month per request, so a range costs at least one request per month, one after another. Choose a Start Time at most ${MAX_RANGE_DAYS} days before the End Time, or read a longer history in one run per year.`,
		);
	}
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

function readTime(this: IExecuteFunctions, itemIndex: number, name: string, label: string): number {
	const parsed = toUnixSeconds(this.getNodeParameter(name, itemIndex, ''), this.getTimezone());
	if (!parsed.ok) {
		throw invalidField(this, itemIndex, name, `"${label}" ${parsed.reason}`);
	}
	return parsed.seconds;
}

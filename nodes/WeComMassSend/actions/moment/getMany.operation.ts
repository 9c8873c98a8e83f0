import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pages } from '../../../shared/transport/paginate';
import { monthWindows, toUnixSeconds } from '../../validation/timeWindow';
import { invalidField } from '../common/fields';
import { memberId, memberLocator } from '../common/memberLocator';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { LIST_MOMENTS, LIST_PAGE_SIZE, momentPages } from './apis';

const DAY = 86400;
/** One year (13 one-month requests at most when empty) per run, as for mass messages. */
export const MAX_RANGE_DAYS = 366;

const properties: INodeProperties[] = [
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Moments created at or after this time. Expressions may also give Unix seconds or an ISO 8601 string.',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
		hint: 'Ranges longer than one month are read month by month and joined, oldest first; at most 366 days per run',
		description: 'Moments created at or before this time. Expressions may also give Unix seconds or an ISO 8601 string.',
	},
	memberLocator({
		displayName: 'Creator',
		name: 'creator',
		description: 'Only moments created by this member (成员 UserID); empty for all',
	}),
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
		description: 'Whether to list moments created by the company, by members themselves, or both (filter_type)',
	},
	...returnAllOrLimit,
];

export const operation = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many moments',
	description: 'List customer moments created in a time range (获取企业全部的发表列表, get_moment_list)',
	calls: [LIST_MOMENTS],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
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
		throw invalidField(
			this,
			itemIndex,
			'startTime',
			`"Start Time" to "End Time" spans ${Math.ceil((end - start) / DAY)} days; Get Many reads at most ${MAX_RANGE_DAYS} days per run`,
			`get_moment_list accepts at most one month per request, so a range costs at least one request per month, one after another. Choose a Start Time at most ${MAX_RANGE_DAYS} days before the End Time.`,
		);
	}
	const creator = memberId.call(this, 'creator', itemIndex);
	const filterType = Number(this.getNodeParameter('filterType', itemIndex, 2));
	if (![0, 1, 2].includes(filterType)) {
		throw invalidField(this, itemIndex, 'filterType', '"Created By" must be 0 (company), 1 (members) or 2 (both)');
	}
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));

	const output: IDataObject[] = [];
	// WeCom takes at most one month per request: oldest window first, so a Limit keeps the oldest.
	for (const window of monthWindows(start, end)) {
		const remaining = limit === undefined ? undefined : limit - output.length;
		if (remaining !== undefined && remaining <= 0) break;
		const query: IDataObject = {
			start_time: window.start,
			end_time: window.end,
			filter_type: filterType,
			...(creator ? { creator } : {}),
		};
		for await (const page of pages(momentPages.call(this, itemIndex, LIST_MOMENTS, query, 'moment_list'), {
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
	if (!parsed.ok) throw invalidField(this, itemIndex, name, `"${label}" ${parsed.reason}`);
	return parsed.seconds;
}

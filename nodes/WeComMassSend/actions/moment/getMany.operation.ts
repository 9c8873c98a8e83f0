import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pages } from '../../../shared/transport/paginate';
import { invalidField } from '../common/fields';
import { readTimeRange } from '../common/timeRange';
import { memberId, memberLocator } from '../common/memberLocator';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { LIST_MOMENTS, LIST_PAGE_SIZE, momentPages } from './apis';

/** get_moment_list: "朋友圈记录的起止时间间隔不能超过30天". */
const WINDOW_MAX_SECONDS = 30 * 86400;

const properties: INodeProperties[] = [
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Moments created at or after this time. Expressions may also give Unix seconds or an ISO 8601 string.',
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
			'Moments created at or before this time. Expressions may also give Unix seconds or an ISO 8601 string.',
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
			'Whether to list moments created by the company, by members themselves, or both (filter_type)',
	},
	memberLocator({
		displayName: 'Created By Member',
		name: 'creator',
		description: 'Only moments created by this member (成员 UserID, creator); empty for all',
	}),
	...returnAllOrLimit,
];

export const operation = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many moments',
	description:
		'List customer moments created in a time range (获取企业全部的发表列表, get_moment_list)',
	calls: [LIST_MOMENTS],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const { start, end } = readTimeRange.call(this, itemIndex, 'get_moment_list');
	const creator = memberId.call(this, 'creator', itemIndex);
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
	for (const window of momentWindows(start, end)) {
		if (limit !== undefined && output.length >= limit) break;
		// WeCom returns what lies strictly between start_time and end_time: each window is asked one
		// second wider on both sides and cut back to its own seconds, so no moment falls between two.
		const query: IDataObject = {
			start_time: window.start - 1,
			end_time: window.end + 1,
			filter_type: filterType,
			...(creator ? { creator } : {}),
		};
		const fetchPage = momentPages.call(this, itemIndex, LIST_MOMENTS, query, 'moment_list');
		const needed = () =>
			limit === undefined ? LIST_PAGE_SIZE : Math.min(LIST_PAGE_SIZE, limit - output.length);
		for await (const page of pages((cursor) => fetchPage(cursor, needed()), {
			maxPageSize: LIST_PAGE_SIZE,
		})) {
			for (const moment of page) {
				const created = Number(moment.create_time);
				if (created >= window.start && created <= window.end) output.push(moment);
			}
			if (limit !== undefined && output.length >= limit) break;
		}
	}
	return limit === undefined ? output : output.slice(0, limit);
}

/**
 * Consecutive windows covering [start, end] whose widened query (one second more on each side)
 * stays within WeCom's 30 days.
 */
export function momentWindows(start: number, end: number): Array<{ start: number; end: number }> {
	const step = WINDOW_MAX_SECONDS - 2;
	const windows: Array<{ start: number; end: number }> = [];
	for (let from = start; from <= end; from += step)
		windows.push({ start: from, end: Math.min(end, from + step - 1) });
	return windows;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chunk, parseIdList } from '../../../shared/idList';
import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { toUnixSeconds } from '../../validation/timeWindow';
import { invalidField } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { DAYS_PER_REQUEST, HISTORY_DAYS, dayStart, dayWindows, isoDay } from './dayWindows';
import { dayRangeFields } from './dayRange.description';

const BY_OWNER = wecomApi('POST', 'externalcontact/groupchat/statistic', { changesData: false });
const BY_DAY = wecomApi('POST', 'externalcontact/groupchat/statistic_group_by_day', {
	changesData: false,
});
/** owner_filter.userid_list: at most 100 owners a request. */
export const OWNERS_PER_REQUEST = 100;
/** groupchat/statistic: at most 1,000 owners a page. */
const OWNER_PAGE = 1000;
const DAY = 86400;

const properties: INodeProperties[] = [
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'options',
		options: [
			{
				name: 'Day',
				value: 'day',
				description: 'One item per day, all owners together (statistic_group_by_day)',
			},
			{
				name: 'Owner',
				value: 'owner',
				description:
					'One item per group owner over the range (groupchat/statistic); at most 30 days',
			},
		],
		default: 'day',
	},
	{
		displayName: 'Owners',
		name: 'owners',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'zhangsan, lisi',
		description:
			'Group owners (群主 UserID), comma or newline separated, or an array from an expression; any number, asked 100 at a time',
	},
	...dayRangeFields('By day, longer ranges are read 30 days a request'),
];

export const operation = defineOperation({
	value: 'getGroupStatistics',
	name: 'Get Group Statistics',
	action: 'Get customer group statistics',
	description:
		'New groups, members and messages of customer groups per day or per owner (获取「群聊数据统计」数据, groupchat/statistic)',
	calls: [BY_DAY, BY_OWNER],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const groupBy = String(this.getNodeParameter('groupBy', itemIndex, 'day'));
	if (groupBy !== 'day' && groupBy !== 'owner')
		throw invalidField(this, itemIndex, 'groupBy', '"Group By" must be day or owner');
	const owners = parseIdList(this.getNodeParameter('owners', itemIndex, ''));
	if (!owners.ok) throw invalidField(this, itemIndex, 'owners', `"Owners": ${owners.reason}`);
	if (owners.ids.length === 0)
		throw invalidField(
			this,
			itemIndex,
			'owners',
			'"Owners" is empty; WeCom needs the group owners (owner_filter)',
		);
	const start = dayStart(readTime.call(this, itemIndex, 'startTime', 'Start Time'));
	const end = dayStart(readTime.call(this, itemIndex, 'endTime', 'End Time'));
	if (start > end)
		throw invalidField(
			this,
			itemIndex,
			'endTime',
			`"End Time" (${isoDay(end)}) is before "Start Time" (${isoDay(start)})`,
		);
	const oldest = dayStart(Date.now() / 1000) - (HISTORY_DAYS - 1) * DAY;
	if (start < oldest)
		throw invalidField(
			this,
			itemIndex,
			'startTime',
			`"Start Time" (${isoDay(start)}) is more than ${HISTORY_DAYS} days ago; WeCom keeps this data for ${HISTORY_DAYS} days`,
		);
	const groups = chunk(owners.ids, OWNERS_PER_REQUEST);

	if (groupBy === 'owner') {
		// Totals (chat_total, member_total) are snapshots and active counts overlap across windows, so
		// per-owner figures cannot be added up window by window: one window only.
		if (end - start > (DAYS_PER_REQUEST - 1) * DAY) {
			throw invalidField(
				this,
				itemIndex,
				'endTime',
				`"Start Time" to "End Time" spans ${(end - start) / DAY + 1} days; by owner WeCom counts at most ${DAYS_PER_REQUEST} days`,
				'Group by Day reads any range, 30 days a request.',
			);
		}
		const items: IDataObject[] = [];
		for (const group of groups) {
			for (let offset = 0; ;) {
				const body = {
					day_begin_time: start,
					day_end_time: end,
					owner_filter: { userid_list: group },
					offset,
					limit: OWNER_PAGE,
				};
				const response = await weComApiRequest.call(this, { api: BY_OWNER, body, itemIndex });
				const page = (response.items as IDataObject[] | undefined) ?? [];
				for (const row of page)
					items.push({
						owner: row.owner,
						from: isoDay(start),
						to: isoDay(end),
						...((row.data as IDataObject) ?? {}),
					});
				const next = Number(response.next_offset ?? 0);
				if (page.length === 0 || next <= offset || next >= Number(response.total ?? 0)) break;
				offset = next;
			}
		}
		return items;
	}

	// By day: owners are disjoint between requests and each group has one owner, so adding the
	// requests of a day gives the day's figures for all owners, totals included.
	const byDay = new Map<number, IDataObject>();
	for (const window of dayWindows(start, end)) {
		for (const group of groups) {
			const body = {
				day_begin_time: window.start,
				day_end_time: window.end,
				owner_filter: { userid_list: group },
			};
			const response = await weComApiRequest.call(this, { api: BY_DAY, body, itemIndex });
			for (const row of (response.items as IDataObject[] | undefined) ?? []) {
				const day = Number(row.stat_time);
				const data = (row.data as IDataObject | undefined) ?? {};
				const merged = byDay.get(day);
				if (!merged) {
					byDay.set(day, { date: isoDay(day), stat_time: day, ...data, owners: owners.ids.length });
					continue;
				}
				for (const [key, value] of Object.entries(data))
					merged[key] = Number(merged[key] ?? 0) + Number(value ?? 0);
			}
		}
	}
	return [...byDay.values()].sort((a, b) => Number(a.stat_time) - Number(b.stat_time));
}

function readTime(this: IExecuteFunctions, itemIndex: number, name: string, label: string): number {
	const parsed = toUnixSeconds(this.getNodeParameter(name, itemIndex, ''), this.getTimezone());
	if (!parsed.ok) throw invalidField(this, itemIndex, name, `"${label}" ${parsed.reason}`);
	return parsed.seconds;
}

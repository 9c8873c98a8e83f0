import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chunk, parseIdList } from '../../../shared/idList';
import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { toUnixSeconds } from '../../validation/timeWindow';
import { invalidField } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { HISTORY_DAYS, dayStart, dayWindows, isoDay } from './dayWindows';
import { dayRangeFields } from './dayRange.description';

const GET_BEHAVIOR = wecomApi('POST', 'externalcontact/get_user_behavior_data', {
	changesData: false,
});
/** userid: at most 100 members a request. */
export const MEMBERS_PER_REQUEST = 100;
const DAY = 86400;
const COUNTS = [
	'chat_cnt',
	'message_cnt',
	'negative_feedback_cnt',
	'new_apply_cnt',
	'new_contact_cnt',
] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Members',
		name: 'members',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'zhangsan, lisi',
		description:
			'Members (成员 UserID), comma or newline separated, or an array from an expression; any ' +
			'number, asked 100 at a time',
	},
	...dayRangeFields('Longer than 30 days is read 30 days a request and joined'),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item per Day',
				value: 'day',
				description: 'All members together, as WeCom counts them; fewest requests',
			},
			{
				name: 'One Item per Member',
				value: 'member',
				description: 'Each member’s counts over the whole range',
			},
			{ name: 'One Item per Member and Day', value: 'memberDay' },
		],
		default: 'day',
	},
];

export const operation = defineOperation({
	value: 'getMemberBehavior',
	name: 'Get Member Behavior',
	action: 'Get member behavior statistics',
	description:
		'New contacts, chats, messages, replies and deletions per member and day (获取「联系客户统计」数据, ' +
		'get_user_behavior_data)',
	calls: [GET_BEHAVIOR],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const members = parseIdList(this.getNodeParameter('members', itemIndex, ''));
	if (!members.ok) throw invalidField(this, itemIndex, 'members', `"Members": ${members.reason}`);
	if (members.ids.length === 0)
		throw invalidField(this, itemIndex, 'members', '"Members" is empty');
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
	if (start < oldest) {
		throw invalidField(
			this,
			itemIndex,
			'startTime',
			`"Start Time" (${isoDay(start)}) is more than ${HISTORY_DAYS} days ago; WeCom keeps this data for ${HISTORY_DAYS} days (from ${isoDay(oldest)})`,
		);
	}
	const output = String(this.getNodeParameter('output', itemIndex, 'day'));
	if (!['day', 'member', 'memberDay'].includes(output))
		throw invalidField(this, itemIndex, 'output', '"Output" must be day, member or memberDay');

	const read = async (userid: string[], window: { start: number; end: number }) => {
		const response = await weComApiRequest.call(this, {
			api: GET_BEHAVIOR,
			body: { userid, start_time: window.start, end_time: window.end },
			itemIndex,
		});
		return (response.behavior_data as IDataObject[] | undefined) ?? [];
	};
	const windows = dayWindows(start, end);

	if (output === 'day') {
		const groups = chunk(members.ids, MEMBERS_PER_REQUEST);
		const byDay = new Map<number, IDataObject>();
		for (const window of windows) {
			for (const group of groups) {
				for (const row of await read(group, window)) {
					const day = Number(row.stat_time);
					const merged = byDay.get(day);
					if (!merged) {
						byDay.set(day, { date: isoDay(day), ...row, members: members.ids.length });
						continue;
					}
					for (const key of COUNTS) merged[key] = Number(merged[key] ?? 0) + Number(row[key] ?? 0);
					// WeCom's rates are for the members of one request; across requests they cannot be added.
					delete merged.reply_percentage;
					delete merged.avg_reply_time;
				}
			}
		}
		return [...byDay.values()].sort((a, b) => Number(a.stat_time) - Number(b.stat_time));
	}

	// Per member: WeCom adds up every member of a request, so each member is asked alone.
	const items: IDataObject[] = [];
	for (const userid of members.ids) {
		const days: IDataObject[] = [];
		for (const window of windows)
			for (const row of await read([userid], window))
				days.push({ userid, date: isoDay(Number(row.stat_time)), ...row });
		if (output === 'memberDay') {
			items.push(...days);
			continue;
		}
		const total: IDataObject = { userid, from: isoDay(start), to: isoDay(end), days: days.length };
		for (const key of COUNTS)
			total[key] = days.reduce((sum, day) => sum + Number(day[key] ?? 0), 0);
		items.push(total);
	}
	return items;
}

function readTime(this: IExecuteFunctions, itemIndex: number, name: string, label: string): number {
	const parsed = toUnixSeconds(this.getNodeParameter(name, itemIndex, ''), this.getTimezone());
	if (!parsed.ok) throw invalidField(this, itemIndex, name, `"${label}" ${parsed.reason}`);
	return parsed.seconds;
}

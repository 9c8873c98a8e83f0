import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { toUnixSeconds } from '../../validation/timeWindow';
import { invalidField, requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { STATISTIC } from './apis';
import { linkIdField } from './linkFields';

const properties: INodeProperties[] = [
	linkIdField,
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Count from this time (start_time)',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Count until this time (end_time)',
	},
];

export const operation = defineOperation({
	value: 'getStatistics',
	name: 'Get Statistics',
	action: 'Get the statistics of an acquisition link',
	description:
		'How many customers clicked a link and how many were added in a time window (查询链接使用详情, customer_acquisition/statistic)',
	calls: [STATISTIC],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const link_id = requiredString.call(this, 'linkId', 'Link ID', itemIndex);
	const start_time = time.call(this, itemIndex, 'startTime', 'Start Time');
	const end_time = time.call(this, itemIndex, 'endTime', 'End Time');
	if (end_time < start_time)
		throw invalidField(this, itemIndex, 'endTime', '"End Time" is earlier than "Start Time"');
	const response = await weComApiRequest.call(this, {
		api: STATISTIC,
		body: { link_id, start_time, end_time },
		itemIndex,
	});
	return [
		{
			link_id,
			start_time,
			end_time,
			click_link_customer_cnt: Number(response.click_link_customer_cnt ?? 0),
			new_customer_cnt: Number(response.new_customer_cnt ?? 0),
		},
	];
}

function time(this: IExecuteFunctions, itemIndex: number, name: string, label: string): number {
	const parsed = toUnixSeconds(this.getNodeParameter(name, itemIndex, ''), this.getTimezone());
	if (!parsed.ok) throw invalidField(this, itemIndex, name, `"${label}" ${parsed.reason}`);
	return parsed.seconds;
}

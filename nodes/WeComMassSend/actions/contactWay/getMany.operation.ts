import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { pages } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';
import { toUnixSeconds } from '../../validation/timeWindow';
import { invalidField } from '../common/fields';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_CONTACT_WAY, readContactWay } from './get.operation';
import { LIST_CONTACT_WAY_PAGE } from './limits';

const LIST_CONTACT_WAY = wecomApi('POST', 'externalcontact/list_contact_way', {
	changesData: false,
});

const properties: INodeProperties[] = [
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		description:
			'Only contact ways created at or after this time (start_time); empty: WeCom’s default, 90 days ago',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		description: 'Only contact ways created at or before this time (end_time); empty: now',
	},
	...returnAllOrLimit,
	{
		displayName: 'Include Details',
		name: 'includeDetails',
		type: 'boolean',
		default: false,
		description:
			'Whether to read each contact way’s details (state, QR code, members) with one ' +
			'get_contact_way each; otherwise WeCom lists config_id only',
	},
	{
		displayName:
			'Lists the QR codes and mini-program buttons created by the API (not temporary ' +
			'sessions, and only those created since 2021-07-10): they never show in the WeCom ' +
			'admin console.',
		name: 'contactWayListNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many contact ways',
	description:
		'List the contact ways created in a time window (获取企业已配置的「联系我」列表, list_contact_way)',
	calls: [LIST_CONTACT_WAY, GET_CONTACT_WAY],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const start = optionalTime.call(this, itemIndex, 'startTime', 'Start Time');
	const end = optionalTime.call(this, itemIndex, 'endTime', 'End Time');
	if (start !== undefined && end !== undefined && start > end) {
		throw invalidField(this, itemIndex, 'endTime', '"End Time" is earlier than "Start Time"');
	}
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const includeDetails = this.getNodeParameter('includeDetails', itemIndex, false) === true;
	const query: IDataObject = {
		...(start !== undefined ? { start_time: start } : {}),
		...(end !== undefined ? { end_time: end } : {}),
	};

	const output: IDataObject[] = [];
	const fetchPage = async (cursor: string, pageSize: number) => {
		const response = await weComApiRequest.call(this, {
			api: LIST_CONTACT_WAY,
			body: { ...query, limit: pageSize, ...(cursor ? { cursor } : {}) },
			itemIndex,
		});
		return {
			items: (response.contact_way as IDataObject[] | undefined) ?? [],
			nextCursor: String(response.next_cursor ?? ''),
		};
	};
	for await (const page of pages(fetchPage, { maxPageSize: LIST_CONTACT_WAY_PAGE, limit })) {
		for (const way of page) {
			output.push(
				includeDetails ? await readContactWay.call(this, String(way.config_id), itemIndex) : way,
			);
		}
	}
	return output;
}

function optionalTime(
	this: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): number | undefined {
	const value = this.getNodeParameter(name, itemIndex, '');
	if (value === '' || value === null || value === undefined) return undefined;
	const parsed = toUnixSeconds(value, this.getTimezone());
	if (!parsed.ok) throw invalidField(this, itemIndex, name, `"${label}" ${parsed.reason}`);
	return parsed.seconds;
}

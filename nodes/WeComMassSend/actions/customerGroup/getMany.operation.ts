import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chunk, parseIdList } from '../../../shared/idList';
import { pages } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField } from '../common/fields';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_GROUP, GROUP_LIST_PAGE, LIST_GROUPS, OWNERS_PER_REQUEST } from './apis';

const STATUS = { all: 0, ownerLeft: 1, inheriting: 2, inherited: 3 } as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Owner Left, Not Yet Reassigned (离职待继承)', value: 'ownerLeft' },
			{ name: 'Being Reassigned (离职继承中)', value: 'inheriting' },
			{ name: 'Reassigned (离职继承完成)', value: 'inherited' },
		],
		default: 'all',
		description: 'Only groups with this follow-up status (status_filter)',
	},
	{
		displayName: 'Owners',
		name: 'owners',
		type: 'string',
		default: '',
		placeholder: 'zhangsan, lisi',
		description:
			'Only groups owned by these members (群主 UserID, owner_filter); empty for every owner ' +
			'the app can see. More than 100 owners are read 100 at a time.',
		hint:
			'Without owners WeCom refuses (81017) when the app can see more than 1,000 members: name ' +
			'the owners then',
	},
	...returnAllOrLimit,
	{
		displayName: 'Include Details',
		name: 'includeDetails',
		type: 'boolean',
		default: false,
		description:
			'Whether to read each group’s name, owner and members with one groupchat/get each; ' +
			'otherwise WeCom lists chat_id and status only',
	},
];

export const operation = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many customer groups',
	description: 'List customer groups by status and owner (获取客户群列表, groupchat/list)',
	calls: [LIST_GROUPS, GET_GROUP],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const status =
		STATUS[String(this.getNodeParameter('status', itemIndex, 'all')) as keyof typeof STATUS];
	if (status === undefined)
		throw invalidField(this, itemIndex, 'status', '"Status" must be one of the listed statuses');
	const parsed = parseIdList(this.getNodeParameter('owners', itemIndex, ''));
	if (!parsed.ok) throw invalidField(this, itemIndex, 'owners', `"Owners": ${parsed.reason}`);
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const includeDetails = this.getNodeParameter('includeDetails', itemIndex, false) === true;
	// WeCom takes at most 100 owners per request: one list per 100, joined in the given order.
	const ownerChunks: Array<string[] | undefined> =
		parsed.ids.length > 0 ? chunk(parsed.ids, OWNERS_PER_REQUEST) : [undefined];

	const output: IDataObject[] = [];
	for (const owners of ownerChunks) {
		const remaining = limit === undefined ? undefined : limit - output.length;
		if (remaining !== undefined && remaining <= 0) break;
		const fetchPage = async (cursor: string, pageSize: number) => {
			const body: IDataObject = {
				status_filter: status,
				...(owners ? { owner_filter: { userid_list: owners } } : {}),
				limit: pageSize,
				...(cursor ? { cursor } : {}),
			};
			const response = await weComApiRequest.call(this, { api: LIST_GROUPS, body, itemIndex });
			return {
				items: (response.group_chat_list as IDataObject[] | undefined) ?? [],
				nextCursor: String(response.next_cursor ?? ''),
			};
		};
		for await (const page of pages(fetchPage, { maxPageSize: GROUP_LIST_PAGE, limit: remaining })) {
			for (const group of page) {
				if (!includeDetails) {
					output.push(group);
					continue;
				}
				const response = await weComApiRequest.call(this, {
					api: GET_GROUP,
					body: { chat_id: group.chat_id },
					itemIndex,
				});
				output.push({
					...((response.group_chat as IDataObject | undefined) ?? {}),
					status: group.status,
				});
			}
		}
	}
	return output;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chunk, parseIdList } from '../../../shared/idList';
import { wecomApi } from '../../../shared/transport/api';
import { pages } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField } from '../common/fields';
import { memberLocator, memberValue } from '../common/memberLocator';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';

export const BATCH_GET_BY_USER = wecomApi('POST', 'externalcontact/batch/get_by_user', {
	changesData: false,
});

/** batch/get_by_user (page 92994): userid_list takes at most 100 members, limit at most 100. */
export const MEMBERS_PER_CALL = 100;
export const CUSTOMERS_PER_PAGE = 100;

const properties: INodeProperties[] = [
	memberLocator(
		{
			displayName: 'Members',
			name: 'memberUserIds',
			description:
				'Members (成员 UserID) whose customers to read: one from the list, or By ID comma or ' +
				'newline separated, or an array from an expression. Any number: the node asks for ' +
				'100 members per call, as WeCom allows.',
		},
		'zhangsan, lisi',
	),
	...returnAllOrLimit,
	{
		displayName:
			'One item per customer and member who added them (批量获取客户详情): external_contact (the ' +
			'customer) and follow_info (that member’s remark, tag_id, add_way, state). A customer ' +
			'added by two of the members comes twice; for one item per customer, give one member ' +
			'or put Remove Duplicates on external_contact.external_userid after this node.',
		name: 'customerGetManyNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many customers of members',
	description:
		'The customers of members, with each member’s remark, tags and source (批量获取客户详情, batch/get_by_user)',
	calls: [BATCH_GET_BY_USER],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const given = parseIdList(memberValue.call(this, 'memberUserIds', itemIndex));
	if (!given.ok) throw invalidField(this, itemIndex, 'memberUserIds', `"Members": ${given.reason}`);
	if (given.ids.length === 0)
		throw invalidField(this, itemIndex, 'memberUserIds', '"Members" needs at least one member');
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));

	// Items are kept, WeCom's answers are not: memory follows the output, not the pages read.
	const items: IDataObject[] = [];
	for (const members of chunk(given.ids, MEMBERS_PER_CALL)) {
		const remaining = limit === undefined ? undefined : limit - items.length;
		if (remaining !== undefined && remaining <= 0) break;
		const customerPages = pages<IDataObject>(
			async (cursor, pageSize) => {
				const response = await weComApiRequest.call(this, {
					api: BATCH_GET_BY_USER,
					body: { userid_list: members, limit: pageSize, ...(cursor ? { cursor } : {}) },
					itemIndex,
				});
				const list = Array.isArray(response.external_contact_list)
					? (response.external_contact_list as IDataObject[])
					: [];
				return { items: list, nextCursor: String(response.next_cursor ?? '') };
			},
			{ maxPageSize: CUSTOMERS_PER_PAGE, limit: remaining },
		);
		for await (const page of customerPages) {
			for (const entry of page)
				items.push({
					external_contact: entry.external_contact ?? {},
					follow_info: entry.follow_info ?? {},
				});
		}
	}
	return items;
}

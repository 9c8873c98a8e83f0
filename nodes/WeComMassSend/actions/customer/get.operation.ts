import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { pages } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';

const GET_CUSTOMER = wecomApi('GET', 'externalcontact/get', {
	changesData: false,
	name: 'externalcontact/get',
});

const properties: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'externalUserId',
		type: 'string',
		required: true,
		default: '={{ $json.ExternalUserID }}',
		placeholder: 'wmXXXXXXXXXX',
		description:
			'The customer’s external_userid (客户 ID), e.g. ExternalUserID from the WeCom Trigger',
	},
	{
		displayName:
			'One item with the customer (external_contact) and every member who added them ' +
			'(follow_user: remark, tags, add_way, state). More than 500 followers are read page by ' +
			'page and joined.',
		name: 'customerGetNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a customer',
	description:
		'A customer’s details and every member who added them (获取客户详情, externalcontact/get)',
	calls: [GET_CUSTOMER],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const externalUserId = requiredString.call(this, 'externalUserId', 'Customer ID', itemIndex);
	let customer: IDataObject = {};
	const followers: IDataObject[] = [];
	// WeCom answers at most 500 followers at a time; next_cursor names the rest.
	const followerPages = pages<IDataObject>(
		async (cursor) => {
			const response = await weComApiRequest.call(this, {
				api: GET_CUSTOMER,
				qs: { external_userid: externalUserId, ...(cursor ? { cursor } : {}) },
				itemIndex,
			});
			if (!cursor) customer = (response.external_contact as IDataObject | undefined) ?? {};
			const page = Array.isArray(response.follow_user)
				? (response.follow_user as IDataObject[])
				: [];
			return { items: page, nextCursor: String(response.next_cursor ?? '') };
		},
		// The API takes no page size: WeCom decides it.
		{ maxPageSize: Number.MAX_SAFE_INTEGER },
	);
	for await (const page of followerPages) followers.push(...page);
	return [{ external_contact: customer, follow_user: followers }];
}

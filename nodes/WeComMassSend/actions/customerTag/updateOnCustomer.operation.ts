import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField, requiredString } from '../common/fields';
import { memberId, memberLocator } from '../common/memberLocator';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { readTagList, tagListField } from './tagLocator';

export const MARK_TAG = wecomApi('POST', 'externalcontact/mark_tag', { changesData: true });

const properties: INodeProperties[] = [
	memberLocator({
		displayName: 'Member',
		name: 'userId',
		description:
			'The member (成员 UserID) who added the customer: tags are per member and customer',
	}),
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
	tagListField('tagsToAdd', 'Tags to Add', 'Corp tags to put on the customer (add_tag)'),
	tagListField('tagsToRemove', 'Tags to Remove', 'Corp tags to take off the customer (remove_tag)'),
];

export const operation = defineOperation({
	value: 'updateOnCustomer',
	name: 'Add or Remove on Customer',
	action: 'Add or remove tags on a customer',
	description: 'Tag or untag a customer for the member who added them (编辑客户企业标签, mark_tag)',
	calls: [MARK_TAG],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const userid = memberId.call(this, 'userId', itemIndex);
	if (!userid) throw invalidField(this, itemIndex, 'userId', '"Member" is required');
	const externalUserId = requiredString.call(this, 'externalUserId', 'Customer ID', itemIndex);
	const add = readTagList.call(this, 'tagsToAdd', 'Tags to Add', itemIndex);
	const remove = readTagList.call(this, 'tagsToRemove', 'Tags to Remove', itemIndex);
	if (add.length === 0 && remove.length === 0) {
		throw invalidField(
			this,
			itemIndex,
			'tagsToAdd',
			'Give at least one tag under "Tags to Add" or "Tags to Remove"; WeCom refuses both empty',
		);
	}
	const both = add.filter((id) => remove.includes(id));
	if (both.length > 0)
		throw invalidField(
			this,
			itemIndex,
			'tagsToRemove',
			`${both.join(', ')} is in both "Tags to Add" and "Tags to Remove"`,
		);
	await weComApiRequest.call(this, {
		api: MARK_TAG,
		body: {
			userid,
			external_userid: externalUserId,
			...(add.length ? { add_tag: add } : {}),
			...(remove.length ? { remove_tag: remove } : {}),
		},
		itemIndex,
	});
	return [{ userid, external_userid: externalUserId, add_tag: add, remove_tag: remove }];
}

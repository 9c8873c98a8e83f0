import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseIdList } from '../../../shared/idList';
import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { readTagList, tagListField } from './tagLocator';

const DEL_CORP_TAG = wecomApi('POST', 'externalcontact/del_corp_tag', { changesData: true });

const properties: INodeProperties[] = [
	tagListField(
		'tags',
		'Tags',
		'Tags to delete (tag_id). A group whose last tag is deleted is deleted with it.',
	),
	{
		displayName: 'Tag Group IDs',
		name: 'groupIds',
		type: 'string',
		default: '',
		placeholder: 'etGROUP1, etGROUP2',
		description:
			'Whole tag groups to delete with all their tags (group_id), comma or newline separated, or an array',
	},
	{
		displayName:
			'Deleted tags are removed from every customer who carries them, and cannot be restored.',
		name: 'customerTagDeleteNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete customer tags',
	description: 'Delete tags or whole tag groups (删除企业客户标签, del_corp_tag)',
	calls: [DEL_CORP_TAG],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tagIds = readTagList.call(this, 'tags', 'Tags', itemIndex);
	const groups = parseIdList(this.getNodeParameter('groupIds', itemIndex, ''));
	if (!groups.ok)
		throw invalidField(this, itemIndex, 'groupIds', `"Tag Group IDs": ${groups.reason}`);
	if (tagIds.length === 0 && groups.ids.length === 0)
		throw invalidField(
			this,
			itemIndex,
			'tags',
			'Give at least one tag under "Tags" or one ID in "Tag Group IDs"',
		);
	const body: IDataObject = {};
	if (tagIds.length > 0) body.tag_id = tagIds;
	if (groups.ids.length > 0) body.group_id = groups.ids;
	await weComApiRequest.call(this, { api: DEL_CORP_TAG, body, itemIndex });
	return [{ ...body, deleted: true }];
}

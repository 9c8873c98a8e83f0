import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseIdList } from '../../../shared/idList';
import { invalidField } from '../common/fields';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_CORP_TAG_LIST, readTagGroups } from './tagLibrary';
import { readTagList, tagListField } from './tagLocator';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Tag Group IDs',
				name: 'groupIds',
				type: 'string',
				default: '',
				placeholder: 'etGROUP1, etGROUP2',
				description:
					'Only these tag groups (标签组, group_id), each with all its tags; comma or newline separated, or an array',
			},
			tagListField(
				'tags',
				'Tags',
				'Only these tags (标签, tag_id), each in its group. Use this or Tag Group IDs: WeCom ignores the tags when groups are given.',
			),
		],
	},
	{
		displayName:
			'One item per tag group (企业标签库): group_id, group_name, order and its tags (id, name, order).',
		name: 'customerTagGetManyNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many customer tags',
	description:
		'The corp tag library by group, or only some tags or groups (获取企业标签库, get_corp_tag_list)',
	calls: [GET_CORP_TAG_LIST],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tagIds = readTagList.call(this, 'filters.tags', 'Tags', itemIndex);
	const groups = parseIdList(this.getNodeParameter('filters.groupIds', itemIndex, ''));
	if (!groups.ok)
		throw invalidField(this, itemIndex, 'filters.groupIds', `"Tag Group IDs": ${groups.reason}`);
	if (tagIds.length > 0 && groups.ids.length > 0) {
		// WeCom would silently drop the tag filter (page 92117), returning more than asked for.
		throw invalidField(
			this,
			itemIndex,
			'filters.tags',
			'Filter by "Tags" or by "Tag Group IDs", not both: WeCom ignores the tags when groups are given',
		);
	}
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const tagGroups = await readTagGroups.call(this, { tagIds, groupIds: groups.ids }, itemIndex);
	return limit === undefined ? tagGroups : tagGroups.slice(0, limit);
}

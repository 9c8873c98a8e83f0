import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { charCount } from '../common/chars';
import { invalidField } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { TAG_NAME_MAX_CHARS, explainTagError, readOrder } from './tagRules';

const ADD_CORP_TAG = wecomApi('POST', 'externalcontact/add_corp_tag', {
	changesData: true,
	repeatRisk: 'create the tags again (WeCom refuses a name that already exists in the group)',
});

const properties: INodeProperties[] = [
	{
		displayName: 'Tag Group Name',
		name: 'groupName',
		type: 'string',
		default: '',
		placeholder: '客户意向',
		description:
			'The tag group (标签组, group_name), at most 30 characters: a new group, or the existing group of that name, which gets the new tags',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tag',
		required: true,
		default: {},
		options: [
			{
				displayName: 'Tag',
				name: 'tag',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'The tag name (标签名称), at most 30 characters',
					},
					{
						displayName: 'Order',
						name: 'order',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'Tags with a higher order come first (order)',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Tag Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				placeholder: 'etGROUP1',
				description:
					'Add the tags to this existing group (group_id) instead of naming one; leave Tag Group Name empty then',
			},
			{
				displayName: 'Tag Group Order',
				name: 'groupOrder',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'For a new group: groups with a higher order come first (order)',
			},
		],
	},
];

export const operation = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create customer tags',
	description: 'A tag group with its tags, or new tags in a group (添加企业客户标签, add_corp_tag)',
	calls: [ADD_CORP_TAG],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const groupName = String(this.getNodeParameter('groupName', itemIndex, '') ?? '').trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const groupId = String(options.groupId ?? '').trim();
	if (groupName && groupId)
		throw invalidField(
			this,
			itemIndex,
			'groupName',
			'Give "Tag Group Name" or Options → "Tag Group ID", not both',
		);
	if (!groupName && !groupId)
		throw invalidField(
			this,
			itemIndex,
			'groupName',
			'"Tag Group Name" is required (or Options → "Tag Group ID" for an existing group)',
		);
	if (charCount(groupName) > TAG_NAME_MAX_CHARS) {
		throw invalidField(
			this,
			itemIndex,
			'groupName',
			`"Tag Group Name" has ${charCount(groupName)} characters; WeCom allows at most ${TAG_NAME_MAX_CHARS}`,
		);
	}
	const entries = ((this.getNodeParameter('tags', itemIndex, {}) as { tag?: IDataObject[] }).tag ??
		[]) as IDataObject[];
	if (entries.length === 0)
		throw invalidField(this, itemIndex, 'tags', 'Add at least one tag under "Tags"');
	const seen = new Set<string>();
	const tag = entries.map((entry, i) => {
		const name = String(entry.name ?? '').trim();
		const where = `"Tags" → tag ${i + 1}`;
		if (!name) throw invalidField(this, itemIndex, 'tags', `${where} has no name`);
		if (charCount(name) > TAG_NAME_MAX_CHARS) {
			throw invalidField(
				this,
				itemIndex,
				'tags',
				`${where} "${name}" has ${charCount(name)} characters; WeCom allows at most ${TAG_NAME_MAX_CHARS}`,
			);
		}
		if (seen.has(name))
			throw invalidField(
				this,
				itemIndex,
				'tags',
				`${where}: "${name}" is given twice; tag names are unique in a group`,
			);
		seen.add(name);
		return { name, order: readOrder.call(this, entry.order, 'tags', itemIndex) };
	});
	const body: IDataObject = { tag };
	if (groupId) body.group_id = groupId;
	else {
		body.group_name = groupName;
		if (options.groupOrder !== undefined)
			body.order = readOrder.call(this, options.groupOrder, 'options.groupOrder', itemIndex);
	}
	const response = await weComApiRequest
		.call(this, { api: ADD_CORP_TAG, body, itemIndex })
		.catch((error: unknown) => {
			throw explainTagError.call(this, error, itemIndex);
		});
	// WeCom answers the group with only the tags just created, and their new IDs.
	return [(response.tag_group as IDataObject | undefined) ?? { ...body }];
}

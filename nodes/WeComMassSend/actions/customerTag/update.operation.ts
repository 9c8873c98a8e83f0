import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { charCount } from '../common/chars';
import { invalidField } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { locatorValue, tagLocator } from './tagLocator';
import { TAG_NAME_MAX_CHARS, explainTagError, readOrder } from './tagRules';

const EDIT_CORP_TAG = wecomApi('POST', 'externalcontact/edit_corp_tag', { changesData: true });

const properties: INodeProperties[] = [
	tagLocator({
		displayName: 'Tag or Group',
		name: 'id',
		description:
			'The tag to change, from the list, or By ID a tag ID or a tag group ID (group_id) to rename the group',
	}),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name, at most 30 characters; unique in its group',
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Higher order comes first',
			},
		],
	},
];

export const operation = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a customer tag',
	description: 'Rename or reorder a tag or a tag group (编辑企业客户标签, edit_corp_tag)',
	calls: [EDIT_CORP_TAG],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const id = String(locatorValue(this.getNodeParameter('id', itemIndex, '')) ?? '').trim();
	if (!id) throw invalidField(this, itemIndex, 'id', '"Tag or Group" is required');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { id };
	if (fields.name !== undefined) {
		const name = String(fields.name).trim();
		if (!name)
			throw invalidField(
				this,
				itemIndex,
				'updateFields.name',
				'"Name" is empty; remove it to keep the name',
			);
		if (charCount(name) > TAG_NAME_MAX_CHARS) {
			throw invalidField(
				this,
				itemIndex,
				'updateFields.name',
				`"Name" has ${charCount(name)} characters; WeCom allows at most ${TAG_NAME_MAX_CHARS}`,
			);
		}
		body.name = name;
	}
	if (fields.order !== undefined)
		body.order = readOrder.call(this, fields.order, 'updateFields.order', itemIndex);
	if (Object.keys(body).length === 1)
		throw invalidField(
			this,
			itemIndex,
			'updateFields',
			'Add "Name" or "Order" under "Update Fields"',
		);
	await weComApiRequest
		.call(this, { api: EDIT_CORP_TAG, body, itemIndex })
		.catch((error: unknown) => {
			throw explainTagError.call(this, error, itemIndex);
		});
	return [{ ...body, updated: true }];
}

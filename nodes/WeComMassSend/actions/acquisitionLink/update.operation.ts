import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField, requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { UPDATE_LINK } from './apis';
import {
	departmentsField,
	linkIdField,
	membersField,
	nameField,
	readRange,
	skipVerifyField,
} from './linkFields';

const properties: INodeProperties[] = [
	linkIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				...departmentsField,
				description: `${String(departmentsField.description)}. Members and departments replace the link’s whole range together.`,
			},
			nameField,
			{
				...membersField,
				description: `${String(membersField.description)}. Members and departments replace the link’s whole range together.`,
			},
			skipVerifyField,
		],
	},
];

export const operation = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update an acquisition link',
	description:
		'Change a link’s name, members or verification (编辑获客链接, customer_acquisition/update_link)',
	calls: [UPDATE_LINK],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const link_id = requiredString.call(this, 'linkId', 'Link ID', itemIndex);
	const fields = (this.getNodeParameter('updateFields', itemIndex, {}) ?? {}) as IDataObject;
	const body: IDataObject = { link_id };
	if (fields.linkName !== undefined) {
		const name = String(fields.linkName).trim();
		if (!name)
			throw invalidField(
				this,
				itemIndex,
				'updateFields.linkName',
				'"Link Name" is empty; remove the field to keep the name',
			);
		body.link_name = name;
	}
	if (fields.members !== undefined || fields.departments !== undefined) {
		const range = readRange.call(this, itemIndex, fields, 'updateFields.');
		if (!range)
			throw invalidField(
				this,
				itemIndex,
				'updateFields.members',
				'The link needs at least one member or department; remove both fields to keep its range',
			);
		body.range = range;
	}
	if (fields.skipVerify !== undefined) body.skip_verify = fields.skipVerify === true;
	if (Object.keys(body).length === 1)
		throw invalidField(
			this,
			itemIndex,
			'updateFields',
			'Add at least one field to "Update Fields"',
		);
	await weComApiRequest.call(this, { api: UPDATE_LINK, body, itemIndex });
	return [{ ...body, updated: true }];
}

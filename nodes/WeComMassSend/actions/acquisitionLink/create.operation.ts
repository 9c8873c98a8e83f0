import type { IExecuteFunctions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField, requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { CREATE_LINK } from './apis';
import {
	departmentsField,
	membersField,
	nameField,
	readRange,
	skipVerifyField,
} from './linkFields';

export const operation = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create an acquisition link',
	description:
		'Create a link customers open to add the members (创建获客链接, customer_acquisition/create_link)',
	calls: [CREATE_LINK],
	properties: [{ ...nameField, required: true }, membersField, departmentsField, skipVerifyField],
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const link_name = requiredString.call(this, 'linkName', 'Link Name', itemIndex);
	const range = readRange.call(this, itemIndex, {
		members: this.getNodeParameter('members', itemIndex, ''),
		departments: this.getNodeParameter('departments', itemIndex, ''),
	});
	if (!range)
		throw invalidField(
			this,
			itemIndex,
			'members',
			'Name at least one member in "Members" or one department in "Department IDs"',
		);
	const skip_verify = this.getNodeParameter('skipVerify', itemIndex, true) === true;
	const response = await weComApiRequest.call(this, {
		api: CREATE_LINK,
		body: { link_name, range, skip_verify },
		itemIndex,
	});
	const link = (response.link ?? {}) as Record<string, unknown>;
	return [
		{
			link_id: String(link.link_id ?? ''),
			link_name: String(link.link_name ?? link_name),
			url: String(link.url ?? ''),
			create_time: Number(link.create_time ?? 0),
			user_list: range.user_list,
			department_list: range.department_list,
			skip_verify,
		},
	];
}

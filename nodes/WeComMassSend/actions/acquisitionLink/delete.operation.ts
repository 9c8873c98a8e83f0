import type { IExecuteFunctions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { DELETE_LINK } from './apis';
import { linkIdField } from './linkFields';

export const operation = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an acquisition link',
	description:
		'Delete a link; customers who open it can no longer add the members (删除获客链接, customer_acquisition/delete_link)',
	calls: [DELETE_LINK],
	properties: [linkIdField],
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const link_id = requiredString.call(this, 'linkId', 'Link ID', itemIndex);
	await weComApiRequest.call(this, { api: DELETE_LINK, body: { link_id }, itemIndex });
	return [{ link_id, deleted: true }];
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_LINK } from './apis';
import { flattenLink, linkIdField } from './linkFields';

export const operation = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an acquisition link',
	description:
		'Read a link’s name, URL, members and settings (获取获客链接详情, customer_acquisition/get)',
	calls: [GET_LINK],
	properties: [linkIdField],
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const link_id = requiredString.call(this, 'linkId', 'Link ID', itemIndex);
	const response = await weComApiRequest.call(this, {
		api: GET_LINK,
		body: { link_id },
		itemIndex,
	});
	return [flattenLink(response)];
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_GROUP } from './apis';
import { groupLocator } from './groupLocator';
import { groupChatId } from './groupValue';

const properties: INodeProperties[] = [
	groupLocator({
		displayName: 'Customer Group',
		name: 'chatId',
		required: true,
		description:
			'The customer group (客户群 chat_id), e.g. ChatId from the WeCom Trigger’s group events',
	}),
	{
		displayName: 'Include Member Names',
		name: 'needName',
		type: 'boolean',
		default: false,
		description: 'Whether each member’s name comes with the members (need_name)',
	},
];

export const operation = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a customer group',
	description:
		'A customer group’s name, owner, notice, admins and members with how they joined (获取客户群详情, groupchat/get)',
	calls: [GET_GROUP],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const chatId = groupChatId.call(this, 'chatId', itemIndex);
	if (!chatId) throw invalidField(this, itemIndex, 'chatId', '"Customer Group" is required');
	const needName = this.getNodeParameter('needName', itemIndex, false) === true;
	const response = await weComApiRequest.call(this, {
		api: GET_GROUP,
		body: { chat_id: chatId, need_name: needName ? 1 : 0 },
		itemIndex,
	});
	return [(response.group_chat as IDataObject | undefined) ?? {}];
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';

const OPENGID_TO_CHATID = wecomApi('POST', 'externalcontact/opengid_to_chatid', {
	changesData: false,
	answerField: 'chat_id',
});

const properties: INodeProperties[] = [
	{
		displayName: 'OpenGID',
		name: 'openGid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'oAAAAAAA',
		description:
			'The opengid your mini-program got from wx.getGroupEnterInfo for a customer group (小程序群 ID)',
	},
];

export const operation = defineOperation({
	value: 'convertOpenGid',
	name: 'Convert OpenGID',
	action: 'Convert an OpenGID to a chat ID',
	description:
		'Turn a mini-program’s opengid into the customer group’s chat_id (客户群opengid转换, opengid_to_chatid)',
	calls: [OPENGID_TO_CHATID],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const opengid = requiredString.call(this, 'openGid', 'OpenGID', itemIndex);
	const response = await weComApiRequest.call(this, {
		api: OPENGID_TO_CHATID,
		body: { opengid },
		itemIndex,
	});
	return [{ opengid, chat_id: response.chat_id }];
}

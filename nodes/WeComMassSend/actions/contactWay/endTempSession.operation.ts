import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField, requiredString } from '../common/fields';
import { memberId, memberLocator } from '../common/memberLocator';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';

const CLOSE_TEMP_CHAT = wecomApi('POST', 'externalcontact/close_temp_chat', { changesData: true });

const properties: INodeProperties[] = [
	memberLocator({
		displayName: 'Member',
		name: 'userId',
		required: true,
		description:
			'The member (成员 UserID) in the temporary session, e.g. UserID from the WeCom Trigger',
	}),
	{
		displayName: 'Customer ID',
		name: 'externalUserId',
		type: 'string',
		required: true,
		default: '={{ $json.ExternalUserID }}',
		placeholder: 'wmXXXXXXXXXX',
		description: 'The customer’s external_userid (客户 ID)',
	},
];

export const operation = defineOperation({
	value: 'endTempSession',
	name: 'End Temporary Session',
	action: 'End a temporary session',
	description:
		'End a temporary session now; WeCom sends its closing message (结束临时会话, close_temp_chat)',
	calls: [CLOSE_TEMP_CHAT],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const userid = memberId.call(this, 'userId', itemIndex);
	if (!userid) throw invalidField(this, itemIndex, 'userId', '"Member" is required');
	const externalUserId = requiredString.call(this, 'externalUserId', 'Customer ID', itemIndex);
	await weComApiRequest.call(this, {
		api: CLOSE_TEMP_CHAT,
		body: { userid, external_userid: externalUserId },
		itemIndex,
	});
	return [{ userid, external_userid: externalUserId, ended: true }];
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { joinWayConfigIdField } from './joinWayFields';

const DEL_JOIN_WAY = wecomApi('POST', 'externalcontact/groupchat/del_join_way', {
	changesData: true,
});

export const operation = defineOperation({
	value: 'deleteJoinWay',
	name: 'Delete Join Way',
	action: 'Delete a group join way',
	description:
		'Delete a join way; its group QR code stops working (删除客户群进群方式配置, groupchat/del_join_way)',
	calls: [DEL_JOIN_WAY],
	properties: [joinWayConfigIdField],
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const configId = requiredString.call(this, 'joinWayConfigId', 'Join Way Config ID', itemIndex);
	await weComApiRequest.call(this, { api: DEL_JOIN_WAY, body: { config_id: configId }, itemIndex });
	return [{ config_id: configId, deleted: true }];
}

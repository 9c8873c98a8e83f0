import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_JOIN_WAY, joinWayConfigIdField } from './joinWayFields';

export const operation = defineOperation({
	value: 'getJoinWay',
	name: 'Get Join Way',
	action: 'Get a group join way',
	description:
		'A join way’s groups, state and QR code (获取客户群进群方式配置, groupchat/get_join_way)',
	calls: [GET_JOIN_WAY],
	properties: [joinWayConfigIdField],
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const configId = requiredString.call(this, 'joinWayConfigId', 'Join Way Config ID', itemIndex);
	const response = await weComApiRequest.call(this, {
		api: GET_JOIN_WAY,
		body: { config_id: configId },
		itemIndex,
	});
	return [(response.join_way as IDataObject | undefined) ?? {}];
}

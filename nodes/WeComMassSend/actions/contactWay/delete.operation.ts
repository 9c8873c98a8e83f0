import type { IExecuteFunctions } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { configIdField } from './configId.description';

const DEL_CONTACT_WAY = wecomApi('POST', 'externalcontact/del_contact_way', { changesData: true });

export const operation = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a contact way',
	description:
		'Delete a contact way; its QR code stops working (删除企业已配置的「联系我」方式, del_contact_way)',
	calls: [DEL_CONTACT_WAY],
	properties: [configIdField],
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const configId = requiredString.call(this, 'configId', 'Config ID', itemIndex);
	await weComApiRequest.call(this, {
		api: DEL_CONTACT_WAY,
		body: { config_id: configId },
		itemIndex,
	});
	return [{ config_id: configId, deleted: true }];
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { configIdField } from './configId.description';

export const GET_CONTACT_WAY = wecomApi('POST', 'externalcontact/get_contact_way', {
	changesData: false,
});

export const operation = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a contact way',
	description:
		'A contact way’s members, state, QR code and settings (获取企业已配置的「联系我」方式, get_contact_way)',
	calls: [GET_CONTACT_WAY],
	properties: [configIdField],
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const configId = requiredString.call(this, 'configId', 'Config ID', itemIndex);
	return [await readContactWay.call(this, configId, itemIndex)];
}

export async function readContactWay(
	this: IExecuteFunctions,
	configId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await weComApiRequest.call(this, {
		api: GET_CONTACT_WAY,
		body: { config_id: configId },
		itemIndex,
	});
	return (response.contact_way as IDataObject | undefined) ?? {};
}

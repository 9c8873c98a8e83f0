import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { msgIdField } from './msgId.description';

const CANCEL = wecomApi('POST', 'externalcontact/cancel_groupmsg_send', { changesData: true });

const properties: INodeProperties[] = [
	msgIdField,
	{
		displayName:
			'Cancelling stops only the parts members have not sent yet (停止企业群发); messages already ' +
			'sent cannot be recalled. Cancelling twice is harmless.',
		name: 'cancelNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a mass message',
	description: 'Stop the parts members have not sent yet (停止企业群发, cancel_groupmsg_send)',
	calls: [CANCEL],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const msgid = requiredString.call(this, 'msgId', 'Message ID', itemIndex);
	await weComApiRequest.call(this, { api: CANCEL, body: { msgid }, itemIndex });
	return [{ msgid, canceled: true }];
}

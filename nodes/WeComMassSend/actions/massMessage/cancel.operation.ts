import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { allowAsAiToolOption } from '../common/agentUse';
import { requiredString } from '../common/fields';
import type { OperationResult } from '../types';
import { msgIdField } from './msgId.description';

const properties: INodeProperties[] = [
	msgIdField,
	{
		displayName:
			'Cancelling stops only the parts members have not sent yet (停止企业群发); messages already sent cannot be recalled. Cancelling twice is harmless.',
		name: 'cancelNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [allowAsAiToolOption('cancel mass messages')],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['massMessage'], operation: ['cancel'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const msgid = requiredString.call(this, 'msgId', 'Message ID', itemIndex);
	await weComApiRequest.call(this, { endpoint: 'cancelMassMessage', body: { msgid }, itemIndex });
	return [{ msgid, canceled: true }];
}

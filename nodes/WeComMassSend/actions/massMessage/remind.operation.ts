import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import type { OperationResult } from '../types';
import { msgIdField } from './msgId.description';

const properties: INodeProperties[] = [
	msgIdField,
	{
		displayName: 'WeCom accepts at most 3 reminders per message in 24 hours (提醒成员群发)',
		name: 'remindNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['massMessage'], operation: ['remind'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const msgid = requiredString.call(this, 'msgId', 'Message ID', itemIndex);
	await weComApiRequest.call(this, { endpoint: 'remindMassMessage', body: { msgid }, itemIndex });
	return [{ msgid, reminded: true }];
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import type { OperationResult } from '../types';
import { errcodeOf, explainApiError } from './apiErrors';
import { msgIdField } from './msgId.description';

/** WeCom answers the 4th reminder within 24 hours with its generic frequency-limit code. */
const FREQUENCY_LIMIT = 45009;

const properties: INodeProperties[] = [
	msgIdField,
	{
		displayName:
			'WeCom accepts at most 3 reminders per message in 24 hours (提醒成员群发). Only members who have not sent it yet are reminded.',
		name: 'remindNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['massMessage'], operation: ['remind'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const msgid = requiredString.call(this, 'msgId', 'Message ID', itemIndex);
	try {
		await weComApiRequest.call(this, { endpoint: 'remindMassMessage', body: { msgid }, itemIndex });
	} catch (error) {
		throw explainApiError.call(
			this,
			error,
			itemIndex,
			errcodeOf(error) === FREQUENCY_LIMIT
				? {
						message: 'this message has most likely had its 3 reminders of the last 24 hours',
						description:
							'WeCom allows at most 3 reminders per message (msgid) within 24 hours (提醒成员群发). Try again once 24 hours have passed since the first of them.',
						context: { msgid },
					}
				: undefined,
		);
	}
	return [{ msgid, reminded: true }];
}

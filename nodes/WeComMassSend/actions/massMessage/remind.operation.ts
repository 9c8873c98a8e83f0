import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { allowAsAiToolOption } from '../common/agentUse';
import { requiredString } from '../common/fields';
import type { OperationResult } from '../types';
import { errcodeOf, explainApiError } from './apiErrors';
import { msgIdField } from './msgId.description';

/**
 * WeCom documents the 3-reminders-per-24-hours quota but no errcode for a 4th reminder; its
 * general frequency limit is the likely answer, so the explanation says "may".
 */
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [allowAsAiToolOption('remind members')],
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
						message: 'this message may have had its 3 reminders of the last 24 hours',
						description:
							'WeCom allows at most 3 reminders per message (msgid) within 24 hours (提醒成员群发); if this message had them, try again once 24 hours have passed since the first. Otherwise the corp reached WeCom’s general call frequency limit.',
						context: { msgid },
					}
				: undefined,
		);
	}
	return [{ msgid, reminded: true }];
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { errcodeOf, explainApiError } from '../../../shared/transport/apiError';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { msgIdField } from './msgId.description';

const REMIND = wecomApi('POST', 'externalcontact/remind_groupmsg_send', {
	changesData: true,
	repeatRisk: 'remind the members twice and use up a second of the 3 daily reminders',
});

/**
 * WeCom documents the 3-reminders-per-24-hours quota but no errcode for a 4th reminder; its
 * general frequency limit is the likely answer, so the explanation says "may".
 */
const FREQUENCY_LIMIT = 45009;

const properties: INodeProperties[] = [
	msgIdField,
	{
		displayName:
			'WeCom accepts at most 3 reminders per message in 24 hours (提醒成员群发). Only members who ' +
			'have not sent it yet are reminded.',
		name: 'remindNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'remind',
	name: 'Remind',
	action: 'Remind members to send a mass message',
	description: 'Remind the members who have not sent it yet (提醒成员群发, remind_groupmsg_send)',
	calls: [REMIND],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const msgid = requiredString.call(this, 'msgId', 'Message ID', itemIndex);
	try {
		await weComApiRequest.call(this, { api: REMIND, body: { msgid }, itemIndex });
	} catch (error) {
		throw explainApiError.call(
			this,
			error,
			itemIndex,
			errcodeOf(error) === FREQUENCY_LIMIT
				? {
						message: 'this message may have had its 3 reminders of the last 24 hours',
						description:
							'WeCom allows at most 3 reminders per message (msgid) within 24 hours ' +
							'(提醒成员群发); if this message had them, try again once 24 hours have passed since ' +
							'the first. Otherwise the corp reached WeCom’s general call frequency limit.',
						context: { msgid },
					}
				: undefined,
		);
	}
	return [{ msgid, reminded: true }];
}

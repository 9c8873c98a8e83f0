import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectPages } from '../../../shared/transport/paginate';
import { invalidField, requiredString } from '../common/fields';
import { memberId, memberLocator } from '../common/memberLocator';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { msgIdField } from './msgId.description';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { GET_SEND_RESULTS, TASK_PAGE_SIZE, sendResultPages } from './readers';
import { sendResultItem } from './resultItems';

const properties: INodeProperties[] = [
	msgIdField,
	memberLocator({
		displayName: 'Member',
		name: 'userId',
		required: true,
		description: 'The member (成员 UserID) whose sending results to read',
	}),
	...returnAllOrLimit,
	{
		displayName:
			'One item per customer or group (获取企业群发成员执行结果). Status: 0 unsent, 1 sent, 2 not a ' +
			'friend, 3 monthly limit reached. Each item has external_userid (customers) or chat_id ' +
			'(groups); the other key is null, and targetType says which.',
		name: 'sendResultsNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'getSendResults',
	name: 'Get Send Results',
	action: 'Get the send results of a member',
	description:
		'Per customer or group results of one member (获取企业群发成员执行结果, get_groupmsg_send_result)',
	calls: [GET_SEND_RESULTS],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const msgid = requiredString.call(this, 'msgId', 'Message ID', itemIndex);
	const userid = memberId.call(this, 'userId', itemIndex);
	if (!userid) throw invalidField(this, itemIndex, 'userId', '"Member" is required');
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const results = await collectPages(sendResultPages.call(this, itemIndex, msgid, userid), {
		maxPageSize: TASK_PAGE_SIZE,
		limit,
	});
	return results.map((result) => sendResultItem(msgid, result));
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pages } from '../../../shared/transport/paginate';
import { parseIdList } from '../../../shared/idList';
import { invalidField, requiredString } from '../common/fields';
import { memberLocator, memberValue } from '../common/memberLocator';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { msgIdField } from './msgId.description';
import {
	GET_MEMBER_TASKS,
	GET_SEND_RESULTS,
	TASK_PAGE_SIZE,
	memberTaskPages,
	sendResultPages,
} from './readers';
import { ReportSummary } from './reportSummary';
import { sendResultItem } from './resultItems';

const properties: INodeProperties[] = [
	msgIdField,
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Results',
				value: 'results',
				description:
					'One item per customer or group: msgid, userid, external_userid or chat_id, status, ' +
					'statusLabel, send_time',
			},
			{
				name: 'Summary',
				value: 'summary',
				description: 'One item with counts per status and per member; suited to large messages',
			},
		],
		default: 'summary',
	},
	memberLocator(
		{
			displayName: 'Members',
			name: 'memberUserIds',
			description:
				'Members (成员 UserID) whose results to read: one from the list, or By ID comma or ' +
				'newline separated. Empty: every member of the message, from its member task list.',
			hint: 'Needed for messages created before 2020-11-17: WeCom keeps no member task list for them',
		},
		'zhangsan, lisi',
	),
	{
		displayName:
			'The real delivery report (群发执行结果): reads the member task list, then every member’s ' +
			'results. Status: 0 unsent, 1 sent, 2 not a friend, 3 monthly limit reached.',
		name: 'reportNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'getReport',
	name: 'Get Report',
	action: 'Get the delivery report of a mass message',
	description:
		'Every member’s results of a mass message, as items or as a summary (get_groupmsg_task + ' +
		'get_groupmsg_send_result)',
	calls: [GET_MEMBER_TASKS, GET_SEND_RESULTS],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const msgid = requiredString.call(this, 'msgId', 'Message ID', itemIndex);
	const output = String(this.getNodeParameter('output', itemIndex, 'summary'));
	if (output !== 'results' && output !== 'summary') {
		throw invalidField(this, itemIndex, 'output', '"Output" must be results or summary');
	}
	const given = parseIdList(memberValue.call(this, 'memberUserIds', itemIndex));
	if (!given.ok) throw invalidField(this, itemIndex, 'memberUserIds', `"Members": ${given.reason}`);

	const summary = new ReportSummary(msgid, given.ids.length > 0 ? 'memberUserIds' : 'memberTasks');
	const members: string[] = [...given.ids];
	for (const userid of given.ids) summary.addMember(userid);
	if (members.length === 0) {
		for await (const tasks of pages(memberTaskPages.call(this, itemIndex, msgid), {
			maxPageSize: TASK_PAGE_SIZE,
		})) {
			for (const task of tasks) {
				const userid = String(task.userid);
				members.push(userid);
				summary.addMember(userid, task);
			}
		}
	}

	const results: IDataObject[] = [];
	for (const userid of members) {
		for await (const page of pages(sendResultPages.call(this, itemIndex, msgid, userid), {
			maxPageSize: TASK_PAGE_SIZE,
		})) {
			summary.addResults(userid, page);
			if (output === 'results')
				for (const result of page) results.push(sendResultItem(msgid, result));
		}
	}
	return output === 'results' ? results : [summary.toJson()];
}

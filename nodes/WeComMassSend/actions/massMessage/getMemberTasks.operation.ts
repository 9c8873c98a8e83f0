import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectPages } from '../../../shared/transport/paginate';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { msgIdField } from './msgId.description';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { GET_MEMBER_TASKS, TASK_PAGE_SIZE, memberTaskPages } from './readers';
import { memberTaskItem } from './resultItems';

const properties: INodeProperties[] = [
	msgIdField,
	...returnAllOrLimit,
	{
		displayName:
			'One item per member (获取群发成员发送任务列表): status 0 = unsent, 2 = sent. WeCom has no task ' +
			'list for messages created before 2020-11-17; use Get Send Results or Get Report with ' +
			'Members filled in for those.',
		name: 'memberTasksNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'getMemberTasks',
	name: 'Get Member Tasks',
	action: 'Get the member tasks of a mass message',
	description:
		'Which members have sent a mass message (获取群发成员发送任务列表, get_groupmsg_task)',
	calls: [GET_MEMBER_TASKS],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const msgid = requiredString.call(this, 'msgId', 'Message ID', itemIndex);
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const tasks = await collectPages(memberTaskPages.call(this, itemIndex, msgid), {
		maxPageSize: TASK_PAGE_SIZE,
		limit,
	});
	return tasks.map((task) => memberTaskItem(msgid, task));
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectPages } from '../../../shared/transport/paginate';
import { requiredString } from '../common/fields';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_MOMENT_TASKS, TASK_PAGE_SIZE, momentPages } from './apis';
import { momentIdField } from './momentId.description';

const properties: INodeProperties[] = [
	momentIdField,
	...returnAllOrLimit,
	{
		displayName:
			'One item per member (获取客户朋友圈企业发表的列表): publish_status 0 = not yet published, 1 = published.',
		name: 'memberTasksNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'getMemberTasks',
	name: 'Get Member Tasks',
	action: 'Get the member tasks of a moment',
	description:
		'Which members have published a company moment (获取客户朋友圈企业发表的列表, get_moment_task)',
	calls: [GET_MOMENT_TASKS],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const momentId = requiredString.call(this, 'momentId', 'Moment ID', itemIndex);
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const tasks = await collectPages(
		momentPages.call(this, itemIndex, GET_MOMENT_TASKS, { moment_id: momentId }, 'task_list'),
		{
			maxPageSize: TASK_PAGE_SIZE,
			limit,
		},
	);
	return tasks.map((task) => ({
		moment_id: momentId,
		userid: task.userid,
		publish_status: task.publish_status,
		published: task.publish_status === 1,
	}));
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectPages, pages } from '../../../shared/transport/paginate';
import { invalidField, requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import {
	GET_MOMENT_SEND_RESULTS,
	GET_MOMENT_TASKS,
	SEND_RESULT_PAGE_SIZE,
	TASK_PAGE_SIZE,
	momentPages,
} from './apis';
import { momentIdField } from './momentId.description';

const properties: INodeProperties[] = [
	momentIdField,
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Summary',
				value: 'summary',
				description:
					'One item: members published / not yet, customers reached, and per member counts',
			},
			{
				name: 'One Item per Member',
				value: 'members',
				description: 'userid, published, customersReached (and the customer IDs when included)',
			},
		],
		default: 'summary',
	},
	{
		displayName: 'Include Customer IDs',
		name: 'includeCustomerIds',
		type: 'boolean',
		default: false,
		description:
			'Whether to list the external_userid of every customer reached, not only their number',
	},
	{
		displayName:
			'The moment’s report (企业朋友圈执行情况): reads the member task list (get_moment_task, 1,000 members ' +
			'a request), then the customers reached of each member who published (get_moment_send_result, ' +
			'5,000 a request). Members who have not published are not asked: WeCom has nothing for them.',
		name: 'reportNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'getReport',
	name: 'Get Report',
	action: 'Get the report of a company moment',
	description:
		'Per member whether they published a company moment, and the customers reached (get_moment_task + get_moment_send_result)',
	calls: [GET_MOMENT_TASKS, GET_MOMENT_SEND_RESULTS],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const momentId = requiredString.call(this, 'momentId', 'Moment ID', itemIndex);
	const output = String(this.getNodeParameter('output', itemIndex, 'summary'));
	if (output !== 'summary' && output !== 'members') {
		throw invalidField(this, itemIndex, 'output', '"Output" must be summary or members');
	}
	const includeIds = this.getNodeParameter('includeCustomerIds', itemIndex, false) === true;

	const tasks = await collectPages(
		momentPages.call(this, itemIndex, GET_MOMENT_TASKS, { moment_id: momentId }, 'task_list'),
		{
			maxPageSize: TASK_PAGE_SIZE,
		},
	);
	const members: IDataObject[] = [];
	const reachedAll = new Set<string>();
	for (const task of tasks) {
		const userid = String(task.userid);
		const published = task.publish_status === 1;
		const reached: string[] = [];
		// Only a published moment reached anyone: skipping the others is the minimum number of requests.
		if (published) {
			const query = { moment_id: momentId, userid };
			for await (const page of pages(
				momentPages.call(this, itemIndex, GET_MOMENT_SEND_RESULTS, query, 'customer_list'),
				{
					maxPageSize: SEND_RESULT_PAGE_SIZE,
				},
			)) {
				for (const customer of page) reached.push(String(customer.external_userid));
			}
		}
		for (const id of reached) reachedAll.add(id);
		members.push({
			moment_id: momentId,
			userid,
			published,
			customersReached: reached.length,
			...(includeIds ? { external_userids: reached } : {}),
		});
	}
	if (output === 'members') return members;
	const publishedCount = members.filter((m) => m.published).length;
	return [
		{
			moment_id: momentId,
			members: members.length,
			membersPublished: publishedCount,
			membersNotPublished: members.length - publishedCount,
			// A customer followed by two members who both published is counted once.
			customersReached: reachedAll.size,
			...(includeIds ? { external_userids: [...reachedAll] } : {}),
			perMember: members.map(({ userid, published, customersReached }) => ({
				userid,
				published,
				customersReached,
			})),
		},
	];
}

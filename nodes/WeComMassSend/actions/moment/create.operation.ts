import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseIdList } from '../../../shared/idList';
import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField } from '../common/fields';
import { tagListField, readTagList } from '../customerTag/tagLocator';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_TASK_RESULT, waitForMomentJob } from './jobResult';
import { momentContentBody, momentContentProperties, readMomentContent } from './momentContent';
import { UPLOAD_ATTACHMENT } from './uploadAttachment';

const ADD_MOMENT_TASK = wecomApi('POST', 'externalcontact/add_moment_task', {
	changesData: true,
	repeatRisk: 'create the moment twice, so members are asked to publish it twice',
});

/** sender_list.user_list: at most 100,000 members (page 95094). */
export const SENDERS_MAX = 100000;

const properties: INodeProperties[] = [
	...momentContentProperties,
	{
		displayName: 'Members',
		name: 'members',
		type: 'string',
		default: '',
		placeholder: 'zhangsan, lisi',
		description:
			'Members (成员 UserID) who publish it (sender_list.user_list), comma or newline ' +
			'separated, or an array from an expression; at most 100,000. Empty: every member the ' +
			'app can see.',
	},
	tagListField(
		'customerTags',
		'Customer Tags',
		'Only customers with these corp tags (企业客户标签) see it (external_contact_list.tag_list); ' +
			'empty: all of each member’s customers',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Wait for Result',
				name: 'waitForResult',
				type: 'boolean',
				default: true,
				description:
					'Whether to wait for WeCom to finish the task (get_moment_task_result) and output ' +
					'the moment ID; otherwise output the job ID at once',
			},
			{
				displayName: 'Max Polls',
				name: 'maxPolls',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 60 },
				default: 10,
				description: 'How many times to ask WeCom for the result before giving up waiting',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 60 },
				default: 2,
			},
		],
	},
];

export const operation = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a company moment',
	description:
		'Ask members to publish a moment to their customers (企业发表内容到客户的朋友圈, add_moment_task)',
	calls: [UPLOAD_ATTACHMENT, ADD_MOMENT_TASK, GET_TASK_RESULT],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const plan = await readMomentContent.call(this, itemIndex);
	const members = parseIdList(this.getNodeParameter('members', itemIndex, ''));
	if (!members.ok) throw invalidField(this, itemIndex, 'members', `"Members": ${members.reason}`);
	if (members.ids.length > SENDERS_MAX) {
		throw invalidField(
			this,
			itemIndex,
			'members',
			`"Members" lists ${members.ids.length} members; WeCom takes at most ${SENDERS_MAX} per moment`,
		);
	}
	const tags = readTagList.call(this, 'customerTags', 'Customer Tags', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const wait = options.waitForResult !== false;
	const maxPolls = Math.max(1, Math.floor(Number(options.maxPolls ?? 10)) || 10);
	const intervalMs = Math.max(0, Number(options.pollIntervalSeconds ?? 2) || 0) * 1000;

	const body: IDataObject = {
		...(await momentContentBody.call(this, itemIndex, plan)),
		...(members.ids.length || tags.length
			? {
					visible_range: {
						...(members.ids.length ? { sender_list: { user_list: members.ids } } : {}),
						...(tags.length ? { external_contact_list: { tag_list: tags } } : {}),
					},
				}
			: {}),
	};
	const created = await weComApiRequest.call(this, { api: ADD_MOMENT_TASK, body, itemIndex });
	const jobid = String(created.jobid ?? '');
	if (!wait) return [{ jobid, done: false }];

	const outcome = await waitForMomentJob.call(this, itemIndex, jobid, { maxPolls, intervalMs });
	if (!outcome.done) {
		return [
			{
				jobid,
				done: false,
				status: outcome.status,
				message: `WeCom was still creating the moment after ${outcome.polls} polls (status ${outcome.status}); the task was submitted. Read it later with Moment → Get Many, or raise Options → Max Polls.`,
			},
		];
	}
	const result = outcome.result;
	if (Number(result.errcode ?? 0) !== 0) {
		// The job ran and WeCom refused it: nothing to repeat, so the error says what to fix.
		const error = new NodeOperationError(
			this.getNode(),
			`WeCom refused the moment: errcode ${String(result.errcode)} ${String(result.errmsg ?? '')}`,
			{
				itemIndex,
				description:
					'The task was submitted but WeCom could not create it: check the text, the ' +
					'attachments (media_ids from upload_attachment, valid 3 days) and the members.',
			},
		);
		Object.assign(error.context, { api: 'add_moment_task', errcode: result.errcode, jobid });
		throw error;
	}
	const invalidSenders = (result.invalid_sender_list as IDataObject | undefined) ?? {};
	const invalidCustomers = (result.invalid_external_contact_list as IDataObject | undefined) ?? {};
	return [
		{
			jobid,
			done: true,
			moment_id: result.moment_id,
			invalidMembers: (invalidSenders.user_list as string[] | undefined) ?? [],
			invalidDepartments: (invalidSenders.department_list as number[] | undefined) ?? [],
			invalidTags: (invalidCustomers.tag_list as string[] | undefined) ?? [],
		},
	];
}

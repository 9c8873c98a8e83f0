import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as getMany from './getMany.operation';
import * as getMemberTasks from './getMemberTasks.operation';
import * as getReport from './getReport.operation';
import * as getSendResults from './getSendResults.operation';
import * as remind from './remind.operation';

export const massMessage = {
	operations: { create, remind, cancel, getMany, getMemberTasks, getSendResults, getReport } satisfies ResourceOperations,
	description: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['massMessage'] } },
			options: [
				{
					name: 'Cancel',
					value: 'cancel',
					action: 'Cancel a mass message',
					description: 'Stop the parts members have not sent yet (停止企业群发, S3)',
				},
				{
					name: 'Create',
					value: 'create',
					action: 'Create a mass message',
					description: 'Create a mass message task for members to send (创建企业群发, S1)',
				},
				{
					name: 'Get Many',
					value: 'getMany',
					action: 'Get many mass messages',
					description: 'List mass messages created in a time range (获取群发记录列表, S4)',
				},
				{
					name: 'Get Member Tasks',
					value: 'getMemberTasks',
					action: 'Get the member tasks of a mass message',
					description: 'Which members have sent a mass message (获取群发成员发送任务列表, S5)',
				},
				{
					name: 'Get Report',
					value: 'getReport',
					action: 'Get the delivery report of a mass message',
					description: 'Every member’s results of a mass message, as items or as a summary (S5 + S6)',
				},
				{
					name: 'Get Send Results',
					value: 'getSendResults',
					action: 'Get the send results of a member',
					description: 'Per customer or group results of one member (获取企业群发成员执行结果, S6)',
				},
				{
					name: 'Remind',
					value: 'remind',
					action: 'Remind members to send a mass message',
					description: 'Remind the members who have not sent it yet (提醒成员群发, S2)',
				},
			],
			default: 'create',
		},
		...create.description,
		...remind.description,
		...cancel.description,
		...getMany.description,
		...getMemberTasks.description,
		...getSendResults.description,
		...getReport.description,
	] as INodeProperties[],
};

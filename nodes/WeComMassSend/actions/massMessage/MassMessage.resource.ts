import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';
import * as remind from './remind.operation';

export const massMessage = {
	operations: { remind } satisfies ResourceOperations,
	description: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['massMessage'] } },
			options: [
				{
					name: 'Remind',
					value: 'remind',
					action: 'Remind members to send a mass message',
					description: 'Remind the members who have not sent it yet (提醒成员群发, S2)',
				},
			],
			default: 'remind',
		},
		...remind.description,
	] as INodeProperties[],
};

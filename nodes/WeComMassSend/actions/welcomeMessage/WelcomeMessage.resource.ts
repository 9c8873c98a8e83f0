import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';
import * as send from './send.operation';

export const welcomeMessage = {
	operations: { send } satisfies ResourceOperations,
	description: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['welcomeMessage'] } },
			options: [
				{
					name: 'Send',
					value: 'send',
					action: 'Send a welcome message to a new customer',
					description: 'Greet a customer who just added a member, with the WelcomeCode from the WeCom Trigger (发送新客户欢迎语)',
				},
			],
			default: 'send',
		},
		...send.description,
	] as INodeProperties[],
};

import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';
import * as call from './call.operation';

export const apiCall = {
	operations: { call } satisfies ResourceOperations,
	description: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['apiCall'] } },
			options: [
				{
					name: 'Call',
					value: 'call',
					action: 'Call a WeCom API',
					description: 'Call any WeCom API under /cgi-bin/ with this credential’s access token (调用任意企业微信接口)',
				},
			],
			default: 'call',
		},
		...call.description,
	] as INodeProperties[],
};

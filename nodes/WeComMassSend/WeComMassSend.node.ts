import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { apiCall } from './actions/apiCall/ApiCall.resource';
import { groupWelcomeTemplate } from './actions/groupWelcomeTemplate/GroupWelcomeTemplate.resource';
import { massMessage } from './actions/massMessage/MassMessage.resource';
import { media } from './actions/media/Media.resource';
import { router } from './actions/router';
import { welcomeMessage } from './actions/welcomeMessage/WelcomeMessage.resource';
import { searchMembers } from './methods/listSearch';

export class WeComMassSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom Mass Send',
		name: 'weComMassSend',
		icon: { light: 'file:wecom.svg', dark: 'file:wecom.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Mass messages, welcome messages and group welcome templates for WeCom (企业微信) customers',
		defaults: { name: 'WeCom Mass Send' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'weComApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'API Call', value: 'apiCall', description: '任意企业微信接口: any WeCom API, with the token handled for you' },
					{ name: 'Group Welcome Template', value: 'groupWelcomeTemplate', description: '入群欢迎语素材' },
					{ name: 'Mass Message', value: 'massMessage', description: '企业群发' },
					{ name: 'Media', value: 'media', description: '素材: upload files for attachments' },
					{ name: 'Welcome Message', value: 'welcomeMessage', description: '新客户欢迎语' },
				],
				default: 'massMessage',
			},
			...massMessage.description,
			...welcomeMessage.description,
			...groupWelcomeTemplate.description,
			...media.description,
			...apiCall.description,
		],
	};

	methods = { listSearch: { searchMembers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties } from './actions/resources';
import { router } from './actions/router';
import { searchCustomerTags } from './methods/customerTags';
import { searchCustomerGroups } from './methods/groupSearch';
import { searchMembers } from './methods/listSearch';

/**
 * The WeCom action node. Its internal name stays `weComMassSend` (saved workflows refer to it);
 * what it holds is registered in actions/resources.ts.
 */
export class WeComMassSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom',
		name: 'weComMassSend',
		icon: { light: 'file:wecom.svg', dark: 'file:wecom.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Customer contact (企业微信 客户联系): customers, tags, QR codes, groups, mass messages, welcome messages and any WeCom API',
		defaults: { name: 'WeCom' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'weComApi', required: true }],
		properties: resourceProperties,
	};

	methods = { listSearch: { searchMembers, searchCustomerTags, searchCustomerGroups } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { agentIdOption, templateIdField } from './fields.description';
import { agentIdOf } from './templateContent';

const TEMPLATE_DEL = wecomApi('POST', 'externalcontact/group_welcome_template/del', {
	changesData: true,
	repeatRisk: 'report a template that was deleted as not found',
});

const properties: INodeProperties[] = [
	templateIdField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [agentIdOption],
	},
];

export const operation = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a group welcome template',
	description:
		'Delete a template created by this app (删除入群欢迎语素材, group_welcome_template/del)',
	calls: [TEMPLATE_DEL],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const templateId = requiredString.call(this, 'templateId', 'Template ID', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	await weComApiRequest.call(this, {
		api: TEMPLATE_DEL,
		body: { template_id: templateId, ...agentIdOf(options) },
		itemIndex,
	});
	return [{ template_id: templateId, deleted: true }];
}

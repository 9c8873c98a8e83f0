import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { allowAsAiToolOption } from '../common/agentUse';
import { requiredString } from '../common/fields';
import type { OperationResult } from '../types';
import { agentIdOption, templateIdField } from './fields.description';
import { agentIdOf } from './templateContent';

const properties: INodeProperties[] = [
	templateIdField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [agentIdOption, allowAsAiToolOption('delete group welcome templates')],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['groupWelcomeTemplate'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const templateId = requiredString.call(this, 'templateId', 'Template ID', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	await weComApiRequest.call(this, {
		endpoint: 'deleteGroupWelcomeTemplate',
		body: { template_id: templateId, ...agentIdOf(options) },
		itemIndex,
	});
	return [{ template_id: templateId, deleted: true }];
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { allowAsAiToolOption } from '../common/agentUse';
import { contentFields } from '../common/content.description';
import type { ExecutionState, OperationResult } from '../types';
import { agentIdOption, fixNicknameOption } from './fields.description';
import { TEMPLATE_TEXT_MAX_BYTES } from '../../../shared/validation/limits';
import { readTemplateBody } from './templateContent';

const properties: INodeProperties[] = [
	...contentFields({
		resource: 'groupWelcomeTemplate',
		operations: ['create'],
		textMaxBytes: TEMPLATE_TEXT_MAX_BYTES,
		attachments: 'one',
	}),
	{
		displayName: 'Notify Members',
		name: 'notify',
		type: 'boolean',
		default: true,
		description: 'Whether WeCom tells the members that a new group welcome template is available (notify)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [agentIdOption, fixNicknameOption, allowAsAiToolOption('create group welcome templates')],
	},
	{
		displayName: 'A corp can hold at most 100 group welcome templates; delete unused ones to make room',
		name: 'templateLimitNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['groupWelcomeTemplate'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, state: ExecutionState): Promise<OperationResult> {
	const { body, warnings } = await readTemplateBody.call(this, itemIndex, state);
	body.notify = this.getNodeParameter('notify', itemIndex, true) ? 1 : 0;
	const response = await weComApiRequest.call(this, { endpoint: 'createGroupWelcomeTemplate', body, itemIndex });
	return [{ template_id: response.template_id, warnings }];
}

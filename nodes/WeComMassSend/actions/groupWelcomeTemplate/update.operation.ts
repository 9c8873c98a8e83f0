import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { allowAsAiToolOption } from '../common/agentUse';
import { contentFields } from '../common/content.description';
import { requiredString } from '../common/fields';
import type { ExecutionState, OperationResult } from '../types';
import { agentIdOption, fixNicknameOption, templateIdField } from './fields.description';
import { TEMPLATE_TEXT_MAX_BYTES } from '../../../shared/validation/limits';
import { readTemplateBody } from './templateContent';

const properties: INodeProperties[] = [
	templateIdField,
	...contentFields({
		resource: 'groupWelcomeTemplate',
		operations: ['update'],
		textMaxBytes: TEMPLATE_TEXT_MAX_BYTES,
		attachments: 'one',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [agentIdOption, fixNicknameOption, allowAsAiToolOption('change group welcome templates')],
	},
	{
		displayName: 'Only templates created by this app can be edited',
		name: 'ownTemplatesNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['groupWelcomeTemplate'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, state: ExecutionState): Promise<OperationResult> {
	const templateId = requiredString.call(this, 'templateId', 'Template ID', itemIndex);
	const { body, warnings } = await readTemplateBody.call(this, itemIndex, state);
	await weComApiRequest.call(this, {
		endpoint: 'updateGroupWelcomeTemplate',
		body: { template_id: templateId, ...body },
		itemIndex,
	});
	return [{ template_id: templateId, updated: true, warnings }];
}

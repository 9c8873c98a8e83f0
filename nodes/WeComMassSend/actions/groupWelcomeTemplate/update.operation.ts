import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { contentFields } from '../common/content.description';
import { UPLOAD_MEDIA } from '../common/uploadMedia';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { ExecutionState, OperationResult } from '../types';
import { agentIdOption, fixNicknameOption, templateIdField } from './fields.description';
import { TEMPLATE_TEXT_MAX_BYTES } from '../../../shared/limits';
import { readTemplateBody } from './templateContent';

const TEMPLATE_EDIT = wecomApi('POST', 'externalcontact/group_welcome_template/edit', {
	changesData: true,
});

const properties: INodeProperties[] = [
	templateIdField,
	...contentFields({ textMaxBytes: TEMPLATE_TEXT_MAX_BYTES, attachments: 'one', nickname: true }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [agentIdOption, fixNicknameOption],
	},
	{
		displayName: 'Only templates created by this app can be edited',
		name: 'ownTemplatesNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a group welcome template',
	description:
		'Change a template created by this app (编辑入群欢迎语素材, group_welcome_template/edit)',
	calls: [TEMPLATE_EDIT, UPLOAD_MEDIA],
	properties,
	execute,
});

async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
): Promise<OperationResult> {
	const templateId = requiredString.call(this, 'templateId', 'Template ID', itemIndex);
	const { body, warnings } = await readTemplateBody.call(this, itemIndex, state);
	await weComApiRequest.call(this, {
		api: TEMPLATE_EDIT,
		body: { template_id: templateId, ...body },
		itemIndex,
	});
	return [{ template_id: templateId, updated: true, warnings }];
}

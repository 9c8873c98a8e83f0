import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { contentFields } from '../common/content.description';
import { UPLOAD_MEDIA } from '../common/uploadMedia';
import { defineOperation } from '../operation';
import type { ExecutionState, OperationResult } from '../types';
import { agentIdOption, fixNicknameOption } from './fields.description';
import { TEMPLATE_TEXT_MAX_BYTES } from '../../../shared/limits';
import { readTemplateBody } from './templateContent';

const TEMPLATE_ADD = wecomApi('POST', 'externalcontact/group_welcome_template/add', {
	changesData: true,
	repeatRisk: 'create a second template, and a corp holds at most 100',
	answerField: 'template_id',
});

const properties: INodeProperties[] = [
	...contentFields({ textMaxBytes: TEMPLATE_TEXT_MAX_BYTES, attachments: 'one', nickname: true }),
	{
		displayName: 'Notify Members',
		name: 'notify',
		type: 'boolean',
		default: true,
		description:
			'Whether WeCom tells the members that a new group welcome template is available (notify)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [agentIdOption, fixNicknameOption],
	},
	{
		displayName:
			'A corp can hold at most 100 group welcome templates; delete unused ones to make room',
		name: 'templateLimitNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a group welcome template',
	description:
		'Add a welcome message for customers joining a group (添加入群欢迎语素材, group_welcome_template/add)',
	calls: [TEMPLATE_ADD, UPLOAD_MEDIA],
	properties,
	execute,
});

async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
): Promise<OperationResult> {
	const { body, warnings } = await readTemplateBody.call(this, itemIndex, state);
	body.notify = this.getNodeParameter('notify', itemIndex, true) ? 1 : 0;
	const response = await weComApiRequest.call(this, { api: TEMPLATE_ADD, body, itemIndex });
	return [{ template_id: response.template_id, warnings }];
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { templateIdField } from './fields.description';

const TEMPLATE_GET = wecomApi('POST', 'externalcontact/group_welcome_template/get', {
	changesData: false,
});

const properties: INodeProperties[] = [templateIdField];

export const operation = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a group welcome template',
	description:
		'Read a template’s text and attachment (获取入群欢迎语素材, group_welcome_template/get)',
	calls: [TEMPLATE_GET],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const templateId = requiredString.call(this, 'templateId', 'Template ID', itemIndex);
	// POST with a JSON body, as WeCom's page and every SDK do (not GET with a query parameter).
	const response = await weComApiRequest.call(this, {
		api: TEMPLATE_GET,
		body: { template_id: templateId },
		itemIndex,
	});
	const { errcode, errmsg, ...template } = response;
	return [{ template_id: templateId, ...template }];
}

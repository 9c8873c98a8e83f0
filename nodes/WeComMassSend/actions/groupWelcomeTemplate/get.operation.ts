import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import type { OperationResult } from '../types';
import { templateIdField } from './fields.description';

const properties: INodeProperties[] = [templateIdField];

export const description = updateDisplayOptions({ show: { resource: ['groupWelcomeTemplate'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const templateId = requiredString.call(this, 'templateId', 'Template ID', itemIndex);
	// POST with a JSON body, as WeCom's page and every SDK do (not GET with a query parameter).
	const response = await weComApiRequest.call(this, {
		endpoint: 'getGroupWelcomeTemplate',
		body: { template_id: templateId },
		itemIndex,
	});
	const { errcode, errmsg, ...template } = response;
	return [{ template_id: templateId, ...template }];
}

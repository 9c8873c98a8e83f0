import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toTemplateField, type Attachment } from '../../validation/attachments';
import { TEMPLATE_TEXT_MAX_BYTES } from '../../../shared/limits';
import { readMessageContent } from '../common/content';
import type { ExecutionState } from '../types';

/** WeCom's limit for a group welcome template's text.content. */

export interface TemplateBody {
	body: IDataObject;
	warnings: string[];
}

/**
 * The group_welcome_template/add and /edit content: text plus at most one attachment as a top-level field named after its kind
 * (not an attachments array), and agentid when set.
 */
export async function readTemplateBody(
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
): Promise<TemplateBody> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const content = await readMessageContent.call(this, itemIndex, state, {
		textMaxBytes: TEMPLATE_TEXT_MAX_BYTES,
		maxAttachments: 1,
		nickname: true,
		fixNickname: options.fixNicknamePlaceholder === true,
	});
	const body: IDataObject = content.text ? { text: content.text } : {};
	for (const attachment of content.attachments)
		Object.assign(body, toTemplateField(attachment as Attachment));
	Object.assign(body, agentIdOf(options));
	return { body, warnings: content.warnings };
}

export function agentIdOf(options: IDataObject): IDataObject {
	const agentId = Number(options.agentId ?? 0);
	return Number.isInteger(agentId) && agentId > 0 ? { agentid: agentId } : {};
}

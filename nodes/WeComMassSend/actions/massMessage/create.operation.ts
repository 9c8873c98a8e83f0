import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readMessageContent } from '../common/content';
import { UPLOAD_MEDIA } from '../common/uploadMedia';
import { defineOperation } from '../operation';
import type { ExecutionState, OperationResult } from '../types';
import { readAudience } from './audience';
import { MAX_ATTACHMENTS, MESSAGE_TEXT_MAX_BYTES } from '../../../shared/limits';
import { createContentFields, createProperties } from './create.description';
import { ADD_MSG_TEMPLATE, createTasks } from './createTasks';

const properties: INodeProperties[] = [
	...createProperties.audience,
	...createContentFields,
	...createProperties.afterContent,
];

export const operation = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a mass message',
	description: 'Create a mass message task for members to send (创建企业群发, add_msg_template)',
	calls: [ADD_MSG_TEMPLATE, UPLOAD_MEDIA],
	properties,
	execute,
});

async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
): Promise<OperationResult> {
	// Audience first: reading the content may upload files, and nothing may reach WeCom for a bad item.
	const audience = readAudience.call(this, itemIndex);
	const content = await readMessageContent.call(this, itemIndex, state, {
		textMaxBytes: MESSAGE_TEXT_MAX_BYTES,
		maxAttachments: MAX_ATTACHMENTS,
	});
	const payload: IDataObject = {
		...(content.text ? { text: content.text } : {}),
		...(content.attachments.length > 0 ? { attachments: content.attachments } : {}),
	};
	if (this.getNodeParameter('allowSelect', itemIndex, false) === true) payload.allow_select = true;
	const tasks = await createTasks.call(this, itemIndex, audience, payload);
	return content.warnings.length > 0
		? tasks.map((task) => ({ ...task, warnings: content.warnings }))
		: tasks;
}

import type { INodeProperties } from 'n8n-workflow';

export const templateIdField: INodeProperties = {
	displayName: 'Template ID',
	name: 'templateId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'msgXXXXXXX',
	description: 'The template_id returned by Create (入群欢迎语素材 ID)',
};

/** Only third-party suites of the old kind pass an agentid; everyone else leaves it out. */
export const agentIdOption: INodeProperties = {
	displayName: 'Agent ID',
	name: 'agentId',
	type: 'number',
	default: 0,
	description:
		'The agentid of the app (legacy third-party suites only, 第三方应用); leave unset otherwise',
};

export const fixNicknameOption: INodeProperties = {
	displayName: 'Fix Nickname Placeholder',
	name: 'fixNicknamePlaceholder',
	type: 'boolean',
	default: false,
	description:
		'Whether to correct misspelt placeholders such as %nickname% or ％NICKNAME％ to %NICKNAME% ' +
		'(otherwise they are kept and reported in warnings)',
};

import type { INodeProperties } from 'n8n-workflow';

export const msgIdField: INodeProperties = {
	displayName: 'Message ID',
	name: 'msgId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'msgGCAAAXtWyujaWJHDDGi0mACAAAA',
	description: 'The msgid returned by Create (企业群发 msgid)',
};

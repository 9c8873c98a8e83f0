import type { INodeProperties } from 'n8n-workflow';

export const momentIdField: INodeProperties = {
	displayName: 'Moment ID',
	name: 'momentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'momxxxxxxxxxxxxxxxx',
	description: 'The moment_id of the moment (客户朋友圈), from Get Many or Create',
};

import type { INodeProperties } from 'n8n-workflow';

/** The config_id WeCom returned when the contact way was created: its only handle. */
export const configIdField: INodeProperties = {
	displayName: 'Config ID',
	name: 'configId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '42b34949e138eb6e027c123cba77fAAA',
	description:
		'The contact way’s config_id (配置ID), from Contact Way → Create or Get Many. Ways created ' +
		'by the API never show in the WeCom admin console, so keep it.',
};

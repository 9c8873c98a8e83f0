import type { INodeProperties } from 'n8n-workflow';

/**
 * The message content parameters shared by mass messages (add_msg_template), welcome messages
 * (send_welcome_msg) and group welcome templates (group_welcome_template/add, /edit). Read them
 * with `readMessageContent` (content.ts); the names here are what saved workflows store, so they
 * must not change. The operation's resource shows them for that operation only.
 */
export interface ContentFieldsOptions {
	/** WeCom's limit for text.content in UTF-8 bytes (4,000 for messages, 3,000 for templates). */
	textMaxBytes: number;
	/** 'many': an attachments array (messages); 'one': a single attachment (templates). */
	attachments: 'many' | 'one';
	/** Whether WeCom fills in %NICKNAME% here (not in mass messages). */
	nickname: boolean;
}

const ATTACHMENT_ENTRY: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'File', value: 'file', description: '文件: a file uploaded with Media → Upload' },
			{ name: 'Image', value: 'image', description: '图片: an uploaded image or an image URL' },
			{ name: 'Link', value: 'link', description: '图文链接: a link card' },
			{ name: 'Mini Program', value: 'miniprogram', description: '小程序: a mini program card' },
			{ name: 'Video', value: 'video', description: '视频: an mp4 uploaded with Media → Upload' },
		],
		default: 'image',
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['image', 'video', 'file'] } },
		description:
			'The media_id returned by Media → Upload (临时素材, valid 3 days). Leave empty when the ' +
			'file comes from Input Binary Field.',
	},
	{
		displayName: 'Picture URL',
		name: 'picUrl',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['image', 'link'] } },
		description:
			'Image: a permanent URL from Media → Upload Image (pic_url; Media ID wins when both ' +
			'are set). Link: the cover image URL (picurl, optional).',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryProperty',
		type: 'string',
		default: '',
		placeholder: 'data',
		displayOptions: { show: { type: ['image', 'miniprogram', 'video', 'file'] } },
		description:
			'The input item’s binary field to upload instead of giving a media ID (mini ' +
			'program: the cover image). Uploaded once per execution even when many items carry the ' +
			'same file.',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['link', 'miniprogram'] } },
		description:
			'Link: at most 128 bytes. Mini program: at most 64 bytes (a Chinese character counts 3).',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['link'] } },
		description: 'Where the link card opens, at most 2,048 bytes',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['link'] } },
		description: 'Text under the link title (desc), at most 512 bytes',
	},
	{
		displayName: 'Cover Media ID',
		name: 'picMediaId',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['miniprogram'] } },
		description:
			'The media_id of the cover image (pic_media_id, 520×416 suggested), or leave empty and ' +
			'use Input Binary Field',
	},
	{
		displayName: 'App ID',
		name: 'appId',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['miniprogram'] } },
		description: 'The mini program appid; it must be linked to the WeCom corp (关联小程序)',
	},
	{
		displayName: 'Page',
		name: 'page',
		type: 'string',
		default: '',
		placeholder: 'pages/index/index.html',
		displayOptions: { show: { type: ['miniprogram'] } },
		description: 'The page path the card opens',
	},
];

function formatBytes(bytes: number): string {
	return bytes.toLocaleString('en-US');
}

function textField(options: ContentFieldsOptions): INodeProperties {
	const { nickname } = options;
	const limit = `At most ${formatBytes(options.textMaxBytes)} bytes in UTF-8 (a Chinese character counts 3).`;
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'The text message (文本消息 text.content). WeCom sends text and attachments as separate ' +
			'messages.',
		hint: nickname
			? `${limit} Write %NICKNAME% (upper case, exactly) where the customer's nickname goes; other spellings are sent literally.`
			: limit,
	};
}

function manyAttachments(): INodeProperties[] {
	return [
		{
			displayName: 'Attachments',
			name: 'attachmentsUi',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Attachment',
			default: {},
			displayOptions: { show: { attachmentSource: ['ui'] } },
			description: 'Up to 9 attachments (附件)',
			options: [{ displayName: 'Attachment', name: 'attachment', values: ATTACHMENT_ENTRY }],
		},
		{
			displayName: 'Attachments (JSON)',
			name: 'attachmentsJson',
			type: 'json',
			default: '[]',
			displayOptions: { show: { attachmentSource: ['json'] } },
			description:
				'WeCom\'s own attachments array, e.g. [{"msgtype": "link", "link": {"title": "…", ' +
				'"url": "https://…"}}]; up to 9',
		},
	];
}

function oneAttachment(): INodeProperties[] {
	return [
		{
			displayName: 'Attachment',
			name: 'attachmentUi',
			type: 'fixedCollection',
			placeholder: 'Add Attachment',
			default: {},
			displayOptions: { show: { attachmentSource: ['ui'] } },
			description: 'At most one non-text attachment (附件): WeCom keeps only one kind per template',
			options: [{ displayName: 'Attachment', name: 'attachment', values: ATTACHMENT_ENTRY }],
		},
		{
			displayName: 'Attachment (JSON)',
			name: 'attachmentJson',
			type: 'json',
			default: '{}',
			displayOptions: { show: { attachmentSource: ['json'] } },
			description:
				'One attachment, e.g. {"msgtype": "link", "link": {"title": "…", "url": ' +
				'"https://…"}} (or WeCom\'s template form {"link": {…}}). Several kinds are refused: ' +
				'WeCom would keep only the first of image > link > miniprogram > file > video.',
		},
	];
}

export function contentFields(options: ContentFieldsOptions): INodeProperties[] {
	const properties: INodeProperties[] = [
		textField(options),
		{
			displayName: options.attachments === 'many' ? 'Attachments Input' : 'Attachment Input',
			name: 'attachmentSource',
			type: 'options',
			options: [
				{ name: 'Using Fields Below', value: 'ui' },
				{ name: 'Using JSON', value: 'json' },
			],
			default: 'ui',
		},
		...(options.attachments === 'many' ? manyAttachments() : oneAttachment()),
	];
	return properties;
}

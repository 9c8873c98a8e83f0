import type { INodeProperties } from 'n8n-workflow';

/**
 * The closing message (结束语, conclusions) a temporary session sends when it ends: a text and at
 * most one image, one link and one mini-program, as WeCom's conclusions object holds them.
 */
export const closingOptions: INodeProperties[] = [
	{
		displayName: 'Closing Text',
		name: 'closingText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Text of the closing message (结束语) sent when the temporary session ends',
	},
	{
		displayName: 'Closing Image Media ID',
		name: 'closingImageMediaId',
		type: 'string',
		default: '',
		description: 'An image media_id from Media → Upload (valid 3 days) for the closing message',
	},
	{
		displayName: 'Closing Link',
		name: 'closingLink',
		type: 'fixedCollection',
		default: {},
		options: [
			{
				displayName: 'Link',
				name: 'link',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'At most 128 bytes',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						description: 'At most 2,048 bytes',
					},
					{ displayName: 'Picture URL', name: 'picUrl', type: 'string', default: '' },
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'At most 512 bytes',
					},
				],
			},
		],
		description: 'A link card in the closing message',
	},
	{
		displayName: 'Closing Mini Program',
		name: 'closingMiniProgram',
		type: 'fixedCollection',
		default: {},
		options: [
			{
				displayName: 'Mini Program',
				name: 'miniProgram',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'At most 64 bytes',
					},
					{
						displayName: 'Cover Media ID',
						name: 'picMediaId',
						type: 'string',
						default: '',
						description: 'Image media_id of the cover (520×416 suggested)',
					},
					{
						displayName: 'App ID',
						name: 'appId',
						type: 'string',
						default: '',
						placeholder: 'wx8bd80126147dfAAA',
					},
					{
						displayName: 'Page',
						name: 'page',
						type: 'string',
						default: '',
						placeholder: '/path/index.html',
					},
				],
			},
		],
		description: 'A mini-program card in the closing message',
	},
];

export const CLOSING_OPTION_NAMES = closingOptions.map((option) => option.name);

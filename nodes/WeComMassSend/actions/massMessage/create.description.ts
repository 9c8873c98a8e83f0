import type { INodeProperties } from 'n8n-workflow';

import { MESSAGE_TEXT_MAX_BYTES } from '../../../shared/limits';
import { contentFields } from '../common/content.description';
import { groupLocator } from '../customerGroup/groupLocator';
import { memberLocator } from '../common/memberLocator';
import { tagListField } from '../customerTag/tagLocator';

const single = { chatType: ['single'] };
const group = { chatType: ['group'] };

const audience: INodeProperties[] = [
	{
		displayName:
			'Creating a mass message creates a task (企业群发任务), it does not send anything: each ' +
			'member must still confirm sending in their WeCom client. Use Get Report to see what ' +
			'was really delivered.',
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Send To',
		name: 'chatType',
		type: 'options',
		options: [
			{
				name: 'Customers',
				value: 'single',
				description: 'Individual customers (客户, chat_type single)',
			},
			{
				name: 'Customer Groups',
				value: 'group',
				description: 'Customer group chats (客户群, chat_type group)',
			},
		],
		default: 'single',
	},
	{
		displayName: 'Customer IDs',
		name: 'externalUserIds',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'wmXXXX1, wmXXXX2',
		displayOptions: { show: single },
		description:
			'Customers (external_userid), comma or newline separated, or an array from an ' +
			'expression. Empty: the Sender’s customers, narrowed by the tag filter.',
		hint:
			'More than 10,000 customers are split into consecutive tasks of at most 10,000, one ' +
			'output item (with its own msgid) per task',
	},
	{
		displayName: 'Tag Filter Input',
		name: 'tagFilterSource',
		type: 'options',
		options: [
			{
				name: 'Fields Below or JSON',
				value: 'either',
				description:
					'Tag Filter and Tag Filter (JSON) both shown; fill one of them (what workflows saved before this switch do)',
			},
			{
				name: 'Using Fields Below',
				value: 'ui',
				description: 'Tag Filter only: tags picked by name and typed tag IDs',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: 'Tag Filter (JSON) only: WeCom’s tag_filter',
			},
		],
		// Workflows saved before this switch show and send either field: the default keeps that.
		default: 'either',
		displayOptions: { show: single },
		description: 'How to give the tag filter (客户标签, tag_filter)',
	},
	{
		displayName: 'Tag Filter',
		name: 'tagFilter',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tag Group',
		default: {},
		displayOptions: { show: { ...single, tagFilterSource: ['either', 'ui'] } },
		description:
			'Only customers with these tags (客户标签): a customer matches a group when they carry any ' +
			'of its tags, and must match every group',
		options: [
			{
				displayName: 'Tag Group',
				name: 'groups',
				values: [
					tagListField(
						'tags',
						'Tags',
						'Tags picked by "group / tag" name (the tag ID is saved); any of them matches',
					),
					{
						displayName: 'Tag IDs',
						name: 'tagIds',
						type: 'string',
						default: '',
						placeholder: 'etXXXX1, etXXXX2',
						description:
							'More tag IDs (tag_id), comma or newline separated, or an expression; any of ' +
							'them, and of Tags, matches',
					},
				],
			},
		],
	},
	{
		displayName: 'Tag Filter (JSON)',
		name: 'tagFilterJson',
		type: 'json',
		default: '{"group_list": []}',
		displayOptions: { show: { ...single, tagFilterSource: ['either', 'json'] } },
		description:
			'The tag filter as WeCom writes it (tag_filter), e.g. {"group_list": [{"tag_list": ["etA", ' +
			'"etB"]}, {"tag_list": ["etC"]}]}: a customer matches a group when they carry any of its ' +
			'tags, and must match every group',
	},
	{
		displayName: 'Customer Group IDs',
		name: 'chatIds',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'wrXXXX1, wrXXXX2',
		displayOptions: { show: group },
		description:
			'Customer groups (chat_id_list), comma or newline separated, or an array from an ' +
			'expression. Empty: all of the Sender’s groups.',
		hint: 'At most 2,000 groups',
	},
	{
		displayName: 'Customer Groups',
		name: 'groups',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Group',
		default: {},
		displayOptions: { show: group },
		description:
			'Customer groups picked by name and owner; sent together with any Customer Group IDs above',
		options: [
			{
				displayName: 'Group',
				name: 'group',
				values: [
					groupLocator({
						displayName: 'Customer Group',
						name: 'chatId',
						description: 'A customer group (客户群)',
					}),
				],
			},
		],
	},
	memberLocator({
		displayName: 'Sender',
		name: 'sender',
		description:
			'The member (成员 UserID) who sends it. Required for customer groups; for customers ' +
			'required unless Customer IDs or a tag filter is given.',
	}),
	{
		displayName: 'Allow Member to Change Recipients',
		name: 'allowSelect',
		type: 'boolean',
		default: false,
		description:
			'Whether the member may change the list of recipients before sending (allow_select)',
	},
];

const afterContent: INodeProperties[] = [
	{
		displayName:
			'Each customer receives at most as many mass messages per month as the month has days ' +
			'(the admin may set 7 per week or 1 per day instead), counted over all members. Over ' +
			'the cap a result shows status 3, monthlyLimitReached.',
		name: 'monthlyLimitNotice',
		type: 'notice',
		default: '',
	},
];

export const createProperties = { audience, afterContent };

// WeCom does not fill in %NICKNAME% in mass messages.
export const createContentFields = contentFields({
	textMaxBytes: MESSAGE_TEXT_MAX_BYTES,
	attachments: 'many',
	nickname: false,
});

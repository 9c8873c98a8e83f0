import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { CLOSING_OPTION_NAMES, closingOptions } from './closing.description';
import {
	checkServers,
	conclusions,
	departmentIds,
	expirySeconds,
	memberIds,
	shortText,
} from './wayFields';

const ADD_CONTACT_WAY = wecomApi('POST', 'externalcontact/add_contact_way', {
	changesData: true,
	repeatRisk: 'create a second QR code for the same channel',
	answerField: 'config_id',
});

const properties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{
				name: 'Single Member (单人)',
				value: 'single',
				description: 'One member serves every customer who scans it',
			},
			{
				name: 'Multiple Members (多人)',
				value: 'multiple',
				description: 'Members and departments take turns',
			},
		],
		default: 'single',
		description: 'Whether one member or several serve the contact way (type)',
	},
	{
		displayName: 'Scene',
		name: 'scene',
		type: 'options',
		options: [
			{
				name: 'QR Code (二维码)',
				value: 'qrCode',
				description: 'WeCom returns a QR code image URL (qr_code)',
			},
			{
				name: 'Mini Program Button (小程序)',
				value: 'miniProgram',
				description: 'A button in your mini-program; no QR code',
			},
		],
		default: 'qrCode',
		description: 'How customers reach the contact way (scene)',
	},
	{
		displayName: 'Members',
		name: 'members',
		type: 'string',
		default: '',
		placeholder: 'zhangsan, lisi',
		description:
			'Member UserIDs (成员) who serve it: exactly one for Single; up to 100 for Multiple, ' +
			'departments counted member by member',
	},
	{
		displayName: 'Department IDs',
		name: 'departmentIds',
		type: 'string',
		default: '',
		placeholder: '2, 3',
		displayOptions: { show: { type: ['multiple'] } },
		description: 'Departments (部门 ID) whose members serve it; Multiple only',
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'string',
		default: '',
		placeholder: 'channel_poster_a',
		description:
			'The channel (渠道参数 state), at most 30 characters: WeCom puts it in the WeCom Trigger’s ' +
			'State and the follower’s state when a customer adds a member through this way',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Remark',
				name: 'remark',
				type: 'string',
				default: '',
				description: 'A note for your team (备注), at most 30 characters',
			},
			{
				displayName: 'Skip Verification',
				name: 'skipVerify',
				type: 'boolean',
				default: true,
				description:
					'Whether customers are added without the member confirming (skip_verify; WeCom’s default is yes)',
			},
			{
				displayName: 'Button Style',
				name: 'style',
				type: 'number',
				default: 1,
				description: 'Mini-program button style (style), Mini Program scene only',
			},
			{
				displayName: 'Exclusive',
				name: 'isExclusive',
				type: 'boolean',
				default: false,
				description:
					'Whether one customer can add only one member of the corp through it (is_exclusive)',
			},
			{
				displayName: 'Temporary Session',
				name: 'isTemp',
				type: 'boolean',
				default: false,
				description:
					'Whether it is a temporary session (临时会话, is_temp): single member only, the QR ' +
					'code works once, the session ends by itself',
			},
			{
				displayName: 'QR Code Expires In (Seconds)',
				name: 'expiresIn',
				type: 'number',
				default: 604800,
				description:
					'Temporary session only: how long the QR code works (expires_in), at most 14 days; ' +
					'WeCom’s default is 7 days',
			},
			{
				displayName: 'Session Expires In (Seconds)',
				name: 'chatExpiresIn',
				type: 'number',
				default: 86400,
				description:
					'Temporary session only: how long the session lasts after the customer adds the ' +
					'member (chat_expires_in), at most 14 days',
			},
			{
				displayName: 'UnionID',
				name: 'unionId',
				type: 'string',
				default: '',
				description: 'Temporary session only: the WeChat unionid of the one customer it is for',
			},
			...closingOptions,
		],
	},
];

/** Option name → the label the editor shows, for errors. */
const OPTION_LABELS = new Map(
	(
		(properties.find((property) => property.name === 'options')?.options ?? []) as INodeProperties[]
	).map((option) => [option.name, option.displayName]),
);

export const operation = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a contact way',
	description:
		'Create a 「联系我」 QR code or mini-program button with its channel state (配置客户联系「联系我」方式, add_contact_way)',
	calls: [ADD_CONTACT_WAY],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const where = { context: this, itemIndex };
	const type = this.getNodeParameter('type', itemIndex, 'single') === 'multiple' ? 2 : 1;
	const scene = this.getNodeParameter('scene', itemIndex, 'qrCode') === 'miniProgram' ? 1 : 2;
	const user = memberIds(
		where,
		this.getNodeParameter('members', itemIndex, ''),
		'members',
		'Members',
	);
	const party =
		type === 2
			? departmentIds(
					where,
					this.getNodeParameter('departmentIds', itemIndex, ''),
					'departmentIds',
					'Department IDs',
				)
			: [];
	checkServers(where, type, user, party, { members: 'members', departments: 'departmentIds' });
	const state = shortText(where, this.getNodeParameter('state', itemIndex, ''), 'state', 'State');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const remark = shortText(where, options.remark, 'remark', 'Remark');
	const isTemp = options.isTemp === true;
	const closing = conclusions(where, options);
	if (!isTemp) {
		// WeCom ignores these outside a temporary session; saying so beats a silently missing closing message.
		const tempOnly = ['expiresIn', 'chatExpiresIn', 'unionId', ...CLOSING_OPTION_NAMES].find(
			(name) =>
				options[name] !== undefined &&
				options[name] !== '' &&
				!(typeof options[name] === 'object' && Object.keys(options[name] as object).length === 0),
		);
		if (tempOnly) {
			const label = OPTION_LABELS.get(tempOnly) ?? tempOnly;
			throw invalidField(
				this,
				itemIndex,
				tempOnly,
				`"${label}" applies to a temporary session only; turn on "Temporary Session" or remove it`,
			);
		}
	} else if (type === 2) {
		throw invalidField(
			this,
			itemIndex,
			'type',
			'A temporary session (临时会话) serves a single member only; choose Type "Single Member"',
		);
	}
	const body: IDataObject = {
		type,
		scene,
		user,
		...(party.length > 0 ? { party } : {}),
		...(state ? { state } : {}),
		...(remark ? { remark } : {}),
		...(options.skipVerify !== undefined ? { skip_verify: options.skipVerify === true } : {}),
		...(scene === 1 && options.style !== undefined ? { style: Number(options.style) } : {}),
		...(options.isExclusive !== undefined ? { is_exclusive: options.isExclusive === true } : {}),
	};
	if (isTemp) {
		body.is_temp = true;
		const expiresIn = expirySeconds(
			where,
			options.expiresIn,
			'expiresIn',
			'QR Code Expires In (Seconds)',
		);
		const chatExpiresIn = expirySeconds(
			where,
			options.chatExpiresIn,
			'chatExpiresIn',
			'Session Expires In (Seconds)',
		);
		if (expiresIn) body.expires_in = expiresIn;
		if (chatExpiresIn) body.chat_expires_in = chatExpiresIn;
		if (options.unionId) body.unionid = String(options.unionId).trim();
		if (closing) body.conclusions = closing;
	}
	const response = await weComApiRequest.call(this, { api: ADD_CONTACT_WAY, body, itemIndex });
	return [
		{
			config_id: response.config_id,
			...(response.qr_code ? { qr_code: response.qr_code } : {}),
			state,
			remark,
			type: type === 1 ? 'single' : 'multiple',
			scene: scene === 2 ? 'qrCode' : 'miniProgram',
			user,
			party,
		},
	];
}

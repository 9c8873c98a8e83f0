import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField, requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { closingOptions } from './closing.description';
import { configIdField } from './configId.description';
import { CONTACT_WAY_MAX_MEMBERS } from './limits';
import { conclusions, departmentIds, expirySeconds, memberIds, shortText } from './wayFields';

const UPDATE_CONTACT_WAY = wecomApi('POST', 'externalcontact/update_contact_way', {
	changesData: true,
});

const properties: INodeProperties[] = [
	configIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Members',
				name: 'members',
				type: 'string',
				default: '',
				placeholder: 'zhangsan, lisi',
				description: 'Replaces the members (user); one for a Single contact way',
			},
			{
				displayName: 'Department IDs',
				name: 'departmentIds',
				type: 'string',
				default: '',
				placeholder: '2, 3',
				description: 'Replaces the departments (party); Multiple only',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'string',
				default: '',
				description: 'New channel (state), at most 30 characters',
			},
			{
				displayName: 'Remark',
				name: 'remark',
				type: 'string',
				default: '',
				description: 'New note (备注), at most 30 characters',
			},
			{
				displayName: 'Skip Verification',
				name: 'skipVerify',
				type: 'boolean',
				default: true,
				description: 'Whether customers are added without the member confirming (skip_verify)',
			},
			{
				displayName: 'Button Style',
				name: 'style',
				type: 'number',
				default: 1,
				description: 'Mini-program button style (style)',
			},
			{
				displayName: 'QR Code Expires In (Seconds)',
				name: 'expiresIn',
				type: 'number',
				default: 604800,
				description: 'Temporary session only, at most 14 days',
			},
			{
				displayName: 'Session Expires In (Seconds)',
				name: 'chatExpiresIn',
				type: 'number',
				default: 86400,
				description: 'Temporary session only, at most 14 days',
			},
			{
				displayName: 'UnionID',
				name: 'unionId',
				type: 'string',
				default: '',
				description: 'Temporary session only',
			},
			...closingOptions,
		],
	},
];

export const operation = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a contact way',
	description:
		'Change a contact way’s members, state, remark or session settings (更新企业已配置的「联系我」方式, update_contact_way)',
	calls: [UPDATE_CONTACT_WAY],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const where = { context: this, itemIndex };
	const configId = requiredString.call(this, 'configId', 'Config ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { config_id: configId };
	if (fields.members !== undefined) {
		const user = memberIds(where, fields.members, 'members', 'Members');
		if (user.length > CONTACT_WAY_MAX_MEMBERS) {
			throw invalidField(
				this,
				itemIndex,
				'members',
				`"Members" holds ${user.length} members; a contact way serves at most ${CONTACT_WAY_MAX_MEMBERS}`,
			);
		}
		body.user = user;
	}
	if (fields.departmentIds !== undefined)
		body.party = departmentIds(where, fields.departmentIds, 'departmentIds', 'Department IDs');
	if (fields.state !== undefined) body.state = shortText(where, fields.state, 'state', 'State');
	if (fields.remark !== undefined)
		body.remark = shortText(where, fields.remark, 'remark', 'Remark');
	if (fields.skipVerify !== undefined) body.skip_verify = fields.skipVerify === true;
	if (fields.style !== undefined) body.style = Number(fields.style);
	const expiresIn = expirySeconds(
		where,
		fields.expiresIn,
		'expiresIn',
		'QR Code Expires In (Seconds)',
	);
	const chatExpiresIn = expirySeconds(
		where,
		fields.chatExpiresIn,
		'chatExpiresIn',
		'Session Expires In (Seconds)',
	);
	if (expiresIn) body.expires_in = expiresIn;
	if (chatExpiresIn) body.chat_expires_in = chatExpiresIn;
	if (fields.unionId) body.unionid = String(fields.unionId).trim();
	const closing = conclusions(where, fields);
	if (closing) body.conclusions = closing;
	if (Object.keys(body).length === 1) {
		throw invalidField(
			this,
			itemIndex,
			'updateFields',
			'"Update Fields" is empty: add at least one field to change',
		);
	}
	await weComApiRequest.call(this, { api: UPDATE_CONTACT_WAY, body, itemIndex });
	return [{ ...body, updated: true }];
}

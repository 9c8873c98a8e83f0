import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseIdList } from '../../../shared/idList';
import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { charCount } from '../common/chars';
import { invalidField, requiredString } from '../common/fields';
import { memberId, memberLocator } from '../common/memberLocator';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';

export const REMARK = wecomApi('POST', 'externalcontact/remark', {
	changesData: true,
	name: 'externalcontact/remark',
});

/** 修改客户备注信息 (page 92115), in characters. */
export const REMARK_MAX_CHARS = 20;
export const DESCRIPTION_MAX_CHARS = 150;
export const COMPANY_MAX_CHARS = 20;

const properties: INodeProperties[] = [
	memberLocator({
		displayName: 'Member',
		name: 'userId',
		description: 'The member (成员 UserID) who added the customer: the remark is this member’s',
	}),
	{
		displayName: 'Customer ID',
		name: 'externalUserId',
		type: 'string',
		required: true,
		default: '={{ $json.ExternalUserID }}',
		placeholder: 'wmXXXXXXXXXX',
		description:
			'The customer’s external_userid (客户 ID), e.g. ExternalUserID from the WeCom Trigger',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Company',
				name: 'remarkCompany',
				type: 'string',
				default: '',
				description:
					'The customer’s company as the member notes it (remark_company), at most 20 ' +
					'characters; WeCom keeps it only for WeChat customers',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description:
					'The member’s description of the customer (描述, description), at most 150 characters',
			},
			{
				displayName: 'Mobiles',
				name: 'remarkMobiles',
				type: 'string',
				default: '',
				placeholder: '13800000001, 13800000002',
				description:
					'Phone numbers (备注手机号, remark_mobiles), comma separated or an array; they replace ' +
					'the old ones. Added but left empty: clears them.',
			},
			{
				displayName: 'Picture Media ID',
				name: 'remarkPicMediaId',
				type: 'string',
				default: '',
				description:
					'A picture for the remark (remark_pic_mediaid): the media_id of Media → Upload, valid 3 days',
			},
			{
				displayName: 'Remark',
				name: 'remark',
				type: 'string',
				default: '',
				description: 'The member’s name for the customer (备注, remark), at most 20 characters',
			},
		],
	},
];

export const operation = defineOperation({
	value: 'updateRemark',
	name: 'Update Remark',
	action: 'Update the remark of a customer',
	description:
		'A member’s remark, description, company, mobiles or picture for a customer (修改客户备注信息, ' +
		'externalcontact/remark)',
	calls: [REMARK],
	properties,
	execute,
});

const LIMITS: Array<[field: string, label: string, wecom: string, max: number]> = [
	['remark', 'Remark', 'remark', REMARK_MAX_CHARS],
	['description', 'Description', 'description', DESCRIPTION_MAX_CHARS],
	['remarkCompany', 'Company', 'remark_company', COMPANY_MAX_CHARS],
];

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const userid = memberId.call(this, 'userId', itemIndex);
	if (!userid) throw invalidField(this, itemIndex, 'userId', '"Member" is required');
	const externalUserId = requiredString.call(this, 'externalUserId', 'Customer ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;

	const body: IDataObject = { userid, external_userid: externalUserId };
	for (const [field, label, wecom, max] of LIMITS) {
		if (fields[field] === undefined) continue;
		const text = String(fields[field] ?? '');
		if (charCount(text) > max) {
			throw invalidField(
				this,
				itemIndex,
				`updateFields.${field}`,
				`"${label}" has ${charCount(text)} characters; WeCom allows at most ${max}`,
			);
		}
		if (text !== '') body[wecom] = text;
	}
	if (fields.remarkPicMediaId !== undefined && String(fields.remarkPicMediaId).trim() !== '') {
		body.remark_pic_mediaid = String(fields.remarkPicMediaId).trim();
	}
	if (fields.remarkMobiles !== undefined) {
		const mobiles = parseIdList(fields.remarkMobiles);
		if (!mobiles.ok)
			throw invalidField(
				this,
				itemIndex,
				'updateFields.remarkMobiles',
				`"Mobiles": ${mobiles.reason}`,
			);
		// WeCom clears the remark's mobiles when it receives [""].
		body.remark_mobiles = mobiles.ids.length > 0 ? mobiles.ids : [''];
	}
	if (Object.keys(body).length === 2) {
		throw invalidField(
			this,
			itemIndex,
			'updateFields',
			'Add at least one field under "Update Fields" (Remark, Description, Company, Mobiles ' +
				'or Picture Media ID); WeCom refuses a remark with none',
		);
	}
	await weComApiRequest.call(this, { api: REMARK, body, itemIndex });
	const { userid: _u, external_userid: _e, ...changed } = body;
	return [{ userid, external_userid: externalUserId, updated: true, ...changed }];
}

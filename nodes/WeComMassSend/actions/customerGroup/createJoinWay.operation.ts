import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import {
	GET_JOIN_WAY,
	groupsField,
	joinWayOptions,
	readGroups,
	readJoinWayOptions,
} from './joinWayFields';

const ADD_JOIN_WAY = wecomApi('POST', 'externalcontact/groupchat/add_join_way', {
	changesData: true,
	repeatRisk: 'create a second group QR code',
	answerField: 'config_id',
});

const properties: INodeProperties[] = [
	{
		displayName: 'Scene',
		name: 'scene',
		type: 'options',
		options: [
			{ name: 'QR Code (二维码)', value: 'qrCode' },
			{ name: 'Mini Program Button (小程序)', value: 'miniProgram' },
		],
		default: 'qrCode',
		description: 'How customers join (scene)',
	},
	{ ...groupsField, required: true },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: joinWayOptions,
	},
];

export const operation = defineOperation({
	value: 'createJoinWay',
	name: 'Create Join Way',
	action: 'Create a group join way',
	description:
		'Create a 「加入群聊」 group QR code with its own state; the output has its QR code (配置客户群进群方式, groupchat/add_join_way)',
	calls: [ADD_JOIN_WAY, GET_JOIN_WAY],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const where = { context: this, itemIndex };
	const scene = this.getNodeParameter('scene', itemIndex, 'qrCode') === 'miniProgram' ? 1 : 2;
	const chatIds = readGroups(where, this.getNodeParameter('chatIds', itemIndex, ''));
	if (chatIds.length === 0)
		throw invalidField(
			this,
			itemIndex,
			'chatIds',
			'"Customer Group IDs" must name at least one group',
		);
	const options = readJoinWayOptions(
		where,
		this.getNodeParameter('options', itemIndex, {}) as IDataObject,
	);
	const added = await weComApiRequest.call(this, {
		api: ADD_JOIN_WAY,
		body: { scene, chat_id_list: chatIds, ...options },
		itemIndex,
	});
	// add_join_way answers the config_id only; the QR code comes from get_join_way.
	const read = await weComApiRequest.call(this, {
		api: GET_JOIN_WAY,
		body: { config_id: added.config_id },
		itemIndex,
	});
	return [{ config_id: added.config_id, ...((read.join_way as IDataObject | undefined) ?? {}) }];
}

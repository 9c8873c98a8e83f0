import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField, requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import {
	GET_JOIN_WAY,
	groupsField,
	joinWayConfigIdField,
	joinWayOptions,
	readGroups,
	readJoinWayOptions,
} from './joinWayFields';

const UPDATE_JOIN_WAY = wecomApi('POST', 'externalcontact/groupchat/update_join_way', {
	changesData: true,
});

const properties: INodeProperties[] = [
	joinWayConfigIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [groupsField, ...joinWayOptions],
	},
];

export const operation = defineOperation({
	value: 'updateJoinWay',
	name: 'Update Join Way',
	action: 'Update a group join way',
	description:
		'Change a join way’s groups, state or settings; unchanged fields are kept (更新客户群进群方式配置, groupchat/update_join_way)',
	calls: [GET_JOIN_WAY, UPDATE_JOIN_WAY],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const where = { context: this, itemIndex };
	const configId = requiredString.call(this, 'joinWayConfigId', 'Join Way Config ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = readJoinWayOptions(where, fields);
	if (fields.chatIds !== undefined) {
		const chatIds = readGroups(where, fields.chatIds);
		if (chatIds.length === 0)
			throw invalidField(
				this,
				itemIndex,
				'chatIds',
				'"Customer Group IDs" must name at least one group',
			);
		changes.chat_id_list = chatIds;
	}
	if (Object.keys(changes).length === 0)
		throw invalidField(
			this,
			itemIndex,
			'updateFields',
			'"Update Fields" is empty: add at least one field to change',
		);
	// WeCom's update takes the whole configuration (scene and chat_id_list are required), so the
	// current one is read first and only the chosen fields change.
	const read = await weComApiRequest.call(this, {
		api: GET_JOIN_WAY,
		body: { config_id: configId },
		itemIndex,
	});
	const current = (read.join_way as IDataObject | undefined) ?? {};
	const body: IDataObject = {
		config_id: configId,
		scene: current.scene,
		chat_id_list: current.chat_id_list,
		...pick(current, ['remark', 'auto_create_room', 'room_base_name', 'room_base_id', 'state']),
		...changes,
	};
	await weComApiRequest.call(this, { api: UPDATE_JOIN_WAY, body, itemIndex });
	return [{ ...body, updated: true }];
}

function pick(source: IDataObject, keys: string[]): IDataObject {
	return Object.fromEntries(
		keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]),
	);
}

/**
 * 「加入群聊」 (join way) fields shared by Create Join Way and Update Join Way, and their checks
 * before any request (WeCom's page 92229: at most 5 groups, state at most 30 characters).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { parseIdList } from '../../../shared/idList';
import { invalidField } from '../common/fields';

export const GET_JOIN_WAY = wecomApi('POST', 'externalcontact/groupchat/get_join_way', {
	changesData: false,
});

export const JOIN_WAY_MAX_GROUPS = 5;
export const JOIN_WAY_TEXT_MAX = 30;
/** room_base_name: at most 40 characters. */
export const ROOM_BASE_NAME_MAX = 40;

export const joinWayConfigIdField: INodeProperties = {
	displayName: 'Join Way Config ID',
	name: 'joinWayConfigId',
	type: 'string',
	required: true,
	default: '',
	description:
		'The join way’s config_id from Create Join Way (ways created by the API never show in the admin console)',
};

export const groupsField: INodeProperties = {
	displayName: 'Customer Group IDs',
	name: 'chatIds',
	type: 'string',
	default: '',
	placeholder: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA',
	description:
		'Up to 5 customer groups (客户群 chat_id) customers join through it, e.g. from Customer Group → Get Many',
};

export const joinWayOptions: INodeProperties[] = [
	{
		displayName: 'State',
		name: 'state',
		type: 'string',
		default: '',
		description:
			'The channel (state), at most 30 characters: Customer Group → Get shows it on each member who joined this way',
	},
	{
		displayName: 'Remark',
		name: 'remark',
		type: 'string',
		default: '',
		description: 'A note (备注), at most 30 characters',
	},
	{
		displayName: 'Create Groups When Full',
		name: 'autoCreateRoom',
		type: 'boolean',
		default: true,
		description: 'Whether WeCom opens a new group when the last one is full (auto_create_room)',
	},
	{
		displayName: 'New Group Name Prefix',
		name: 'roomBaseName',
		type: 'string',
		default: '',
		description: 'Name prefix of groups created when full (room_base_name), at most 40 characters',
	},
	{
		displayName: 'New Group First Number',
		name: 'roomBaseId',
		type: 'number',
		default: 1,
		description: 'Number after the prefix of the first group created (room_base_id)',
	},
];

type Where = { context: IExecuteFunctions; itemIndex: number };

function text(
	{ context, itemIndex }: Where,
	value: unknown,
	field: string,
	label: string,
	max: number,
): string {
	const out = String(value ?? '').trim();
	if ([...out].length > max)
		throw invalidField(
			context,
			itemIndex,
			field,
			`"${label}" is ${[...out].length} characters; WeCom allows at most ${max}`,
		);
	return out;
}

export function readGroups({ context, itemIndex }: Where, value: unknown): string[] {
	const parsed = parseIdList(value);
	if (!parsed.ok)
		throw invalidField(context, itemIndex, 'chatIds', `"Customer Group IDs": ${parsed.reason}`);
	if (parsed.ids.length > JOIN_WAY_MAX_GROUPS) {
		throw invalidField(
			context,
			itemIndex,
			'chatIds',
			`"Customer Group IDs" holds ${parsed.ids.length} groups; a join way takes at most ${JOIN_WAY_MAX_GROUPS}`,
		);
	}
	return parsed.ids;
}

export function readJoinWayOptions(where: Where, options: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (options.state !== undefined)
		body.state = text(where, options.state, 'state', 'State', JOIN_WAY_TEXT_MAX);
	if (options.remark !== undefined)
		body.remark = text(where, options.remark, 'remark', 'Remark', JOIN_WAY_TEXT_MAX);
	if (options.autoCreateRoom !== undefined)
		body.auto_create_room = options.autoCreateRoom === true ? 1 : 0;
	if (options.roomBaseName !== undefined)
		body.room_base_name = text(
			where,
			options.roomBaseName,
			'roomBaseName',
			'New Group Name Prefix',
			ROOM_BASE_NAME_MAX,
		);
	if (options.roomBaseId !== undefined) body.room_base_id = Number(options.roomBaseId);
	return body;
}

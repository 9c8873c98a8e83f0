/** The link's ID field and the fields Create and Update share: name, members, departments, skip verify. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseIdList } from '../../../shared/idList';
import { invalidField } from '../common/fields';
import { LINK_MAX_DEPARTMENTS, LINK_MAX_MEMBERS } from './apis';

export const linkIdField: INodeProperties = {
	displayName: 'Link ID',
	name: 'linkId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'cawcde5f4b1c2d3e4f',
	description:
		'The acquisition link’s link_id (获客链接ID), from Acquisition Link → Create or Get Many',
};

export const nameField: INodeProperties = {
	displayName: 'Link Name',
	name: 'linkName',
	type: 'string',
	default: '',
	description: 'The link’s name in the admin console (link_name)',
};

export const membersField: INodeProperties = {
	displayName: 'Members',
	name: 'members',
	type: 'string',
	default: '',
	placeholder: 'zhangsan, lisi',
	description: `Members who receive the customers (range.user_list, UserIDs separated by commas; at most ${LINK_MAX_MEMBERS})`,
};

export const departmentsField: INodeProperties = {
	displayName: 'Department IDs',
	name: 'departments',
	type: 'string',
	default: '',
	placeholder: '1, 2',
	description: `Departments whose members receive the customers (range.department_list; at most ${LINK_MAX_DEPARTMENTS})`,
};

export const skipVerifyField: INodeProperties = {
	displayName: 'Skip Verification',
	name: 'skipVerify',
	type: 'boolean',
	default: true,
	description: 'Whether customers are added without the member confirming (无需验证, skip_verify)',
};

/** range from the Members and Department IDs fields, refused before any request when out of WeCom's limits. */
export function readRange(
	this: IExecuteFunctions,
	itemIndex: number,
	source: IDataObject,
	prefix = '',
): IDataObject | undefined {
	const members = parseIdList(source.members ?? '');
	if (!members.ok)
		throw invalidField(this, itemIndex, `${prefix}members`, `"Members": ${members.reason}`);
	if (members.ids.length > LINK_MAX_MEMBERS) {
		throw invalidField(
			this,
			itemIndex,
			`${prefix}members`,
			`"Members" holds ${members.ids.length} members; a link takes at most ${LINK_MAX_MEMBERS}`,
		);
	}
	const departments = parseIdList(source.departments ?? '');
	if (!departments.ok)
		throw invalidField(
			this,
			itemIndex,
			`${prefix}departments`,
			`"Department IDs": ${departments.reason}`,
		);
	const departmentIds = departments.ids.map(Number);
	if (departmentIds.some((id) => !Number.isInteger(id) || id < 1)) {
		throw invalidField(
			this,
			itemIndex,
			`${prefix}departments`,
			'"Department IDs" must be whole numbers, as the WeCom admin console shows them',
		);
	}
	if (departmentIds.length > LINK_MAX_DEPARTMENTS) {
		throw invalidField(
			this,
			itemIndex,
			`${prefix}departments`,
			`"Department IDs" holds ${departmentIds.length} departments; a link takes at most ${LINK_MAX_DEPARTMENTS}`,
		);
	}
	if (members.ids.length === 0 && departmentIds.length === 0) return undefined;
	return { user_list: members.ids, department_list: departmentIds };
}

/** get's answer as one flat item: the link, its range and skip_verify. */
export function flattenLink(response: IDataObject): IDataObject {
	const link = (response.link as IDataObject | undefined) ?? {};
	const range = (response.range as IDataObject | undefined) ?? {};
	return {
		link_id: String(link.link_id ?? ''),
		link_name: String(link.link_name ?? ''),
		url: String(link.url ?? ''),
		create_time: Number(link.create_time ?? 0),
		user_list: Array.isArray(range.user_list) ? range.user_list : [],
		department_list: Array.isArray(range.department_list) ? range.department_list.map(Number) : [],
		skip_verify: response.skip_verify === true,
	};
}

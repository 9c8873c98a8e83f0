/**
 * 管理企业标签 (page 92117): add_corp_tag, edit_corp_tag, del_corp_tag. Names are at most 30
 * characters; a group is named by group_id, or by group_name (an existing name adds to that
 * group); deleting every tag of a group deletes the group.
 */
import type { CorpTag, CorpTagGroup } from '../contacts';
import { fail, ok, post, type RouteTable } from '../route';
import type { SandboxState } from '../state';
import { isObject, optionalInt, optionalString, requiredString, stringArray } from '../validate';

export const TAG_NAME_MAX_CHARS = 30;

let nextId = 1;
function newId(): string {
	return `etSandbox${Date.now().toString(36)}${(nextId++).toString(36)}`;
}

function tagName(value: unknown, where: string): string {
	if (typeof value !== 'string' || value.trim() === '') fail(40058, `${where} missing`);
	if ([...value].length > TAG_NAME_MAX_CHARS)
		fail(40058, `invalid parameter: ${where} exceeds ${TAG_NAME_MAX_CHARS} characters`);
	return value;
}

function order(value: number | undefined): number {
	if (value !== undefined && (value < 0 || value >= 2 ** 32))
		fail(40058, 'invalid parameter: order');
	return value ?? 0;
}

function addCorpTag(state: SandboxState, body: Record<string, unknown>) {
	const groupId = optionalString(body, 'group_id');
	const groupName = optionalString(body, 'group_name');
	if (!Array.isArray(body.tag) || body.tag.length === 0) fail(40058, 'tag missing');
	const now = Math.floor(Date.now() / 1000);
	let group: CorpTagGroup | undefined;
	if (groupId)
		group = state.contacts.findGroup(groupId) ?? fail(40068, `invalid tag group id: ${groupId}`);
	else if (groupName) {
		tagName(groupName, 'group_name');
		group = state.contacts.tagGroups.find((g) => g.group_name === groupName);
	} else fail(40058, 'group_id and group_name cannot both be empty');
	const added: CorpTag[] = (body.tag as unknown[]).map((entry, i) => {
		if (!isObject(entry)) fail(40058, `invalid parameter: tag[${i}]`);
		return {
			id: newId(),
			name: tagName(entry.name, `tag[${i}].name`),
			create_time: now,
			order: order(optionalInt(entry, 'order')),
		};
	});
	const names = new Set<string>(group?.tag.map((t) => t.name) ?? []);
	for (const tag of added) {
		if (names.has(tag.name)) fail(40071, `UserTag Name Already Exist: ${tag.name}`);
		names.add(tag.name);
	}
	if (!group) {
		group = {
			group_id: newId(),
			group_name: groupName as string,
			create_time: now,
			order: order(optionalInt(body, 'order')),
			tag: [],
		};
		state.contacts.tagGroups.push(group);
	}
	group.tag.push(...added);
	return ok({
		tag_group: {
			group_id: group.group_id,
			group_name: group.group_name,
			create_time: group.create_time,
			order: group.order,
			tag: added,
		},
	});
}

function editCorpTag(state: SandboxState, body: Record<string, unknown>) {
	const id = requiredString(body, 'id');
	const name = body.name === undefined || body.name === '' ? undefined : tagName(body.name, 'name');
	const newOrder = optionalInt(body, 'order');
	const group = state.contacts.findGroup(id);
	if (group) {
		if (
			name !== undefined &&
			state.contacts.tagGroups.some((g) => g !== group && g.group_name === name)
		)
			fail(40071, `UserTag Name Already Exist: ${name}`);
		if (name !== undefined) group.group_name = name;
		if (newOrder !== undefined) group.order = order(newOrder);
		return ok();
	}
	const found = state.contacts.findTag(id) ?? fail(40068, `invalid tagid: ${id}`);
	if (name !== undefined && found.group.tag.some((t) => t !== found.tag && t.name === name))
		fail(40071, `UserTag Name Already Exist: ${name}`);
	if (name !== undefined) found.tag.name = name;
	if (newOrder !== undefined) found.tag.order = order(newOrder);
	return ok();
}

function delCorpTag(state: SandboxState, body: Record<string, unknown>) {
	const tagIds = stringArray(body, 'tag_id', 1000);
	const groupIds = stringArray(body, 'group_id', 1000);
	if (tagIds.length === 0 && groupIds.length === 0)
		fail(40058, 'tag_id and group_id cannot both be empty');
	for (const id of tagIds) if (!state.contacts.findTag(id)) fail(40068, `invalid tagid: ${id}`);
	for (const id of groupIds)
		if (!state.contacts.findGroup(id)) fail(40068, `invalid tag group id: ${id}`);
	state.contacts.tagGroups = state.contacts.tagGroups
		.filter((g) => !groupIds.includes(g.group_id))
		.map((g) => ({ ...g, tag: g.tag.filter((t) => !tagIds.includes(t.id)) }))
		.filter((g) => g.tag.length > 0);
	return ok();
}

export const corpTagRoutes: RouteTable = {
	'/cgi-bin/externalcontact/add_corp_tag': post(({ state, body }) => addCorpTag(state, body)),
	'/cgi-bin/externalcontact/edit_corp_tag': post(({ state, body }) => editCorpTag(state, body)),
	'/cgi-bin/externalcontact/del_corp_tag': post(({ state, body }) => delCorpTag(state, body)),
};

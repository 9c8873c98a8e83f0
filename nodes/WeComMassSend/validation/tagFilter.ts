/**
 * add_msg_template's customer tag filter: `tag_filter.group_list[].tag_list[]`. A customer matches a group when
 * they carry any tag of it (OR), and must match every group (AND).
 */
import { parseIdList } from '../../shared/idList';

export interface TagGroup {
	tag_list: string[];
}

export type TagFilterResult = { ok: true; groupList: TagGroup[] } | { ok: false; reason: string };

/** A resource locator's value as n8n saves it ({ __rl, mode, value }), or the plain value itself. */
function locatorValue(value: unknown): unknown {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && '__rl' in value
		? (value as { value?: unknown }).value
		: value;
}

/** Groups typed in the UI; each holds a comma/newline list of tag IDs. Empty groups are dropped. */
export function tagFilterFromGroups(groups: unknown): TagFilterResult {
	if (groups === undefined || groups === null) return { ok: true, groupList: [] };
	if (!Array.isArray(groups)) return { ok: false, reason: 'must be a list of tag groups' };
	const groupList: TagGroup[] = [];
	for (let i = 0; i < groups.length; i++) {
		const group = groups[i] as
			{ tagIds?: unknown; tags?: { tags?: Array<{ tag?: unknown }> } } | undefined;
		// Picked tags (resource locators from the tag picker) first, then the typed IDs of older workflows.
		const picked = (Array.isArray(group?.tags?.tags) ? group.tags.tags : []).map((entry) =>
			locatorValue(entry?.tag),
		);
		const parsed = parseIdList([...picked, group?.tagIds]);
		if (!parsed.ok) return { ok: false, reason: `group ${i + 1}: ${parsed.reason}` };
		if (parsed.ids.length > 0) groupList.push({ tag_list: parsed.ids });
	}
	return { ok: true, groupList };
}

/**
 * JSON in any of the shapes people have at hand: WeCom's own `{"group_list":[{"tag_list":[…]}]}`,
 * its inner `[{"tag_list":[…]}]`, or plain `[["tagA","tagB"],["tagC"]]`.
 */
export function tagFilterFromJson(value: unknown): TagFilterResult {
	let data = value;
	if (typeof data === 'string') {
		if (data.trim() === '') return { ok: true, groupList: [] };
		try {
			data = JSON.parse(data);
		} catch (error) {
			return { ok: false, reason: `is not valid JSON (${(error as Error).message})` };
		}
	}
	if (data === undefined || data === null) return { ok: true, groupList: [] };
	if (typeof data === 'object' && !Array.isArray(data))
		data = (data as { group_list?: unknown }).group_list;
	if (!Array.isArray(data))
		return { ok: false, reason: 'must be {"group_list":[{"tag_list":["tagId", …]}, …]}' };
	const groupList: TagGroup[] = [];
	for (let i = 0; i < data.length; i++) {
		const entry = data[i] as unknown;
		const tags = Array.isArray(entry) ? entry : (entry as { tag_list?: unknown } | null)?.tag_list;
		if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string' || tag.trim() === '')) {
			return { ok: false, reason: `group_list[${i}].tag_list must be a list of tag IDs (strings)` };
		}
		if (tags.length > 0) groupList.push({ tag_list: (tags as string[]).map((tag) => tag.trim()) });
	}
	return { ok: true, groupList };
}

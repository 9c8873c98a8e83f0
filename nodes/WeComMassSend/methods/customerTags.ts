import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readTagGroups } from '../actions/customerTag/tagLibrary';

/** WeCom returns the whole library at once; the editor gets it a page at a time. */
const PAGE_SIZE = 100;

/**
 * The corp tag picker (企业客户标签): shows "group / tag", saves the tag ID. The search matches
 * the group name, the tag name or the ID, ignoring case.
 */
export async function searchCustomerTags(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const groups = await readTagGroups.call(this);
	const tags = groups.flatMap((group) =>
		(Array.isArray(group.tag) ? (group.tag as IDataObject[]) : []).map((tag) => ({
			name: `${String(group.group_name ?? '')} / ${String(tag.name ?? '')}`,
			value: String(tag.id ?? ''),
		})),
	);
	const needle = (filter ?? '').trim().toLowerCase();
	const matching = tags.filter(
		(tag) =>
			needle === '' ||
			tag.name.toLowerCase().includes(needle) ||
			tag.value.toLowerCase().includes(needle),
	);
	const offset = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const end = offset + PAGE_SIZE;
	return {
		results: matching.slice(offset, end),
		...(end < matching.length ? { paginationToken: String(end) } : {}),
	};
}

/**
 * Tag fields with the tag picker: "From List" shows "group / tag" names (searchCustomerTags) and
 * saves the tag ID; "By ID" takes typed IDs or an expression, comma or newline separated or an
 * array, so flows that compute tag IDs keep working.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseIdList } from '../../../shared/idList';
import { invalidField } from '../common/fields';

export const TAG_SEARCH_METHOD = 'searchCustomerTags';

export function tagLocator(
	fields: Pick<INodeProperties, 'displayName' | 'name' | 'description'> & Partial<INodeProperties>,
): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a tag...',
				typeOptions: { searchListMethod: TAG_SEARCH_METHOD, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'etXXXX1, etXXXX2' },
		],
		...fields,
	};
}

/** Several tags: one picker per entry ("Add Tag"); each entry may also hold several typed IDs. */
export function tagListField(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tag',
		default: {},
		description,
		options: [
			{
				displayName: 'Tag',
				name: 'tags',
				values: [
					tagLocator({ displayName: 'Tag', name: 'tag', description: 'A corp tag (企业标签)' }),
				],
			},
		],
	};
}

/** The value of a resource locator as n8n saves it, or the plain value of an expression or older workflow. */
export function locatorValue(value: unknown): unknown {
	if (typeof value === 'object' && value !== null && !Array.isArray(value) && '__rl' in value)
		return (value as { value?: unknown }).value;
	return value;
}

/** The tag IDs of a tagListField, deduplicated; refuses anything that is not an ID, naming the field. */
export function readTagList(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string[] {
	const raw = this.getNodeParameter(name, itemIndex, {}) as { tags?: Array<{ tag?: unknown }> };
	const entries = Array.isArray(raw?.tags) ? raw.tags : [];
	const parsed = parseIdList(entries.map((entry) => locatorValue(entry?.tag)));
	if (!parsed.ok) throw invalidField(this, itemIndex, name, `"${label}": ${parsed.reason}`);
	return parsed.ids;
}

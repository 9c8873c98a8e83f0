/**
 * Member (成员 UserID) fields as resource locators: pick from the members who may serve customers
 * (get_follow_user_list), or type an ID. Saved workflows that hold a plain string keep working:
 * n8n hands a plain string through unchanged when the value is extracted.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const MEMBER_SEARCH_METHOD = 'searchMembers';

type MemberLocatorFields = Pick<INodeProperties, 'displayName' | 'name' | 'description'> &
	Partial<INodeProperties>;

export function memberLocator(
	fields: MemberLocatorFields,
	idPlaceholder = 'zhangsan',
): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a member...',
				typeOptions: { searchListMethod: MEMBER_SEARCH_METHOD, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: idPlaceholder },
		],
		...fields,
	};
}

/** The chosen member ID(s): the locator's value, or the plain string of an older workflow. */
export function memberValue(this: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return this.getNodeParameter(name, itemIndex, '', { extractValue: true });
}

/** One member ID as text ('' when none). */
export function memberId(this: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = memberValue.call(this, name, itemIndex);
	return value === undefined || value === null ? '' : String(value).trim();
}

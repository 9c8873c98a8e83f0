/**
 * Customer group (客户群 chat_id) fields as resource locators: pick a group by its name and owner,
 * or type a chat ID. A plain string saved by an older workflow is handed through unchanged.
 */
import type { INodeProperties } from 'n8n-workflow';

export const GROUP_SEARCH_METHOD = 'searchCustomerGroups';

type GroupLocatorFields = Pick<INodeProperties, 'displayName' | 'name' | 'description'> &
	Partial<INodeProperties>;

export function groupLocator(fields: GroupLocatorFields): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a customer group...',
				typeOptions: { searchListMethod: GROUP_SEARCH_METHOD, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA',
			},
		],
		...fields,
	};
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pages } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_LINK, LINK_LIST_PAGE, LIST_LINKS } from './apis';
import { flattenLink } from './linkFields';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Include Details',
		name: 'includeDetails',
		type: 'boolean',
		default: false,
		description:
			'Whether to read each link’s name, URL and members with one customer_acquisition/get each; otherwise WeCom lists link_id only',
	},
];

export const operation = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many acquisition links',
	description:
		'List the corp’s acquisition links (获取获客链接列表, customer_acquisition/list_link)',
	calls: [LIST_LINKS, GET_LINK],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const includeDetails = this.getNodeParameter('includeDetails', itemIndex, false) === true;
	const fetchPage = async (cursor: string, pageSize: number) => {
		const response = await weComApiRequest.call(this, {
			api: LIST_LINKS,
			body: { limit: pageSize, ...(cursor ? { cursor } : {}) },
			itemIndex,
		});
		const ids = Array.isArray(response.link_id_list)
			? (response.link_id_list as unknown[]).map(String)
			: [];
		return { items: ids, nextCursor: String(response.next_cursor ?? '') };
	};
	const output: IDataObject[] = [];
	for await (const page of pages(fetchPage, { maxPageSize: LINK_LIST_PAGE, limit })) {
		for (const link_id of page) {
			if (!includeDetails) {
				output.push({ link_id });
				continue;
			}
			const response = await weComApiRequest.call(this, {
				api: GET_LINK,
				body: { link_id },
				itemIndex,
			});
			output.push(flattenLink(response));
		}
	}
	return output;
}

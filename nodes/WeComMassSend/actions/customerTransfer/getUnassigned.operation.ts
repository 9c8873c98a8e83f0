import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pages } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { UNASSIGNED, UNASSIGNED_PAGE } from './apis';

export const operation = defineOperation({
	value: 'getUnassigned',
	name: 'Get Unassigned',
	action: 'Get customers of members who left',
	description:
		'Customers whose member left and who wait for a new one (获取待分配的离职成员列表, get_unassigned_list)',
	calls: [UNASSIGNED],
	properties: [...returnAllOrLimit],
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	// WeCom replaced page_id with cursor: only the cursor reads past the first pages.
	const fetchPage = async (cursor: string, pageSize: number) => {
		const body: IDataObject = { page_size: pageSize, ...(cursor ? { cursor } : {}) };
		const response = await weComApiRequest.call(this, { api: UNASSIGNED, body, itemIndex });
		const items = Array.isArray(response.info) ? (response.info as IDataObject[]) : [];
		return {
			items,
			nextCursor: response.is_last === true ? '' : String(response.next_cursor ?? ''),
		};
	};
	const output: IDataObject[] = [];
	for await (const page of pages(fetchPage, { maxPageSize: UNASSIGNED_PAGE, limit })) {
		for (const entry of page) {
			output.push({
				handover_userid: String(entry.handover_userid ?? ''),
				external_userid: String(entry.external_userid ?? ''),
				dimission_time: Number(entry.dimission_time ?? 0),
			});
		}
	}
	return output;
}

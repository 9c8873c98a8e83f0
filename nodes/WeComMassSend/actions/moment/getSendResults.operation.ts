import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectPages } from '../../../shared/transport/paginate';
import { requiredString } from '../common/fields';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_MOMENT_SEND_RESULTS, SEND_RESULT_PAGE_SIZE, momentPages } from './apis';
import { momentMemberField, readMomentMember } from './memberField';
import { momentIdField } from './momentId.description';

const properties: INodeProperties[] = [momentIdField, momentMemberField, ...returnAllOrLimit];

export const operation = defineOperation({
	value: 'getSendResults',
	name: 'Get Send Results',
	action: 'Get the customers a member’s moment reached',
	description:
		'Customers one member’s published moment reached (获取客户朋友圈发表后的可见客户列表, get_moment_send_result)',
	calls: [GET_MOMENT_SEND_RESULTS],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const momentId = requiredString.call(this, 'momentId', 'Moment ID', itemIndex);
	const userid = readMomentMember.call(this, itemIndex);
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const query = { moment_id: momentId, userid };
	const customers = await collectPages(
		momentPages.call(this, itemIndex, GET_MOMENT_SEND_RESULTS, query, 'customer_list'),
		{
			maxPageSize: SEND_RESULT_PAGE_SIZE,
			limit,
		},
	);
	return customers.map((customer) => ({
		moment_id: momentId,
		userid,
		external_userid: customer.external_userid,
	}));
}

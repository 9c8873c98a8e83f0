import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectPages } from '../../../shared/transport/paginate';
import { requiredString } from '../common/fields';
import { readLimit, returnAllOrLimit } from '../common/paging.description';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { CUSTOMER_PAGE_SIZE, GET_MOMENT_CUSTOMERS, momentPages } from './apis';
import { momentMemberField, readMomentMember } from './memberField';
import { momentIdField } from './momentId.description';

const properties: INodeProperties[] = [momentIdField, momentMemberField, ...returnAllOrLimit];

export const operation = defineOperation({
	value: 'getCustomers',
	name: 'Get Customers',
	action: 'Get the customers who can see a member’s moment',
	description:
		'Customers who can see one member’s moment (获取客户朋友圈发表时选择的可见范围, get_moment_customer_list)',
	calls: [GET_MOMENT_CUSTOMERS],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const momentId = requiredString.call(this, 'momentId', 'Moment ID', itemIndex);
	const userid = readMomentMember.call(this, itemIndex);
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const query = { moment_id: momentId, userid };
	const customers = await collectPages(
		momentPages.call(this, itemIndex, GET_MOMENT_CUSTOMERS, query, 'customer_list'),
		{
			maxPageSize: CUSTOMER_PAGE_SIZE,
			limit,
		},
	);
	return customers.map((customer) => ({
		moment_id: momentId,
		userid: customer.userid ?? userid,
		external_userid: customer.external_userid,
	}));
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { QUOTA } from './apis';

export const operation = defineOperation({
	value: 'getQuota',
	name: 'Get Quota',
	action: 'Get the acquisition link quota',
	description:
		'How many customers the corp’s links may still bring, and when the quota expires (查询剩余使用量, customer_acquisition_quota)',
	calls: [QUOTA],
	properties: [],
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const response = await weComApiRequest.call(this, { api: QUOTA, itemIndex });
	const quotaList = Array.isArray(response.quota_list)
		? (response.quota_list as IDataObject[])
		: [];
	return [
		{
			total: Number(response.total ?? 0),
			balance: Number(response.balance ?? 0),
			quota_list: quotaList.map((q) => ({
				expire_date: Number(q.expire_date ?? 0),
				balance: Number(q.balance ?? 0),
			})),
		},
	];
}

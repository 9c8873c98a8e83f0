import { defineResource } from '../resource';
import { operation as getMemberBehavior } from './memberBehavior.operation';

export const statistics = defineResource({
	value: 'statistics',
	name: 'Statistics',
	description: '数据统计',
	operations: [getMemberBehavior],
	defaultOperation: 'getMemberBehavior',
});

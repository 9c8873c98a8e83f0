import { defineResource } from '../resource';
import { operation as getGroupStatistics } from './groupStatistics.operation';
import { operation as getMemberBehavior } from './memberBehavior.operation';

export const statistics = defineResource({
	value: 'statistics',
	name: 'Statistics',
	description: '数据统计',
	operations: [getMemberBehavior, getGroupStatistics],
	defaultOperation: 'getMemberBehavior',
});

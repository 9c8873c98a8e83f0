import { defineResource } from '../resource';
import { operation as cancel } from './cancel.operation';
import { operation as create } from './create.operation';
import { operation as getComments } from './getComments.operation';
import { operation as getCustomers } from './getCustomers.operation';
import { operation as getMany } from './getMany.operation';
import { operation as getMemberTasks } from './getMemberTasks.operation';
import { operation as getReport } from './getReport.operation';
import { operation as getSendResults } from './getSendResults.operation';

export const moment = defineResource({
	value: 'moment',
	name: 'Moment',
	description: '客户朋友圈',
	operations: [
		create,
		getMany,
		getMemberTasks,
		getCustomers,
		getSendResults,
		getComments,
		getReport,
		cancel,
	],
	defaultOperation: 'getMany',
});

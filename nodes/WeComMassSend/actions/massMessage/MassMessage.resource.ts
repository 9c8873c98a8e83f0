import { defineResource } from '../resource';
import { operation as cancel } from './cancel.operation';
import { operation as create } from './create.operation';
import { operation as getMany } from './getMany.operation';
import { operation as getMemberTasks } from './getMemberTasks.operation';
import { operation as getReport } from './getReport.operation';
import { operation as getSendResults } from './getSendResults.operation';
import { operation as remind } from './remind.operation';

export const massMessage = defineResource({
	value: 'massMessage',
	name: 'Mass Message',
	description: '企业群发',
	operations: [create, remind, cancel, getMany, getMemberTasks, getSendResults, getReport],
	defaultOperation: 'create',
});

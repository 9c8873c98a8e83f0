import { defineResource } from '../resource';
import { operation as get } from './get.operation';
import { operation as getMany } from './getMany.operation';
import { operation as updateRemark } from './updateRemark.operation';

export const customer = defineResource({
	value: 'customer',
	name: 'Customer',
	description: '客户',
	operations: [get, getMany, updateRemark],
	defaultOperation: 'get',
});

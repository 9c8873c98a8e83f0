import { defineResource } from '../resource';
import { operation as create } from './create.operation';
import { operation as remove } from './delete.operation';
import { operation as getMany } from './getMany.operation';
import { operation as update } from './update.operation';
import { operation as updateOnCustomer } from './updateOnCustomer.operation';

export const customerTag = defineResource({
	value: 'customerTag',
	name: 'Customer Tag',
	description: '企业客户标签',
	operations: [create, remove, getMany, update, updateOnCustomer],
	defaultOperation: 'getMany',
});

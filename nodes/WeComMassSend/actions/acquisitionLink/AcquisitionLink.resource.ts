import { defineResource } from '../resource';
import { operation as create } from './create.operation';
import { operation as deleteLink } from './delete.operation';
import { operation as get } from './get.operation';
import { operation as getCustomers } from './getCustomers.operation';
import { operation as getMany } from './getMany.operation';
import { operation as getQuota } from './getQuota.operation';
import { operation as getStatistics } from './getStatistics.operation';
import { operation as update } from './update.operation';

export const acquisitionLink = defineResource({
	value: 'acquisitionLink',
	name: 'Acquisition Link',
	description:
		'获客助手: links that let customers from ads and web pages add members, their customers and quota',
	operations: [create, deleteLink, get, getCustomers, getMany, getQuota, getStatistics, update],
	defaultOperation: 'getMany',
});

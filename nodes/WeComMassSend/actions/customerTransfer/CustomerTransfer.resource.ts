import { defineResource } from '../resource';
import { operation as getTransferResults } from './getTransferResults.operation';
import { operation as getUnassigned } from './getUnassigned.operation';
import { operation as transferCustomers } from './transferCustomers.operation';
import { operation as transferGroups } from './transferGroups.operation';

export const customerTransfer = defineResource({
	value: 'customerTransfer',
	name: 'Customer Transfer',
	description:
		'客户继承: hand the customers and groups of a member who stays or left to another member',
	operations: [getTransferResults, getUnassigned, transferCustomers, transferGroups],
	defaultOperation: 'transferCustomers',
});

import { defineResource } from '../resource';
import { operation as convertOpenGid } from './convertOpenGid.operation';
import { operation as createJoinWay } from './createJoinWay.operation';
import { operation as deleteJoinWay } from './deleteJoinWay.operation';
import { operation as get } from './get.operation';
import { operation as getJoinWay } from './getJoinWay.operation';
import { operation as getMany } from './getMany.operation';
import { operation as updateJoinWay } from './updateJoinWay.operation';

export const customerGroup = defineResource({
	value: 'customerGroup',
	name: 'Customer Group',
	description: '客户群 and their 「加入群聊」 join ways',
	operations: [
		convertOpenGid,
		createJoinWay,
		deleteJoinWay,
		get,
		getJoinWay,
		getMany,
		updateJoinWay,
	],
	defaultOperation: 'getMany',
});

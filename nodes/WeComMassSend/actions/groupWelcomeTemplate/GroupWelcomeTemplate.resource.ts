import { defineResource } from '../resource';
import { operation as create } from './create.operation';
import { operation as del } from './delete.operation';
import { operation as get } from './get.operation';
import { operation as update } from './update.operation';

export const groupWelcomeTemplate = defineResource({
	value: 'groupWelcomeTemplate',
	name: 'Group Welcome Template',
	description: '入群欢迎语素材',
	operations: [create, update, get, del],
	defaultOperation: 'create',
});

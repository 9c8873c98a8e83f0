import { defineResource } from '../resource';
import { operation as send } from './send.operation';

export const welcomeMessage = defineResource({
	value: 'welcomeMessage',
	name: 'Welcome Message',
	description: '新客户欢迎语',
	operations: [send],
	defaultOperation: 'send',
});

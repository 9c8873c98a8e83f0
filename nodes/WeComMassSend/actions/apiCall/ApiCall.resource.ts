import { defineResource } from '../resource';
import { operation as call } from './call.operation';

export const apiCall = defineResource({
	value: 'apiCall',
	name: 'API Call',
	description: '任意企业微信接口: any WeCom API, with the token handled for you',
	operations: [call],
	defaultOperation: 'call',
});

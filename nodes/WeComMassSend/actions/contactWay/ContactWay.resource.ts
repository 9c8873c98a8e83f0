import { defineResource } from '../resource';
import { operation as create } from './create.operation';
import { operation as del } from './delete.operation';
import { operation as endTempSession } from './endTempSession.operation';
import { operation as get } from './get.operation';
import { operation as getMany } from './getMany.operation';
import { operation as update } from './update.operation';

export const contactWay = defineResource({
	value: 'contactWay',
	name: 'Contact Way',
	description: '联系我 / 渠道活码: QR codes and buttons that carry a channel state',
	operations: [create, del, endTempSession, get, getMany, update],
	defaultOperation: 'create',
});

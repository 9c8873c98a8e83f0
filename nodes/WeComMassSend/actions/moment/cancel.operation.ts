import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { momentIdField } from './momentId.description';

const CANCEL = wecomApi('POST', 'externalcontact/cancel_moment_task', { changesData: true });

const properties: INodeProperties[] = [
	momentIdField,
	{
		displayName:
			'Stops a company moment (停止发表企业朋友圈): members who have not published it can no longer do so; ' +
			'moments already published stay. Only company moments (企业发表) can be stopped.',
		name: 'cancelNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a company moment',
	description:
		'Stop a company moment members have not published yet (停止发表企业朋友圈, cancel_moment_task)',
	calls: [CANCEL],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const momentId = requiredString.call(this, 'momentId', 'Moment ID', itemIndex);
	await weComApiRequest.call(this, { api: CANCEL, body: { moment_id: momentId }, itemIndex });
	return [{ moment_id: momentId, canceled: true }];
}

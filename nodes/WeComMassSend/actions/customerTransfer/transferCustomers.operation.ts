import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chunk, parseIdList } from '../../../shared/idList';
import { explainApiError } from '../../../shared/transport/apiError';
import { weComApiRequest } from '../../../shared/transport/request';
import { charCount } from '../common/chars';
import { invalidField } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { CUSTOMERS_PER_CALL, MESSAGE_MAX_CHARS, TRANSFER_ONJOB, TRANSFER_RESIGNED } from './apis';
import {
	handoverField,
	memberStatusField,
	readMembers,
	readMemberStatus,
	takeoverField,
} from './handover.description';

const properties: INodeProperties[] = [
	memberStatusField,
	handoverField,
	takeoverField,
	{
		displayName: 'Customer IDs',
		name: 'externalUserIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'wmXXXX, wmYYYY',
		description:
			'The customers to hand over (external_userid), separated by commas or new lines, or an ' +
			'array from an expression. WeCom takes 100 per call; longer lists are sent 100 at a ' +
			'time.',
	},
	{
		displayName: 'Message to Customers',
		name: 'transferMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		displayOptions: { show: { memberStatus: ['employed'] } },
		description: `What each customer sees when the new member takes over (transfer_success_msg, at most ${MESSAGE_MAX_CHARS} characters); empty for WeCom's default text`,
	},
];

export const operation = defineOperation({
	value: 'transferCustomers',
	name: 'Transfer Customers',
	action: 'Transfer customers to another member',
	description:
		'Hand a member’s customers to another member (分配在职/离职成员的客户, transfer_customer, ' +
		'resigned/transfer_customer)',
	calls: [TRANSFER_ONJOB, TRANSFER_RESIGNED],
	properties,
	execute,
});

/** WeCom's per-customer errcodes, with what the user can do. */
const REASONS: Record<number, string> = {
	0: '',
	40096: 'Not a customer of the handover member, or not a valid external_userid',
	40129: 'Already being transferred: wait for the earlier transfer’s result (Get Transfer Results)',
	84061: 'The handover member has no contact with this customer',
};

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const resigned = readMemberStatus.call(this, itemIndex);
	const { handover, takeover } = readMembers.call(this, itemIndex);
	const parsed = parseIdList(this.getNodeParameter('externalUserIds', itemIndex, ''));
	if (!parsed.ok)
		throw invalidField(this, itemIndex, 'externalUserIds', `"Customer IDs": ${parsed.reason}`);
	if (parsed.ids.length === 0)
		throw invalidField(this, itemIndex, 'externalUserIds', '"Customer IDs" is required');
	const message = resigned
		? ''
		: String(this.getNodeParameter('transferMessage', itemIndex, '') ?? '').trim();
	if (charCount(message) > MESSAGE_MAX_CHARS) {
		throw invalidField(
			this,
			itemIndex,
			'transferMessage',
			`"Message to Customers" is ${charCount(message)} characters; WeCom allows at most ${MESSAGE_MAX_CHARS}`,
		);
	}
	const api = resigned ? TRANSFER_RESIGNED : TRANSFER_ONJOB;
	const batches = chunk(parsed.ids, CUSTOMERS_PER_CALL);
	const output: IDataObject[] = [];
	for (let index = 0; index < batches.length; index++) {
		const body: IDataObject = {
			handover_userid: handover,
			takeover_userid: takeover,
			external_userid: batches[index],
			...(message ? { transfer_success_msg: message } : {}),
		};
		let response;
		try {
			response = await weComApiRequest.call(this, { api, body, itemIndex });
		} catch (error) {
			if (index === 0) throw explainApiError.call(this, error, itemIndex);
			const started = output.filter((c) => c.started).map((c) => String(c.external_userid));
			throw explainApiError.call(this, error, itemIndex, {
				message: `batch ${index + 1} of ${batches.length} failed, later batches were not tried`,
				description:
					`Customers 1–${index * CUSTOMERS_PER_CALL} were sent before the failure (${started.length} transfers started). ` +
					`Send only customers ${index * CUSTOMERS_PER_CALL + 1}–${parsed.ids.length} again: WeCom refuses customers already being transferred.`,
				context: {
					startedExternalUserIds: started,
					failedBatch: index + 1,
					batches: batches.length,
				},
			});
		}
		const results = Array.isArray(response.customer) ? (response.customer as IDataObject[]) : [];
		for (const result of results) {
			const errcode = Number(result.errcode ?? 0);
			output.push({
				external_userid: String(result.external_userid ?? ''),
				handover_userid: handover,
				takeover_userid: takeover,
				memberStatus: resigned ? 'resigned' : 'employed',
				// errcode 0 starts the transfer; WeCom hands the customer over within 24 hours.
				started: errcode === 0,
				errcode,
				reason: REASONS[errcode] ?? `WeCom errcode ${errcode}`,
			});
		}
	}
	return output;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chunk, parseIdList } from '../../../shared/idList';
import { explainApiError } from '../../../shared/transport/apiError';
import { weComApiRequest } from '../../../shared/transport/request';
import { invalidField } from '../common/fields';
import { memberId, memberLocator } from '../common/memberLocator';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GROUPS_ONJOB, GROUPS_PER_CALL, GROUPS_RESIGNED } from './apis';
import { memberStatusField, readMemberStatus } from './handover.description';

const properties: INodeProperties[] = [
	{
		...memberStatusField,
		description:
			'Whether the groups’ owner (群主) stays in the company or has left: WeCom has one API for each',
	},
	{
		displayName: 'Customer Group IDs',
		name: 'chatIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'wrXXXX, wrYYYY',
		description:
			'The customer groups to hand over (chat_id, from Customer Group → Get Many), separated ' +
			'by commas or new lines. WeCom takes 100 per call; longer lists are sent 100 at a time.',
	},
	memberLocator({
		displayName: 'New Owner',
		name: 'newOwner',
		required: true,
		description:
			'The member who becomes the groups’ owner (新群主, new_owner): must use 客户联系, be verified ' +
			'and active. WeCom allows 300 groups of one owner a day.',
	}),
];

export const operation = defineOperation({
	value: 'transferGroups',
	name: 'Transfer Customer Groups',
	action: 'Transfer customer groups to a new owner',
	description:
		'Give a member’s customer groups a new owner (分配在职/离职成员的客户群, groupchat/onjob_transfer, ' +
		'groupchat/transfer)',
	calls: [GROUPS_ONJOB, GROUPS_RESIGNED],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const resigned = readMemberStatus.call(this, itemIndex);
	const parsed = parseIdList(this.getNodeParameter('chatIds', itemIndex, ''));
	if (!parsed.ok)
		throw invalidField(this, itemIndex, 'chatIds', `"Customer Group IDs": ${parsed.reason}`);
	if (parsed.ids.length === 0)
		throw invalidField(this, itemIndex, 'chatIds', '"Customer Group IDs" is required');
	const newOwner = memberId.call(this, 'newOwner', itemIndex);
	if (!newOwner) throw invalidField(this, itemIndex, 'newOwner', '"New Owner" is required');
	const api = resigned ? GROUPS_RESIGNED : GROUPS_ONJOB;
	const batches = chunk(parsed.ids, GROUPS_PER_CALL);
	const output: IDataObject[] = [];
	for (let index = 0; index < batches.length; index++) {
		let response;
		try {
			response = await weComApiRequest.call(this, {
				api,
				body: { chat_id_list: batches[index], new_owner: newOwner },
				itemIndex,
			});
		} catch (error) {
			if (index === 0) throw explainApiError.call(this, error, itemIndex);
			throw explainApiError.call(this, error, itemIndex, {
				message: `batch ${index + 1} of ${batches.length} failed, later batches were not tried`,
				description: `Groups 1–${index * GROUPS_PER_CALL} were handed over before the failure; send only groups ${index * GROUPS_PER_CALL + 1}–${parsed.ids.length} again.`,
				context: { failedBatch: index + 1, batches: batches.length },
			});
		}
		// WeCom lists only the groups it could not hand over; every other group of the call has its new owner.
		const failed = new Map<string, IDataObject>();
		for (const entry of Array.isArray(response.failed_chat_list)
			? (response.failed_chat_list as IDataObject[])
			: [])
			failed.set(String(entry.chat_id), entry);
		for (const chatId of batches[index]) {
			const failure = failed.get(chatId);
			output.push({
				chat_id: chatId,
				new_owner: newOwner,
				memberStatus: resigned ? 'resigned' : 'employed',
				transferred: !failure,
				errcode: Number(failure?.errcode ?? 0),
				errmsg: String(failure?.errmsg ?? ''),
			});
		}
	}
	return output;
}

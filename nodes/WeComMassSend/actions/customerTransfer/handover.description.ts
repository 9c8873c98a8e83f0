/** The fields every transfer shares: whether the member stays or left, and who hands over to whom. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField } from '../common/fields';
import { memberId, memberLocator } from '../common/memberLocator';

export const memberStatusField: INodeProperties = {
	displayName: 'Member Status',
	name: 'memberStatus',
	type: 'options',
	options: [
		{
			name: 'Still Employed (在职继承)',
			value: 'employed',
			description: 'The member stays, e.g. changes team',
		},
		{
			name: 'Has Left (离职继承)',
			value: 'resigned',
			description: 'The member has left the company',
		},
	],
	default: 'employed',
	description:
		'Whether the member who hands over stays in the company or has left: WeCom has one API for each',
};

export const handoverField = memberLocator({
	displayName: 'Handover Member',
	name: 'handoverUserId',
	required: true,
	description:
		'The member whose customers are handed over (原跟进成员, handover_userid). A member who left is not in the list: type the UserID.',
});

export const takeoverField = memberLocator({
	displayName: 'Takeover Member',
	name: 'takeoverUserId',
	required: true,
	description: 'The member who takes the customers over (接替成员, takeover_userid)',
});

export function readMemberStatus(this: IExecuteFunctions, itemIndex: number): boolean {
	const status = this.getNodeParameter('memberStatus', itemIndex, 'employed');
	if (status !== 'employed' && status !== 'resigned')
		throw invalidField(
			this,
			itemIndex,
			'memberStatus',
			'"Member Status" must be Still Employed or Has Left',
		);
	return status === 'resigned';
}

/** Both members, refused before any request when missing or the same. */
export function readMembers(
	this: IExecuteFunctions,
	itemIndex: number,
): { handover: string; takeover: string } {
	const handover = memberId.call(this, 'handoverUserId', itemIndex);
	if (!handover)
		throw invalidField(this, itemIndex, 'handoverUserId', '"Handover Member" is required');
	const takeover = memberId.call(this, 'takeoverUserId', itemIndex);
	if (!takeover)
		throw invalidField(this, itemIndex, 'takeoverUserId', '"Takeover Member" is required');
	if (handover === takeover)
		throw invalidField(
			this,
			itemIndex,
			'takeoverUserId',
			'"Takeover Member" must differ from "Handover Member"',
		);
	return { handover, takeover };
}

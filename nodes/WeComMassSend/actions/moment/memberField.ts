/** The member (成员 UserID) whose part of a moment an operation reads, required by WeCom's per-member APIs. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField } from '../common/fields';
import { memberId, memberLocator } from '../common/memberLocator';

export const momentMemberField: INodeProperties = memberLocator({
	displayName: 'Member',
	name: 'userId',
	required: true,
	description: 'The member (成员 UserID) whose part of the moment to read',
});

export function readMomentMember(this: IExecuteFunctions, itemIndex: number): string {
	const userid = memberId.call(this, 'userId', itemIndex);
	if (!userid) throw invalidField(this, itemIndex, 'userId', '"Member" is required');
	return userid;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { weComApiRequest } from '../../../shared/transport/request';
import { requiredString } from '../common/fields';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { GET_MOMENT_COMMENTS } from './apis';
import { momentMemberField, readMomentMember } from './memberField';
import { momentIdField } from './momentId.description';

const properties: INodeProperties[] = [
	momentIdField,
	momentMemberField,
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item',
				value: 'summary',
				description: 'Comments and likes in one item, with their counts',
			},
			{
				name: 'One Item per Comment or Like',
				value: 'each',
				description: 'kind is comment or like',
			},
		],
		default: 'summary',
	},
];

export const operation = defineOperation({
	value: 'getComments',
	name: 'Get Comments',
	action: 'Get the comments and likes on a member’s moment',
	description:
		'Comments and likes on one member’s moment (获取客户朋友圈的互动数据, get_moment_comments)',
	calls: [GET_MOMENT_COMMENTS],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const momentId = requiredString.call(this, 'momentId', 'Moment ID', itemIndex);
	const userid = readMomentMember.call(this, itemIndex);
	const output = String(this.getNodeParameter('output', itemIndex, 'summary'));
	// WeCom answers everything in one response: this API has no cursor.
	const response = await weComApiRequest.call(this, {
		api: GET_MOMENT_COMMENTS,
		body: { moment_id: momentId, userid },
		itemIndex,
	});
	const comments = (response.comment_list as IDataObject[] | undefined) ?? [];
	const likes = (response.like_list as IDataObject[] | undefined) ?? [];
	if (output === 'each') {
		return [
			...comments.map((c) => ({ moment_id: momentId, userid, kind: 'comment', ...c })),
			...likes.map((l) => ({ moment_id: momentId, userid, kind: 'like', ...l })),
		];
	}
	return [
		{
			moment_id: momentId,
			userid,
			commentCount: comments.length,
			likeCount: likes.length,
			comment_list: comments,
			like_list: likes,
		},
	];
}

/** Moment → Get Comments (get_moment_comments): comments and likes, one item or one per entry. */
import { MOMENT_EPOCH, SEEDED_MOMENTS } from '../../../../../tools/sandbox/moments';
import { SEEDED_CUSTOMERS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const comments = (extra: Record<string, unknown>) => ({
	resource: 'moment',
	operation: 'getComments',
	momentId: SEEDED_MOMENTS.company,
	userId: 'zhangsan',
	...extra,
});

test('one item with counts, comments and likes (a customer’s and a member’s)', async () => {
	const result = await runMassSend(comments({}));
	expect(result.json()).toEqual([
		{
			moment_id: SEEDED_MOMENTS.company,
			userid: 'zhangsan',
			commentCount: 1,
			likeCount: 2,
			comment_list: [{ external_userid: SEEDED_CUSTOMERS.lilei, create_time: MOMENT_EPOCH + 7200 }],
			like_list: [
				{ external_userid: SEEDED_CUSTOMERS.lilei, create_time: MOMENT_EPOCH + 7300 },
				{ userid: 'lisi', create_time: MOMENT_EPOCH + 7400 },
			],
		},
	]);
	expect(apiCalls(sandbox()).map((c) => bodyOf(c))).toEqual([
		{ moment_id: SEEDED_MOMENTS.company, userid: 'zhangsan' },
	]);
});

test('One Item per Comment or Like marks each with kind', async () => {
	const result = await runMassSend(comments({ output: 'each' }));
	expect(result.json().map((i) => [i.kind, i.external_userid ?? i.userid])).toEqual([
		['comment', SEEDED_CUSTOMERS.lilei],
		['like', SEEDED_CUSTOMERS.lilei],
		['like', 'lisi'],
	]);
});

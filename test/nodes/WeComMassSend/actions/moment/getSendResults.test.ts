/** Moment → Get Send Results (get_moment_send_result): customers reached, pages of 5,000. */
import { BIG_MOMENT_CUSTOMERS, SEEDED_MOMENTS } from '../../../../../tools/sandbox/moments';
import { SEEDED_CUSTOMERS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const results = (extra: Record<string, unknown>) => ({
	resource: 'moment',
	operation: 'getSendResults',
	...extra,
});

test('a published member’s reached customers; an unpublished member has none', async () => {
	const published = await runMassSend(
		results({ momentId: SEEDED_MOMENTS.company, userId: 'zhangsan', returnAll: true }),
	);
	expect(published.json()).toEqual([
		{
			moment_id: SEEDED_MOMENTS.company,
			userid: 'zhangsan',
			external_userid: SEEDED_CUSTOMERS.lilei,
		},
	]);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		moment_id: SEEDED_MOMENTS.company,
		userid: 'zhangsan',
		limit: 5000,
	});
	const unpublished = await runMassSend(
		results({ momentId: SEEDED_MOMENTS.company, userId: 'lisi', returnAll: true }),
	);
	expect(unpublished.json()).toEqual([]);
});

test('2,500 reached customers come in one request of 5,000 (the default 3,000 would also fit, but never more)', async () => {
	const result = await runMassSend(
		results({ momentId: SEEDED_MOMENTS.big, userId: 'zhangsan', returnAll: true }),
	);
	expect(result.json()).toHaveLength(BIG_MOMENT_CUSTOMERS);
	expect(apiCalls(sandbox()).map((c) => bodyOf(c).limit)).toEqual([5000]);
});

test('a member who had no task fails with WeCom’s errcode and the API named', async () => {
	const result = await runMassSend(
		results({ momentId: SEEDED_MOMENTS.company, userId: 'nobody' }),
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({ errcode: 40058, api: 'get_moment_send_result' });
});

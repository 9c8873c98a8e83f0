/** Moment → Get Customers (get_moment_customer_list): one member's visible customers, pages of 1,000. */
import {
	BIG_MOMENT_CUSTOMERS,
	SEEDED_MOMENTS,
	bigCustomer,
} from '../../../../../tools/sandbox/moments';
import { SEEDED_CUSTOMERS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const customers = (extra: Record<string, unknown>) => ({
	resource: 'moment',
	operation: 'getCustomers',
	...extra,
});

test('the member’s visible customers, with moment_id and userid sent', async () => {
	const result = await runMassSend(
		customers({
			momentId: SEEDED_MOMENTS.company,
			userId: { mode: 'id', value: 'wangwu' },
			returnAll: true,
		}),
	);
	expect(result.json()).toEqual([
		{
			moment_id: SEEDED_MOMENTS.company,
			userid: 'wangwu',
			external_userid: SEEDED_CUSTOMERS.hanmeimei,
		},
	]);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		moment_id: SEEDED_MOMENTS.company,
		userid: 'wangwu',
		limit: 1000,
	});
});

test('2,500 customers take three pages of 1,000; a Limit of 1,500 asks for exactly 1,000 then 500', async () => {
	const all = await runMassSend(
		customers({ momentId: SEEDED_MOMENTS.big, userId: 'zhangsan', returnAll: true }),
	);
	expect(all.json()).toHaveLength(BIG_MOMENT_CUSTOMERS);
	expect(all.json()[BIG_MOMENT_CUSTOMERS - 1].external_userid).toBe(
		bigCustomer(BIG_MOMENT_CUSTOMERS - 1),
	);
	expect(apiCalls(sandbox()).map((c) => bodyOf(c).limit)).toEqual([1000, 1000, 1000]);
	sandbox().resetCalls();
	const some = await runMassSend(
		customers({ momentId: SEEDED_MOMENTS.big, userId: 'zhangsan', limit: 1500 }),
	);
	expect(some.json()).toHaveLength(1500);
	expect(apiCalls(sandbox()).map((c) => bodyOf(c).limit)).toEqual([1000, 500]);
});

test('no member is refused before any request, naming Member', async () => {
	const result = await runMassSend(
		customers({ momentId: SEEDED_MOMENTS.company, userId: { mode: 'id', value: '={{ " " }}' } }),
		[{}],
		{
			continueOnFail: true,
		},
	);
	expect(result.json()[0]).toMatchObject({
		field: 'userId',
		error: expect.stringContaining('"Member" is required'),
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});

/** Customer → Get (externalcontact/get): one item per customer, every follower across WeCom's pages. */
import { FOLLOW_USER_PAGE } from '../../../../../tools/sandbox/routes/customerContact';
import { POPULAR_FOLLOWERS, SEEDED_CUSTOMERS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const get = (externalUserId: string) => ({
	resource: 'customer',
	operation: 'get',
	externalUserId,
});

test('a customer with more followers than one answer holds: every follower, read in as few pages as WeCom allows', async () => {
	const result = await runMassSend(get(SEEDED_CUSTOMERS.popular));
	expect(result.error).toBeUndefined();
	const items = result.json();
	expect(items).toHaveLength(1);
	expect(items[0].external_contact).toMatchObject({
		external_userid: SEEDED_CUSTOMERS.popular,
		name: '热门客户',
	});
	const followers = items[0].follow_user as Array<{ userid: string }>;
	expect(followers).toHaveLength(POPULAR_FOLLOWERS);
	expect(new Set(followers.map((f) => f.userid)).size).toBe(POPULAR_FOLLOWERS);

	// The wire: GET with the customer in the query; the cursor only from the second page on.
	const calls = apiCalls(sandbox());
	expect(calls).toHaveLength(Math.ceil(POPULAR_FOLLOWERS / FOLLOW_USER_PAGE));
	expect(
		calls.every((call) => call.method === 'GET' && call.path === '/cgi-bin/externalcontact/get'),
	).toBe(true);
	expect(calls.map((call) => call.query.external_userid)).toEqual(
		calls.map(() => SEEDED_CUSTOMERS.popular),
	);
	expect(calls.map((call) => call.query.cursor === undefined)).toEqual([
		true,
		...calls.slice(1).map(() => false),
	]);
});

test('one follower is still a list, and the answer’s paging fields are not output', async () => {
	const result = await runMassSend(get(SEEDED_CUSTOMERS.hanmeimei));
	const [item] = result.json();
	expect(item.follow_user).toEqual([expect.objectContaining({ userid: 'wangwu' })]);
	expect(Object.keys(item).sort()).toEqual(['external_contact', 'follow_user']);
	expect(apiCalls(sandbox())).toHaveLength(1);
});

test('an empty Customer ID is refused before any request, naming the field', async () => {
	const result = await runMassSend(get(' '), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({
		error: '"Customer ID" is required',
		field: 'externalUserId',
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('an unknown customer is WeCom’s error with its errcode, and is not repeated', async () => {
	const result = await runMassSend(get('wmNoSuchCustomer'), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ errcode: 40096, api: 'externalcontact/get' });
	expect(apiCalls(sandbox())).toHaveLength(1);
});

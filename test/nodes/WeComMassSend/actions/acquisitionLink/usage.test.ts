/** Acquisition Link → Get Customers, Get Quota, Get Statistics (customer_acquisition/customer, customer_acquisition_quota, customer_acquisition/statistic). */
import {
	SEEDED_LINK,
	SEEDED_LINK_CUSTOMERS,
	SEEDED_QUOTA,
} from '../../../../../tools/sandbox/acquisitionLinks';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { op } from './shared';

const sandbox = useSandbox();

test('Get Customers: Return All reads pages of 1,000 by cursor; chat_status is a number with its name', async () => {
	const result = await runMassSend(op('getCustomers', { linkId: SEEDED_LINK, returnAll: true }));
	const items = result.json();
	expect(items).toHaveLength(SEEDED_LINK_CUSTOMERS);
	expect(items[0]).toEqual({
		link_id: SEEDED_LINK,
		external_userid: expect.stringMatching(/^wm/),
		userid: 'zhangsan',
		chat_status: 0,
		chatStatusName: 'notWritten',
		state: 'douyin',
	});
	expect(items[1]).toMatchObject({ chat_status: 1, chatStatusName: 'written', state: '' });
	const calls = apiCalls(sandbox());
	expect(calls.map((c) => bodyOf(c).limit)).toEqual([1000, 1000]);
	expect(bodyOf(calls[1]).cursor).toEqual(expect.any(String));
});

test('Get Customers with a Limit asks WeCom for exactly that many', async () => {
	const result = await runMassSend(op('getCustomers', { linkId: SEEDED_LINK, limit: 7 }));
	expect(result.json()).toHaveLength(7);
	expect(apiCalls(sandbox()).map((c) => bodyOf(c))).toEqual([{ link_id: SEEDED_LINK, limit: 7 }]);
});

test('Get Quota reads customer_acquisition_quota with GET; numbers stay numbers', async () => {
	const result = await runMassSend(op('getQuota'));
	expect(result.json()).toEqual([
		{
			total: SEEDED_QUOTA.total,
			balance: SEEDED_QUOTA.balance,
			quota_list: [{ expire_date: SEEDED_QUOTA.expireDate, balance: SEEDED_QUOTA.balance }],
		},
	]);
	const [call] = apiCalls(sandbox());
	expect([call.method, call.path]).toEqual([
		'GET',
		'/cgi-bin/externalcontact/customer_acquisition_quota',
	]);
});

test('Get Statistics sends the window in Unix seconds and counts the customers added in it', async () => {
	// Seeded customers are added one an hour from 1700000000: 1700000000..1700036000 holds 11.
	const result = await runMassSend(
		op('getStatistics', { linkId: SEEDED_LINK, startTime: 1700000000, endTime: 1700036000 }),
	);
	expect(result.json()).toEqual([
		{
			link_id: SEEDED_LINK,
			start_time: 1700000000,
			end_time: 1700036000,
			click_link_customer_cnt: 22,
			new_customer_cnt: 11,
		},
	]);
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({
		link_id: SEEDED_LINK,
		start_time: 1700000000,
		end_time: 1700036000,
	});
});

test('Get Statistics with the end before the start is refused before any request', async () => {
	const result = await runMassSend(
		op('getStatistics', {
			linkId: SEEDED_LINK,
			startTime: '2024-05-02T00:00:00Z',
			endTime: '2024-05-01T00:00:00Z',
		}),
		[{}],
		{
			continueOnFail: true,
		},
	);
	expect(result.json()[0]).toMatchObject({
		field: 'endTime',
		error: expect.stringMatching(/earlier than "Start Time"/),
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('reads are retried after WeCom is busy; an unknown link is WeCom’s error with the API', async () => {
	sandbox().fault({ api: 'customer_acquisition_quota', kind: 'errcode', errcode: 45033 });
	const quota = await runMassSend(op('getQuota'));
	expect(quota.error).toBeUndefined();
	expect(sandbox().callsTo('customer_acquisition_quota')).toHaveLength(2);
	const unknown = await runMassSend(
		op('getCustomers', { linkId: 'caNoSuchLink', limit: 1 }),
		[{}],
		{ continueOnFail: true },
	);
	expect(unknown.json()[0]).toMatchObject({ errcode: 40058, api: 'customer_acquisition/customer' });
});

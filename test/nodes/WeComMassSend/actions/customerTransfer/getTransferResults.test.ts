/** Customer Transfer → Get Transfer Results (transfer_result, resigned/transfer_result): the result arrives after a few polls. */
import { SEEDED_CUSTOMERS } from '../../../../../tools/sandbox/contacts';
import {
	REFUSING_CUSTOMER,
	TRANSFER_POLLS_UNTIL_DONE,
} from '../../../../../tools/sandbox/transfers';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { busyCustomers, employed, op } from './shared';

const sandbox = useSandbox();
const results = (extra: Record<string, unknown> = {}) =>
	op('getTransferResults', employed({ returnAll: true, ...extra }));

test('transfers wait (status 2) until WeCom hands over; then transferred, or refused by the customer', async () => {
	const ids = busyCustomers(3); // the first is the customer who refuses
	expect(ids[0]).toBe(REFUSING_CUSTOMER);
	await runMassSend(op('transferCustomers', employed({ externalUserIds: ids.join(',') })));
	sandbox().resetCalls();
	const first = await runMassSend(results());
	expect(first.json().map((i) => [i.statusName, i.status])).toEqual(Array(3).fill(['waiting', 2]));
	for (let poll = 1; poll < TRANSFER_POLLS_UNTIL_DONE - 1; poll++) await runMassSend(results());
	const done = await runMassSend(results());
	const items = done.json();
	expect(items.map((i) => [i.external_userid, i.statusName, i.status])).toEqual([
		[ids[0], 'refusedByCustomer', 3],
		[ids[1], 'transferred', 1],
		[ids[2], 'transferred', 1],
	]);
	expect(items[0].takeover_time).toBe(0);
	expect(typeof items[1].takeover_time).toBe('number');
	expect(items[1].takeover_time).toBeGreaterThan(1700000000);
	expect(items[1]).toMatchObject({ handover_userid: 'zhaoliu', takeover_userid: 'zhangsan' });
	const calls = apiCalls(sandbox());
	expect(calls.every((c) => c.path === '/cgi-bin/externalcontact/transfer_result')).toBe(true);
	expect(bodyOf(calls[0])).toEqual({ handover_userid: 'zhaoliu', takeover_userid: 'zhangsan' });
});

test('Return All follows next_cursor over WeCom’s pages; a Limit stops after the page that holds it', async () => {
	await runMassSend(
		op('transferCustomers', employed({ externalUserIds: busyCustomers(250).join(',') })),
	);
	sandbox().resetCalls();
	const all = await runMassSend(results());
	expect(all.json()).toHaveLength(250);
	const calls = apiCalls(sandbox());
	expect(calls).toHaveLength(3);
	expect(bodyOf(calls[0]).cursor).toBeUndefined();
	expect(typeof bodyOf(calls[1]).cursor).toBe('string');
	sandbox().resetCalls();
	const five = await runMassSend(results({ returnAll: false, limit: 5 }));
	expect(five.json()).toHaveLength(5);
	expect(apiCalls(sandbox())).toHaveLength(1);
});

test('a member who left reads resigned/transfer_result', async () => {
	await runMassSend(
		op('transferCustomers', {
			memberStatus: 'resigned',
			handoverUserId: 'wangwu',
			takeoverUserId: 'lisi',
			externalUserIds: SEEDED_CUSTOMERS.hanmeimei,
		}),
	);
	sandbox().resetCalls();
	const result = await runMassSend(
		results({ memberStatus: 'resigned', handoverUserId: 'wangwu', takeoverUserId: 'lisi' }),
	);
	expect(result.json()).toEqual([
		expect.objectContaining({
			external_userid: SEEDED_CUSTOMERS.hanmeimei,
			status: 2,
			statusName: 'waiting',
		}),
	]);
	expect(apiCalls(sandbox()).map((c) => c.path)).toEqual([
		'/cgi-bin/externalcontact/resigned/transfer_result',
	]);
});

test('a read is retried after WeCom is busy', async () => {
	sandbox().fault({ api: 'transfer_result', kind: 'errcode', errcode: -1 });
	const result = await runMassSend(results());
	expect(result.error).toBeUndefined();
	expect(sandbox().callsTo('transfer_result')).toHaveLength(2);
});

test('the same member on both sides is refused before any request', async () => {
	const result = await runMassSend(results({ takeoverUserId: 'zhaoliu' }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({
		field: 'takeoverUserId',
		error: expect.stringMatching(/must differ/),
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});

/** Customer Transfer → Transfer Customers (transfer_customer, resigned/transfer_customer). */
import { SEEDED_CUSTOMERS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { busyCustomers, employed, op } from './shared';

const sandbox = useSandbox();
const transfer = (extra: Record<string, unknown> = {}) => op('transferCustomers', extra);

test('250 customers of a member who stays go 100 per call with the message; each customer has its result', async () => {
	const ids = [...busyCustomers(250), SEEDED_CUSTOMERS.lilei];
	const result = await runMassSend(
		transfer(
			employed({
				externalUserIds: ids.join('\n'),
				transferMessage: '您好，我的同事张三将继续为您服务',
			}),
		),
	);
	const items = result.json();
	expect(items).toHaveLength(251);
	const calls = apiCalls(sandbox());
	expect(calls.map((c) => c.path)).toEqual(
		Array(3).fill('/cgi-bin/externalcontact/transfer_customer'),
	);
	expect(calls.map((c) => bodyOf(c).external_userid.length)).toEqual([100, 100, 51]);
	expect(bodyOf(calls[0])).toMatchObject({
		handover_userid: 'zhaoliu',
		takeover_userid: 'zhangsan',
		transfer_success_msg: '您好，我的同事张三将继续为您服务',
	});
	expect(calls.flatMap((c) => bodyOf(c).external_userid)).toEqual(ids);
	expect(items[0]).toEqual({
		external_userid: ids[0],
		handover_userid: 'zhaoliu',
		takeover_userid: 'zhangsan',
		memberStatus: 'employed',
		started: true,
		errcode: 0,
		reason: '',
	});
	// 李雷 is not zhaoliu's customer: WeCom's per-customer 40096, explained.
	expect(items[250]).toMatchObject({
		external_userid: SEEDED_CUSTOMERS.lilei,
		started: false,
		errcode: 40096,
		reason: expect.stringMatching(/Not a customer of the handover member/),
	});
	expect(items.filter((i) => i.started)).toHaveLength(250);
});

test('a customer already being transferred is WeCom’s 40129 for that customer only', async () => {
	await runMassSend(transfer(employed({ externalUserIds: busyCustomers(1).join(',') })));
	const again = await runMassSend(
		transfer(employed({ externalUserIds: busyCustomers(2).join(','), takeoverUserId: 'lisi' })),
	);
	expect(again.json().map((i) => [i.errcode, i.started])).toEqual([
		[40129, false],
		[0, true],
	]);
	expect(again.json()[0].reason).toMatch(/Already being transferred/);
});

test('a member who left uses resigned/transfer_customer, without a message; the customer leaves Get Unassigned', async () => {
	const result = await runMassSend(
		transfer({
			memberStatus: 'resigned',
			handoverUserId: 'wangwu',
			takeoverUserId: 'lisi',
			externalUserIds: SEEDED_CUSTOMERS.hanmeimei,
			transferMessage: 'ignored',
		}),
	);
	expect(result.json()).toEqual([
		expect.objectContaining({
			external_userid: SEEDED_CUSTOMERS.hanmeimei,
			memberStatus: 'resigned',
			started: true,
			errcode: 0,
		}),
	]);
	const [call] = apiCalls(sandbox());
	expect(call.path).toBe('/cgi-bin/externalcontact/resigned/transfer_customer');
	expect(bodyOf(call)).toEqual({
		handover_userid: 'wangwu',
		takeover_userid: 'lisi',
		external_userid: [SEEDED_CUSTOMERS.hanmeimei],
	});
	const unassigned = await runMassSend(op('getUnassigned', { returnAll: true }));
	expect(unassigned.json().some((i) => i.external_userid === SEEDED_CUSTOMERS.hanmeimei)).toBe(
		false,
	);
});

test('a member who stays sent to the resigned API is WeCom’s error with the API', async () => {
	const result = await runMassSend(
		transfer(employed({ memberStatus: 'resigned', externalUserIds: busyCustomers(1)[0] })),
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({ errcode: 40003, api: 'resigned/transfer_customer' });
});

test.each([
	['no customers', { externalUserIds: ' , ' }, 'externalUserIds', /"Customer IDs" is required/],
	[
		'a customer list that is not IDs',
		{ externalUserIds: [{ id: 'x' }] },
		'externalUserIds',
		/not an ID/,
	],
	[
		'a message of 201 characters',
		{ externalUserIds: 'wmA', transferMessage: '客'.repeat(201) },
		'transferMessage',
		/201 characters; WeCom allows at most 200/,
	],
	[
		'the same member on both sides',
		{ externalUserIds: 'wmA', takeoverUserId: 'zhaoliu' },
		'takeoverUserId',
		/must differ/,
	],
	[
		'no takeover member (an expression that is empty)',
		{ externalUserIds: 'wmA', takeoverUserId: '={{ "" }}' },
		'takeoverUserId',
		/"Takeover Member" is required/,
	],
])('%s is refused before any request', async (_name, extra, field, message) => {
	const result = await runMassSend(transfer(employed(extra)), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ field, error: expect.stringMatching(message) });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('a message of exactly 200 characters is sent', async () => {
	const result = await runMassSend(
		transfer(employed({ externalUserIds: busyCustomers(1)[0], transferMessage: '客'.repeat(200) })),
	);
	expect(result.error).toBeUndefined();
	expect([...bodyOf(apiCalls(sandbox())[0]).transfer_success_msg]).toHaveLength(200);
});

test('a lost answer is never repeated: WeCom may have started the transfers', async () => {
	sandbox().fault({ api: 'transfer_customer', kind: 'doneThenReset' });
	const result = await runMassSend(
		transfer(employed({ externalUserIds: busyCustomers(3).join(',') })),
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({ api: 'transfer_customer', mayHaveReachedWeCom: true });
	expect(sandbox().callsTo('transfer_customer')).toHaveLength(1);
});

test('when a later batch fails, the error names what was already started and what to send again', async () => {
	sandbox().fault({ api: 'transfer_customer', kind: 'errcode', errcode: 45009, skip: 1 });
	const result = await runMassSend(
		transfer(employed({ externalUserIds: busyCustomers(150).join(',') })),
		[{}],
		{ continueOnFail: true },
	);
	const [item] = result.json();
	expect(item.error).toMatch(/batch 2 of 2 failed, later batches were not tried/);
	expect(JSON.stringify(item)).toMatch(/Send only customers 101–150 again/);
	expect(sandbox().callsTo('transfer_customer')).toHaveLength(2);
});

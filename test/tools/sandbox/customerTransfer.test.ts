import { SEEDED_CUSTOMERS } from '../../../tools/sandbox/contacts';
import { SEEDED_GROUPS } from '../../../tools/sandbox/groupChats';
import { GENERATED_UNASSIGNED, TRANSFER_POLLS_UNTIL_DONE } from '../../../tools/sandbox/transfers';
import { useSandbox } from './client';

/** The sandbox's 客户继承 (pages 92125, 94081, 94088, 94082, 95703, 92127, 92124). */
describe('sandbox transfer_customer, transfer_result, groupchat/*transfer, get_unassigned_list', () => {
	const { client } = useSandbox();
	const customers = (n: number) =>
		Array.from({ length: n }, (_, i) => `wmSeedzhaoliu${String(i).padStart(6, '0')}`);

	it('transfer_customer: at most 100 customers, a message of at most 200 characters, different members', async () => {
		const c = client();
		const base = { handover_userid: 'zhaoliu', takeover_userid: 'zhangsan' };
		expect(
			(await c.call('transfer_customer', { ...base, external_userid: customers(101) })).errcode,
		).toBe(40058);
		expect(
			(
				await c.call('transfer_customer', {
					...base,
					external_userid: customers(1),
					transfer_success_msg: '客'.repeat(201),
				})
			).errcode,
		).toBe(40058);
		expect(
			(
				await c.call('transfer_customer', {
					...base,
					takeover_userid: 'zhaoliu',
					external_userid: customers(1),
				})
			).errcode,
		).toBe(40058);
		const ok = await c.call('transfer_customer', {
			...base,
			external_userid: [...customers(100).slice(0, 99), SEEDED_CUSTOMERS.lilei],
		});
		expect(ok.errcode).toBe(0);
		expect(ok.customer.filter((r: any) => r.errcode === 0)).toHaveLength(99);
		expect(ok.customer[99]).toEqual({ external_userid: SEEDED_CUSTOMERS.lilei, errcode: 40096 });
	});

	it('the result is "waiting" until it has been read a few times, then done', async () => {
		const c = client();
		const base = { handover_userid: 'zhaoliu', takeover_userid: 'zhangsan' };
		await c.call('transfer_customer', { ...base, external_userid: customers(3).slice(1) });
		for (let poll = 1; poll < TRANSFER_POLLS_UNTIL_DONE; poll++) {
			expect((await c.call('transfer_result', base)).customer.map((r: any) => r.status)).toEqual([
				2, 2,
			]);
		}
		const done = await c.call('transfer_result', base);
		expect(done.customer.map((r: any) => r.status)).toEqual([1, 1]);
		expect(done.next_cursor).toBeUndefined();
	});

	it('resigned/transfer_customer: only for a member who left, without a message; the customer leaves the unassigned list', async () => {
		const c = client();
		const body = {
			handover_userid: 'wangwu',
			takeover_userid: 'lisi',
			external_userid: [SEEDED_CUSTOMERS.hanmeimei],
		};
		expect(
			(await c.call('resigned/transfer_customer', { ...body, handover_userid: 'zhaoliu' })).errcode,
		).toBe(40003);
		expect(
			(await c.call('resigned/transfer_customer', { ...body, transfer_success_msg: 'hi' })).errcode,
		).toBe(40058);
		expect((await c.call('resigned/transfer_customer', body)).customer).toEqual([
			{ external_userid: SEEDED_CUSTOMERS.hanmeimei, errcode: 0 },
		]);
		const list = await c.call('get_unassigned_list', { page_size: 1000 });
		expect(list.info.some((u: any) => u.external_userid === SEEDED_CUSTOMERS.hanmeimei)).toBe(
			false,
		);
	});

	it('get_unassigned_list: page_size at most 1,000, cursor not page_id, is_last on the last page', async () => {
		const c = client();
		expect((await c.call('get_unassigned_list', { page_size: 1001 })).errcode).toBe(40058);
		expect((await c.call('get_unassigned_list', { page_id: 1 })).errcode).toBe(40058);
		const first = await c.call('get_unassigned_list', { page_size: 1000 });
		expect(first.is_last).toBe(false);
		const second = await c.call('get_unassigned_list', {
			page_size: 1000,
			cursor: first.next_cursor,
		});
		expect(second.is_last).toBe(true);
		expect(first.info.length + second.info.length).toBe(GENERATED_UNASSIGNED + 1);
	});

	it('group transfers: at most 100 groups; the API must match whether the owner left; twice in 90 days while the owner stays', async () => {
		const c = client();
		const many = Array.from({ length: 101 }, (_, i) => `wr${i}`);
		expect(
			(await c.call('groupchat/onjob_transfer', { chat_id_list: many, new_owner: 'lisi' })).errcode,
		).toBe(40058);
		const wrongApi = await c.call('groupchat/onjob_transfer', {
			chat_id_list: [SEEDED_GROUPS.inherited],
			new_owner: 'lisi',
		});
		expect(wrongApi.failed_chat_list).toEqual([
			expect.objectContaining({ chat_id: SEEDED_GROUPS.inherited, errcode: 40003 }),
		]);
		expect(
			(
				await c.call('groupchat/transfer', {
					chat_id_list: [SEEDED_GROUPS.inherited],
					new_owner: 'lisi',
				})
			).failed_chat_list,
		).toEqual([]);
		for (const owner of ['lisi', 'zhangsan']) {
			expect(
				(
					await c.call('groupchat/onjob_transfer', {
						chat_id_list: [SEEDED_GROUPS.vip],
						new_owner: owner,
					})
				).failed_chat_list,
			).toEqual([]);
		}
		const third = await c.call('groupchat/onjob_transfer', {
			chat_id_list: [SEEDED_GROUPS.vip],
			new_owner: 'lisi',
		});
		expect(third.failed_chat_list).toEqual([
			expect.objectContaining({ chat_id: SEEDED_GROUPS.vip }),
		]);
	});
});

import { BUSY_MEMBER, SEEDED_CUSTOMERS } from '../../../tools/sandbox/contacts';
import { useSandbox } from './client';

/** batch/get_by_user and remark as WeCom's pages 92994 and 92115 state them. */
describe('sandbox batch/get_by_user, remark', () => {
	const { client } = useSandbox();

	it('batch/get_by_user: at most 100 members; limit cut to 100, 50 when absent; a cursor belongs to its member list', async () => {
		const c = client();
		const t = await c.token();
		const tooMany = Array.from({ length: 101 }, (_, i) => `m${i}`);
		expect((await c.call('batch/get_by_user', { userid_list: tooMany }, t)).errcode).toBe(40058);
		expect((await c.call('batch/get_by_user', {}, t)).errcode).toBe(40058);
		const big = await c.call('batch/get_by_user', { userid_list: [BUSY_MEMBER], limit: 1000 }, t);
		expect(big.external_contact_list).toHaveLength(100);
		const dflt = await c.call('batch/get_by_user', { userid_list: [BUSY_MEMBER] }, t);
		expect(dflt.external_contact_list).toHaveLength(50);
		const next = await c.call(
			'batch/get_by_user',
			{ userid_list: [BUSY_MEMBER], cursor: dflt.next_cursor, limit: 100 },
			t,
		);
		expect(next.external_contact_list[0].external_contact.external_userid).not.toBe(
			dflt.external_contact_list[0].external_contact.external_userid,
		);
		expect(
			(
				await c.call(
					'batch/get_by_user',
					{ userid_list: ['zhangsan'], cursor: dflt.next_cursor },
					t,
				)
			).errcode,
		).toBe(40058);
	});

	it('remark: lengths in characters, not all empty, only the member’s own customer', async () => {
		const c = client();
		const t = await c.token();
		const base = { userid: 'zhangsan', external_userid: SEEDED_CUSTOMERS.lilei };
		expect((await c.call('remark', { ...base, remark: '字'.repeat(20) }, t)).errcode).toBe(0);
		expect((await c.call('remark', { ...base, remark: '字'.repeat(21) }, t)).errcode).toBe(40058);
		expect((await c.call('remark', { ...base, description: 'x'.repeat(151) }, t)).errcode).toBe(
			40058,
		);
		expect((await c.call('remark', base, t)).errcode).toBe(40058);
		expect((await c.call('remark', { ...base, remark_pic_mediaid: 'nope' }, t)).errcode).toBe(
			40007,
		);
		expect((await c.call('remark', { ...base, userid: 'wangwu', remark: 'x' }, t)).errcode).toBe(
			84061,
		);
	});
});

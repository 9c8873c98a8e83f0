import { SEEDED_TAGS } from '../../../tools/sandbox/contacts';
import { useSandbox } from './client';

/** add_corp_tag, edit_corp_tag, del_corp_tag as WeCom's page 92117 states them. */
describe('sandbox add_corp_tag, edit_corp_tag, del_corp_tag', () => {
	const { client } = useSandbox();

	it('add_corp_tag: names of at most 30 characters, a group named or given, names unique in a group', async () => {
		const c = client();
		const t = await c.token();
		expect(
			(await c.call('add_corp_tag', { group_name: 'G', tag: [{ name: '签'.repeat(31) }] }, t))
				.errcode,
		).toBe(40058);
		expect((await c.call('add_corp_tag', { tag: [{ name: 'A' }] }, t)).errcode).toBe(40058);
		expect((await c.call('add_corp_tag', { group_name: 'G' }, t)).errcode).toBe(40058);
		expect(
			(
				await c.call(
					'add_corp_tag',
					{ group_id: SEEDED_TAGS.levelGroup, tag: [{ name: 'VIP' }] },
					t,
				)
			).errcode,
		).toBe(40071);
		const made = await c.call('add_corp_tag', { group_name: '客户等级', tag: [{ name: '新' }] }, t);
		expect(made.tag_group).toMatchObject({
			group_id: SEEDED_TAGS.levelGroup,
			tag: [expect.objectContaining({ name: '新' })],
		});
	});

	it('edit_corp_tag and del_corp_tag: unknown IDs 40068; del needs tag_id or group_id', async () => {
		const c = client();
		const t = await c.token();
		expect((await c.call('edit_corp_tag', { id: 'etNope', name: 'x' }, t)).errcode).toBe(40068);
		expect(
			(await c.call('edit_corp_tag', { id: SEEDED_TAGS.vip, name: '普通客户' }, t)).errcode,
		).toBe(40071);
		expect((await c.call('del_corp_tag', {}, t)).errcode).toBe(40058);
		expect((await c.call('del_corp_tag', { tag_id: ['etNope'] }, t)).errcode).toBe(40068);
		expect(
			(await c.call('del_corp_tag', { tag_id: [SEEDED_TAGS.vip, SEEDED_TAGS.regular] }, t)).errcode,
		).toBe(0);
		const left = await c.call('get_corp_tag_list', {}, t);
		expect(left.tag_group.map((g: any) => g.group_id)).toEqual([SEEDED_TAGS.sourceGroup]);
	});
});

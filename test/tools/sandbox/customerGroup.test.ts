import { GENERATED_GROUPS, SEEDED_GROUPS, SEEDED_OPENGID } from '../../../tools/sandbox/groupChats';
import { useSandbox } from './client';

/** The sandbox's 客户群 and 「加入群聊」 (pages 92120, 92122, 94822, 92229). */
describe('sandbox groupchat/list, groupchat/get, opengid_to_chatid, *_join_way', () => {
	const { client } = useSandbox();

	it('list: limit is required and 1..1,000; owner_filter holds at most 100; the cursor reads the rest', async () => {
		const c = client();
		expect((await c.call('groupchat/list', {})).errcode).toBe(40058);
		expect((await c.call('groupchat/list', { limit: 1001 })).errcode).toBe(40058);
		const owners = Array.from({ length: 101 }, (_, i) => `u${i}`);
		expect(
			(await c.call('groupchat/list', { limit: 10, owner_filter: { userid_list: owners } }))
				.errcode,
		).toBe(40058);
		const first = await c.call('groupchat/list', { limit: 1000 });
		const second = await c.call('groupchat/list', { limit: 1000, cursor: first.next_cursor });
		expect(first.group_chat_list.length + second.group_chat_list.length).toBe(3 + GENERATED_GROUPS);
		expect(second.next_cursor).toBeUndefined();
		const left = await c.call('groupchat/list', { limit: 10, status_filter: 1 });
		expect(left.group_chat_list).toEqual([{ chat_id: SEEDED_GROUPS.inherited, status: 1 }]);
	});

	it('get: member names only with need_name 1; an unknown chat is 40050; opengid converts', async () => {
		const c = client();
		const plain = await c.call('groupchat/get', { chat_id: SEEDED_GROUPS.vip });
		expect(plain.group_chat.member_list.map((m: any) => m.name)).toEqual([undefined, undefined]);
		const named = await c.call('groupchat/get', { chat_id: SEEDED_GROUPS.vip, need_name: 1 });
		expect(named.group_chat.member_list.map((m: any) => m.name)).toEqual(['张三', '李雷']);
		expect((await c.call('groupchat/get', { chat_id: 'wrNone' })).errcode).toBe(40050);
		expect(await c.call('opengid_to_chatid', { opengid: SEEDED_OPENGID })).toMatchObject({
			errcode: 0,
			chat_id: SEEDED_GROUPS.vip,
		});
	});

	it('join ways: at most 5 groups, known groups, state ≤ 30; update needs scene and chat_id_list; del removes', async () => {
		const c = client();
		expect(
			(
				await c.call('groupchat/add_join_way', {
					scene: 2,
					chat_id_list: Array(6).fill(SEEDED_GROUPS.vip),
				})
			).errcode,
		).toBe(40058);
		expect(
			(await c.call('groupchat/add_join_way', { scene: 2, chat_id_list: ['wrNone'] })).errcode,
		).toBe(40050);
		expect(
			(
				await c.call('groupchat/add_join_way', {
					scene: 2,
					chat_id_list: [SEEDED_GROUPS.vip],
					state: 'x'.repeat(31),
				})
			).errcode,
		).toBe(40058);
		const { config_id } = await c.call('groupchat/add_join_way', {
			scene: 2,
			chat_id_list: [SEEDED_GROUPS.vip],
			state: 'g',
		});
		expect((await c.call('groupchat/get_join_way', { config_id })).join_way).toMatchObject({
			state: 'g',
			qr_code: expect.stringContaining(config_id),
		});
		expect((await c.call('groupchat/update_join_way', { config_id, state: 'h' })).errcode).toBe(
			40058,
		);
		expect(
			(
				await c.call('groupchat/update_join_way', {
					config_id,
					scene: 2,
					chat_id_list: [SEEDED_GROUPS.store],
					state: 'h',
				})
			).errcode,
		).toBe(0);
		expect((await c.call('groupchat/get_join_way', { config_id })).join_way).toMatchObject({
			state: 'h',
			chat_id_list: [SEEDED_GROUPS.store],
		});
		expect((await c.call('groupchat/del_join_way', { config_id })).errcode).toBe(0);
		expect((await c.call('groupchat/get_join_way', { config_id })).errcode).toBe(41044);
	});
});

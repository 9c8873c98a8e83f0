/** Customer Group → Get (groupchat/get), with the group picker's value or a plain chat ID. */
import { SEEDED_GROUPS } from '../../../../../tools/sandbox/groupChats';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

test('the picked group, with member names when asked', async () => {
	const result = await runMassSend({
		resource: 'customerGroup',
		operation: 'get',
		chatId: { __rl: true, mode: 'list', value: SEEDED_GROUPS.vip },
		needName: true,
	});
	const [group] = result.json();
	expect(group).toMatchObject({
		chat_id: SEEDED_GROUPS.vip,
		name: 'VIP 客户群',
		owner: 'zhangsan',
	});
	expect((group.member_list as Array<{ name?: string }>).map((m) => m.name)).toEqual([
		'张三',
		'李雷',
	]);
	const [call] = apiCalls(sandbox());
	expect(call).toMatchObject({ method: 'POST', path: '/cgi-bin/externalcontact/groupchat/get' });
	expect(bodyOf(call)).toEqual({ chat_id: SEEDED_GROUPS.vip, need_name: 1 });
});

test('a ChatId from the trigger as a plain string (older workflows) works, without names by default', async () => {
	const result = await runMassSend(
		{ resource: 'customerGroup', operation: 'get', chatId: '={{ $json.ChatId }}' },
		[{ ChatId: SEEDED_GROUPS.store }],
	);
	const [group] = result.json();
	expect(group.owner).toBe('lisi');
	expect((group.member_list as Array<Record<string, unknown>>)[0].name).toBeUndefined();
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({ chat_id: SEEDED_GROUPS.store, need_name: 0 });
});

test('no group is refused first; an unknown group is WeCom’s 40050', async () => {
	const missing = await runMassSend(
		{ resource: 'customerGroup', operation: 'get', chatId: '={{ "" }}' },
		[{}],
		{ continueOnFail: true },
	);
	expect(missing.json()[0]).toMatchObject({
		field: 'chatId',
		error: '"Customer Group" is required',
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
	const unknown = await runMassSend(
		{ resource: 'customerGroup', operation: 'get', chatId: 'wrNoSuchGroup' },
		[{}],
		{ continueOnFail: true },
	);
	expect(unknown.json()[0]).toMatchObject({ errcode: 40050, api: 'groupchat/get' });
});

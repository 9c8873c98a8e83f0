/** Customer Group → Create Join Way (groupchat/add_join_way + get_join_way): the group QR code with its own state. */
import { SEEDED_GROUPS } from '../../../../../tools/sandbox/groupChats';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { createJoinWay, op } from './joinWayShared';

const sandbox = useSandbox();

test('Create Join Way: the way and its QR code in one item; add_join_way then get_join_way on the wire', async () => {
	const way = await createJoinWay();
	expect(way).toMatchObject({
		scene: 2,
		state: 'poster_group',
		chat_id_list: [SEEDED_GROUPS.vip, SEEDED_GROUPS.store],
		qr_code: expect.stringContaining(String(way.config_id)),
	});
	const calls = apiCalls(sandbox());
	expect(calls.map((c) => c.path)).toEqual([
		'/cgi-bin/externalcontact/groupchat/add_join_way',
		'/cgi-bin/externalcontact/groupchat/get_join_way',
	]);
	expect(bodyOf(calls[0])).toEqual({
		scene: 2,
		chat_id_list: [SEEDED_GROUPS.vip, SEEDED_GROUPS.store],
		state: 'poster_group',
		remark: '海报群码',
	});
});

test.each([
	[
		'six groups',
		{ chatIds: Array.from({ length: 6 }, (_, i) => `wrG${i}`).join(',') },
		'chatIds',
		/holds 6 groups; a join way takes at most 5/,
	],
	['no group', { chatIds: ' ' }, 'chatIds', /at least one group/],
	[
		'a state over 30 characters',
		{ chatIds: 'wrG', options: { state: 'z'.repeat(31) } },
		'state',
		/at most 30/,
	],
])(
	'Create Join Way with %s is refused before any request',
	async (_name, extra, field, message) => {
		const result = await runMassSend(op('createJoinWay', extra), [{}], { continueOnFail: true });
		expect(result.json()[0]).toMatchObject({ field, error: expect.stringMatching(message) });
		expect(apiCalls(sandbox())).toHaveLength(0);
	},
);

test('a customer who joins through the way carries its state in Customer Group → Get', async () => {
	const way = await createJoinWay();
	// Plays the scan; the callback goes nowhere useful here, only the group's members matter.
	await fetch(`${sandbox().url}/__sandbox/join-group`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ configId: way.config_id, url: `${sandbox().url}/__sandbox/config` }),
	});
	const group = await runMassSend(op('get', { chatId: SEEDED_GROUPS.vip }));
	const joined = (group.json()[0].member_list as Array<Record<string, unknown>>).at(-1);
	expect(joined).toMatchObject({ type: 2, join_scene: 3, state: 'poster_group' });
});

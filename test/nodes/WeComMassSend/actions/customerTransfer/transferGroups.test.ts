/** Customer Transfer → Transfer Customer Groups (groupchat/onjob_transfer, groupchat/transfer). */
import { SEEDED_GROUPS, generatedGroupId } from '../../../../../tools/sandbox/groupChats';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { op } from './shared';

const sandbox = useSandbox();
const transfer = (extra: Record<string, unknown>) =>
	op('transferGroups', { memberStatus: 'employed', newOwner: 'lisi', ...extra });
const ownerOf = async (chatId: string) =>
	(await runMassSend({ resource: 'customerGroup', operation: 'get', chatId })).json()[0].owner;

test('250 groups of owners who stay go 100 per call; groups WeCom could not move are marked with its errcode', async () => {
	const ids = [...Array.from({ length: 249 }, (_, i) => generatedGroupId(i)), 'wrNoSuchGroup'];
	const result = await runMassSend(transfer({ chatIds: ids.join(',') }));
	const items = result.json();
	expect(items).toHaveLength(250);
	const calls = apiCalls(sandbox());
	expect(calls.map((c) => c.path)).toEqual(
		Array(3).fill('/cgi-bin/externalcontact/groupchat/onjob_transfer'),
	);
	expect(calls.map((c) => bodyOf(c).chat_id_list.length)).toEqual([100, 100, 50]);
	expect(bodyOf(calls[0]).new_owner).toBe('lisi');
	expect(items[0]).toEqual({
		chat_id: ids[0],
		new_owner: 'lisi',
		memberStatus: 'employed',
		transferred: true,
		errcode: 0,
		errmsg: '',
	});
	expect(items[249]).toMatchObject({
		chat_id: 'wrNoSuchGroup',
		transferred: false,
		errcode: 90501,
	});
	expect(await ownerOf(ids[0])).toBe('lisi');
});

test('a group may change owner twice while its owner stays; the third time WeCom refuses it', async () => {
	const id = SEEDED_GROUPS.vip;
	await runMassSend(transfer({ chatIds: id, newOwner: 'lisi' }));
	await runMassSend(transfer({ chatIds: id, newOwner: 'zhangsan' }));
	const third = await runMassSend(transfer({ chatIds: id, newOwner: 'lisi' }));
	expect(third.json()[0]).toMatchObject({
		chat_id: id,
		transferred: false,
		errcode: expect.any(Number),
	});
	expect(third.json()[0].errcode).not.toBe(0);
});

test('a group whose owner left uses groupchat/transfer', async () => {
	const result = await runMassSend(
		transfer({ memberStatus: 'resigned', chatIds: SEEDED_GROUPS.inherited, newOwner: 'zhangsan' }),
	);
	expect(result.json()).toEqual([
		expect.objectContaining({
			chat_id: SEEDED_GROUPS.inherited,
			transferred: true,
			memberStatus: 'resigned',
		}),
	]);
	expect(apiCalls(sandbox()).map((c) => c.path)).toEqual([
		'/cgi-bin/externalcontact/groupchat/transfer',
	]);
	expect(await ownerOf(SEEDED_GROUPS.inherited)).toBe('zhangsan');
});

test.each([
	['no groups', { chatIds: ' ' }, 'chatIds', /"Customer Group IDs" is required/],
	[
		'no new owner',
		{ chatIds: 'wrA', newOwner: '={{ "" }}' },
		'newOwner',
		/"New Owner" is required/,
	],
])('%s is refused before any request', async (_name, extra, field, message) => {
	const result = await runMassSend(transfer(extra), [{}], { continueOnFail: true });
	expect(result.json()[0]).toMatchObject({ field, error: expect.stringMatching(message) });
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('a lost answer is never repeated: WeCom may have moved the groups', async () => {
	sandbox().fault({ api: 'onjob_transfer', kind: 'doneThen500' });
	const result = await runMassSend(transfer({ chatIds: SEEDED_GROUPS.vip }), [{}], {
		continueOnFail: true,
	});
	expect(result.json()[0]).toMatchObject({
		api: 'groupchat/onjob_transfer',
		mayHaveReachedWeCom: true,
	});
	expect(sandbox().callsTo('onjob_transfer')).toHaveLength(1);
});

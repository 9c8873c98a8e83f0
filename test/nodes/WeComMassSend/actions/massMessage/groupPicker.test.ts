/**
 * Mass Message → Create to customer groups with the group picker (Customer Groups), beside the
 * typed Customer Group IDs that saved workflows hold.
 */
import { SEEDED_GROUPS } from '../../../../../tools/sandbox/groupChats';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const create = (extra: Record<string, unknown>) => ({
	resource: 'massMessage',
	operation: 'create',
	chatType: 'group',
	sender: 'zhangsan',
	text: '群发',
	...extra,
});
const picked = (value: string) => ({ chatId: { __rl: true, mode: 'list', value } });

test('picked groups go into chat_id_list after the typed ones, each once', async () => {
	const result = await runMassSend(
		create({
			chatIds: SEEDED_GROUPS.vip,
			groups: { group: [picked(SEEDED_GROUPS.store), picked(SEEDED_GROUPS.vip)] },
		}),
	);
	expect(result.error).toBeUndefined();
	const [call] = apiCalls(sandbox());
	expect(call.path).toBe('/cgi-bin/externalcontact/add_msg_template');
	expect(bodyOf(call)).toMatchObject({
		chat_type: 'group',
		sender: 'zhangsan',
		chat_id_list: [SEEDED_GROUPS.vip, SEEDED_GROUPS.store],
	});
});

test('a saved workflow with typed Customer Group IDs only sends exactly those', async () => {
	await runMassSend(create({ chatIds: `${SEEDED_GROUPS.store}\n${SEEDED_GROUPS.inherited}` }));
	expect(bodyOf(apiCalls(sandbox())[0]).chat_id_list).toEqual([
		SEEDED_GROUPS.store,
		SEEDED_GROUPS.inherited,
	]);
});

test('over 2,000 groups counting the picked ones is refused before any request', async () => {
	const typed = Array.from({ length: 2000 }, (_, i) => `wrTyped${i}`).join(',');
	const result = await runMassSend(
		create({ chatIds: typed, groups: { group: [picked(SEEDED_GROUPS.vip)] } }),
		[{}],
		{ continueOnFail: true },
	);
	expect(result.json()[0]).toMatchObject({
		field: 'chatIds',
		error: expect.stringMatching(/holds 2001 groups/),
	});
	expect(apiCalls(sandbox())).toHaveLength(0);
});

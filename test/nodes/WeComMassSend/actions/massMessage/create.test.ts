import { MASS_SEND_TYPE, registerNodeType, runMassSend } from '../../../../helpers/engine';
import { WeComMassSend } from '../../../../../nodes/WeComMassSend/WeComMassSend.node';
import { bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const TOOL_TYPE = `${MASS_SEND_TYPE}Tool`;
registerNodeType(TOOL_TYPE, new WeComMassSend());

const create = (parameters: Record<string, unknown>) => ({
	resource: 'massMessage',
	operation: 'create',
	...parameters,
});
const customers = (n: number, prefix = 'wm') =>
	Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(6, '0')}`);

test('creates a task for customers, keeps WeCom names and surfaces fail_list (R3, R4)', async () => {
	const result = await runMassSend(
		create({
			externalUserIds: 'wmA1, woB2\nwmunknown3，xx4',
			sender: 'zhangsan',
			text: 'Spring sale 春季促销',
		}),
	);
	expect(result.error).toBeUndefined();
	const [item, ...rest] = result.json();
	expect(rest).toHaveLength(0);
	expect(item).toEqual({
		msgid: expect.stringMatching(/^msg/),
		chat_type: 'single',
		fail_list: ['wmunknown3', 'xx4'],
		failedCount: 2,
		batch: 1,
		batches: 1,
		customerCount: 4,
	});
	const [call] = sandbox().callsTo('add_msg_template');
	expect(bodyOf(call)).toEqual({
		chat_type: 'single',
		sender: 'zhangsan',
		external_userid: ['wmA1', 'woB2', 'wmunknown3', 'xx4'],
		text: { content: 'Spring sale 春季促销' },
	});
	// The msgid is real: the sandbox knows it.
	expect(() => sandbox().markSent(String(item.msgid))).not.toThrow();
});

test('customer IDs may come as an array from an expression; duplicates are sent once', async () => {
	const result = await runMassSend(create({ externalUserIds: '={{ $json.ids }}', text: 'hi' }), [
		{ ids: ['wmA', 'wmB', 'wmA', ' wmC '] },
	]);
	expect(result.error).toBeUndefined();
	expect(bodyOf(sandbox().callsTo('add_msg_template')[0]).external_userid).toEqual([
		'wmA',
		'wmB',
		'wmC',
	]);
	expect(result.json()[0].customerCount).toBe(3);
});

test('group messages send chat_id_list and the sender', async () => {
	const result = await runMassSend(
		create({
			chatType: 'group',
			chatIds: 'wrA\nwrB',
			sender: 'wangwu',
			allowSelect: true,
			text: 'Hello groups',
		}),
	);
	expect(result.error).toBeUndefined();
	expect(result.json()[0]).toMatchObject({
		chat_type: 'group',
		chatCount: 2,
		fail_list: [],
		failedCount: 0,
	});
	expect(bodyOf(sandbox().callsTo('add_msg_template')[0])).toEqual({
		chat_type: 'group',
		sender: 'wangwu',
		chat_id_list: ['wrA', 'wrB'],
		allow_select: true,
		text: { content: 'Hello groups' },
	});
});

test('tag filter from the UI: OR inside a group, AND across groups', async () => {
	const result = await runMassSend(
		create({
			text: 'hi',
			tagFilter: {
				groups: [{ tagIds: 'etVip, etGold' }, { tagIds: 'etShanghai' }, { tagIds: '' }],
			},
		}),
	);
	expect(result.error).toBeUndefined();
	expect(bodyOf(sandbox().callsTo('add_msg_template')[0]).tag_filter).toEqual({
		group_list: [{ tag_list: ['etVip', 'etGold'] }, { tag_list: ['etShanghai'] }],
	});
});

test.each([
	['WeCom shape', '{"group_list":[{"tag_list":["etVip","etGold"]},{"tag_list":["etShanghai"]}]}'],
	['array of arrays', '[["etVip","etGold"],["etShanghai"]]'],
])('tag filter as JSON (%s)', async (_shape, json) => {
	const result = await runMassSend(create({ text: 'hi', sender: 'lisi', tagFilterJson: json }));
	expect(result.error).toBeUndefined();
	expect(bodyOf(sandbox().callsTo('add_msg_template')[0]).tag_filter).toEqual({
		group_list: [{ tag_list: ['etVip', 'etGold'] }, { tag_list: ['etShanghai'] }],
	});
});

test('attachments go in WeCom shape', async () => {
	const result = await runMassSend(
		create({
			sender: 'zhangsan',
			attachmentsUi: {
				attachment: [{ type: 'link', title: 'Sale', url: 'https://example.com/s' }],
			},
		}),
	);
	expect(result.error).toBeUndefined();
	expect(bodyOf(sandbox().callsTo('add_msg_template')[0]).attachments).toEqual([
		{ msgtype: 'link', link: { title: 'Sale', url: 'https://example.com/s' } },
	]);
	expect(bodyOf(sandbox().callsTo('add_msg_template')[0]).text).toBeUndefined();
});

test('25,000 customers become three consecutive tasks of ≤ 10,000, one item each', async () => {
	const ids = customers(25000);
	const result = await runMassSend(create({ externalUserIds: '={{ $json.ids }}', text: 'hi' }), [
		{ ids },
	]);
	expect(result.error).toBeUndefined();
	const calls = sandbox().callsTo('add_msg_template');
	expect(calls.map((call) => bodyOf(call).external_userid.length)).toEqual([10000, 10000, 5000]);
	expect(calls.flatMap((call) => bodyOf(call).external_userid)).toEqual(ids);
	const items = result.json();
	expect(
		items.map(({ batch, batches, customerCount }) => ({ batch, batches, customerCount })),
	).toEqual([
		{ batch: 1, batches: 3, customerCount: 10000 },
		{ batch: 2, batches: 3, customerCount: 10000 },
		{ batch: 3, batches: 3, customerCount: 5000 },
	]);
	expect(new Set(items.map((item) => item.msgid)).size).toBe(3);
	expect(result.items().every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
		true,
	);
});

test('a failing batch after created ones: nothing repeated, the created msgids are reported', async () => {
	sandbox().fault({ api: 'add_msg_template', kind: 'errcode', errcode: -1, skip: 1 });
	const result = await runMassSend(create({ externalUserIds: '={{ $json.ids }}', text: 'hi' }), [
		{ ids: customers(25000) },
	]);
	expect(result.error).toBeDefined();
	// Batch 1 created, batch 2 refused, batch 3 never tried, nothing sent twice.
	expect(sandbox().callsTo('add_msg_template')).toHaveLength(2);
	const error = result.error!;
	expect(error.message).toMatch(/batch 2 of 3 failed, later batches were not tried/);
	const created = /not sent again: batch 1: msgid (msg\w+)\./.exec(error.description ?? '')?.[1];
	expect(created).toBeDefined();
	expect(() => sandbox().markSent(created!)).not.toThrow();
	expect(error.description).toMatch(/Customers 10001–25000 of the list \(batch 2 onwards\)/);
	expect(error.context).toMatchObject({
		errcode: -1,
		createdMsgIds: [created],
		failedBatch: 2,
		batches: 3,
	});
});

test.each([
	['reset', { kind: 'reset' as const }],
	['-1', { kind: 'errcode' as const, errcode: -1 }],
])('a create facing %s is not sent twice and fails readably', async (_name, fault) => {
	sandbox().fault({ api: 'add_msg_template', ...fault });
	const result = await runMassSend(create({ sender: 'zhangsan', text: 'hi' }));
	expect(sandbox().callsTo('add_msg_template')).toHaveLength(1);
	expect(result.error?.message).toMatch(/add_msg_template/);
	expect(result.error?.description).toMatch(/not (sent again|repeated)/);
});

test('as an AI tool, create refuses unless Allow Use by AI Agents is on', async () => {
	const refused = await runMassSend(create({ sender: 'zhangsan', text: 'hi' }), [{}], {
		type: TOOL_TYPE,
	});
	expect(refused.error?.message).toMatch(/AI agent/);
	expect(refused.error?.context?.field).toBe('options.allowAsAiTool');
	expect(sandbox().calls).toHaveLength(0);

	const allowed = await runMassSend(
		create({ sender: 'zhangsan', text: 'hi', options: { allowAsAiTool: true } }),
		[{}],
		{
			type: TOOL_TYPE,
		},
	);
	expect(allowed.error).toBeUndefined();
	expect(sandbox().callsTo('add_msg_template')).toHaveLength(1);
});

test('as an AI tool, reads still work without the option', async () => {
	const msgid = sandbox().seedMassMessage({ members: 2, resultsPerMember: 1 });
	const result = await runMassSend(
		{ resource: 'massMessage', operation: 'getMemberTasks', msgId: msgid, returnAll: true },
		[{}],
		{
			type: TOOL_TYPE,
		},
	);
	expect(result.error).toBeUndefined();
	expect(result.json()).toHaveLength(2);
});

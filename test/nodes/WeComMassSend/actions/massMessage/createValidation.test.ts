/**
 * Every bad create is refused before anything reaches WeCom (not even gettoken), with an error
 * naming the item, the field and the rule.
 */
import { runMassSend } from '../../../../helpers/engine';
import { useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

const create = (parameters: Record<string, unknown>) => ({
	resource: 'massMessage',
	operation: 'create',
	...parameters,
});
const link = { type: 'link', title: 'Spring sale', url: 'https://example.com/sale' };

async function refused(parameters: Record<string, unknown>) {
	const result = await runMassSend(create(parameters));
	expect(result.error).toBeDefined();
	expect(sandbox().calls).toHaveLength(0);
	return result.error!;
}

test('R1: text and attachments both empty', async () => {
	const error = await refused({ sender: 'zhangsan', text: '' });
	expect(error.context?.itemIndex).toBe(0); // n8n names the item; the message does not repeat it
	expect(error.message).toMatch(/^Text and Attachments are both empty/);
	expect(error.message).toMatch(/both empty/);
	expect(error.context?.field).toBe('text');
});

test('text over 4,000 UTF-8 bytes names the byte count (Chinese = 3 bytes)', async () => {
	const error = await refused({ sender: 'zhangsan', text: '群'.repeat(1334) });
	expect(error.message).toMatch(/4002 bytes/);
	expect(error.message).toMatch(/4000/);
	// 1,333 Chinese characters are 3,999 bytes and go through.
	const ok = await runMassSend(create({ sender: 'zhangsan', text: '群'.repeat(1333) }));
	expect(ok.error).toBeUndefined();
	expect(sandbox().callsTo('add_msg_template')).toHaveLength(1);
});

test('more than 9 attachments', async () => {
	const error = await refused({
		sender: 'zhangsan',
		attachmentSource: 'ui',
		attachmentsUi: { attachment: Array(10).fill(link) },
	});
	expect(error.message).toMatch(/10 attachments/);
});

test('an attachment missing a required field', async () => {
	const error = await refused({
		sender: 'zhangsan',
		attachmentsUi: { attachment: [{ type: 'link', url: 'https://example.com' }] },
	});
	expect(error.message).toMatch(/title/i);
});

test('customer groups need a sender', async () => {
	const error = await refused({ chatType: 'group', chatIds: 'wrA', text: 'hi' });
	expect(error.context?.field).toBe('sender');
	expect(error.message).toMatch(/Sender.*required/);
});

test('customers need a sender, customer IDs or a tag filter', async () => {
	const error = await refused({ chatType: 'single', text: 'hi' });
	expect(error.context?.field).toBe('externalUserIds');
});

test('more than 2,000 group chat IDs', async () => {
	const chatIds = Array.from({ length: 2001 }, (_, i) => `wr${i}`).join(',');
	const error = await refused({ chatType: 'group', sender: 'zhangsan', chatIds, text: 'hi' });
	expect(error.context?.field).toBe('chatIds');
	expect(error.message).toMatch(/2001 groups.*2,000/);
});

test('tag filter given twice, or as broken JSON', async () => {
	const both = await refused({
		text: 'hi',
		tagFilter: { groups: [{ tagIds: 'etA' }] },
		tagFilterJson: '{"group_list":[{"tag_list":["etB"]}]}',
	});
	expect(both.context?.field).toBe('tagFilterJson');
	sandbox().resetCalls();
	const broken = await refused({ text: 'hi', tagFilterJson: '{"group_list":[{"tag_list":[1]}]}' });
	expect(broken.message).toMatch(/tag_list/);
});

test('an ID list entry that is not an ID', async () => {
	const error = await refused({ text: 'hi', externalUserIds: '={{ [{ "id": "wm1" }] }}' });
	expect(error.context?.field).toBe('externalUserIds');
});

test.each([
	['remind', {}],
	['cancel', {}],
	['getMemberTasks', { returnAll: true }],
	['getReport', {}],
	['getSendResults', { userId: 'zhangsan' }],
])('%s refuses an empty Message ID', async (operation, extra) => {
	const result = await runMassSend({ resource: 'massMessage', operation, msgId: '  ', ...extra });
	expect(result.error?.message).toMatch(/^"Message ID" is required/);
	expect(result.error?.context?.field).toBe('msgId');
	expect(sandbox().calls).toHaveLength(0);
});

test('getSendResults refuses an empty Member', async () => {
	const result = await runMassSend({
		resource: 'massMessage',
		operation: 'getSendResults',
		msgId: 'msgX',
		userId: '={{ "" }}',
	});
	expect(result.error?.context?.field).toBe('userId');
	expect(sandbox().calls).toHaveLength(0);
});

test('with Continue On Fail a bad item in the middle becomes an error item; the others are created', async () => {
	const result = await runMassSend(
		create({ chatType: 'group', sender: '={{ $json.sender }}', text: 'Hello groups' }),
		[{ sender: 'zhangsan' }, { sender: '' }, { sender: 'lisi' }],
		{ continueOnFail: true },
	);
	expect(result.error).toBeUndefined();
	const items = result.items();
	expect(items).toHaveLength(3);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json.msgid).toMatch(/^msg/);
	expect(items[2].json.msgid).toMatch(/^msg/);
	expect(items[1].json.msgid).toBeUndefined();
	expect(items[1].json.error).toMatch(/^"Sender" is required/);
	expect(items[1].json.field).toBe('sender');
	const sent = sandbox()
		.callsTo('add_msg_template')
		.map((call) => (call.body as { sender: string }).sender);
	expect(sent).toEqual(['zhangsan', 'lisi']);
});

/**
 * With "Continue On Fail", what an error knows that a flow could branch on reaches the error
 * item as fields, not only as words in the message.
 */
import { runMassSend } from '../../../../helpers/engine';
import { useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const customers = (count: number) =>
	Array.from({ length: count }, (_, i) => `wmCustomer${String(i).padStart(6, '0')}`);

test('a 25,000-customer create failing on its 2nd task: the created msgids are fields of the item', async () => {
	sandbox().fault({ api: 'add_msg_template', kind: 'errcode', errcode: -1, skip: 1 });
	const result = await runMassSend(
		{
			resource: 'massMessage',
			operation: 'create',
			chatType: 'single',
			sender: 'zhangsan',
			externalUserIds: '={{ $json.ids }}',
			text: 'hi',
		},
		[{ ids: customers(25000) }],
		{ continueOnFail: true },
	);
	const calls = sandbox().callsTo('add_msg_template');
	expect(calls.map((call) => call.errcode)).toEqual([0, -1]);
	const [item] = result.json();
	expect(item).toMatchObject({
		api: 'add_msg_template',
		errcode: -1,
		failedBatch: 2,
		batches: 3,
		mayHaveReachedWeCom: true,
	});
	expect(item.createdMsgIds).toEqual([expect.stringMatching(/^msg/)]);
	// A real task in WeCom (the sandbox knows it), not a made-up id.
	expect(() => sandbox().markSent((item.createdMsgIds as string[])[0])).not.toThrow();
	expect(result.items()[0].pairedItem).toEqual({ item: 0 });
});

test('a message from before 2020-11-17: the item says so in a field a flow can branch on', async () => {
	const msgid = sandbox().seedMassMessage({ members: 2, resultsPerMember: 2, legacy: true });
	const result = await runMassSend(
		{ resource: 'massMessage', operation: 'getMemberTasks', msgId: msgid, returnAll: true },
		[{}],
		{
			continueOnFail: true,
		},
	);
	expect(result.json()[0]).toMatchObject({
		api: 'get_groupmsg_task',
		errcode: 40058,
		mayBeLegacyMessage: true,
	});
});

test('a refused field names itself in the item, and no n8n bookkeeping leaks into it', async () => {
	const result = await runMassSend(
		{ resource: 'massMessage', operation: 'remind', msgId: '={{ $json.msgid }}' },
		[{ msgid: '' }],
		{
			continueOnFail: true,
		},
	);
	const [item] = result.json();
	expect(item).toEqual({ error: '"Message ID" is required', field: 'msgId' });
});

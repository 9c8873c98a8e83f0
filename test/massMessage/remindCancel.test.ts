import { runMassSend } from '../helpers/engine';
import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();

test('R8: the 4th reminder within 24 hours is explained as the 3-per-24-h quota', async () => {
	const msgid = sandbox().seedMassMessage({ members: 2, resultsPerMember: 1 });
	const result = await runMassSend({ resource: 'massMessage', operation: 'remind', msgId: '={{ $json.msgid }}' }, Array(4).fill({ msgid }), {
		continueOnFail: true,
	});
	const items = result.json();
	expect(items.slice(0, 3)).toEqual(Array(3).fill({ msgid, reminded: true }));
	expect(items[3]).toMatchObject({ errcode: 45009, error: expect.stringMatching(/3 reminders/) });
	expect(items[3].description).toMatch(/at most 3 reminders per message .* within 24 hours/);
	// 45009 is a final answer: not retried.
	expect(sandbox().callsTo('remind_groupmsg_send')).toHaveLength(4);
});

test('cancel stops a message, and again without harm', async () => {
	const msgid = sandbox().seedMassMessage({ members: 2, resultsPerMember: 1 });
	for (let i = 0; i < 2; i++) {
		const result = await runMassSend({ resource: 'massMessage', operation: 'cancel', msgId: msgid });
		expect(result.error).toBeUndefined();
		expect(result.json()).toEqual([{ msgid, canceled: true }]);
	}
	expect(sandbox().callsTo('cancel_groupmsg_send')).toHaveLength(2);
});

test('cancel of an unknown message shows WeCom’s error', async () => {
	const result = await runMassSend({ resource: 'massMessage', operation: 'cancel', msgId: 'msgDoesNotExist' });
	expect(result.error?.message).toMatch(/S3 cancel_groupmsg_send failed: \[40058\]/);
});

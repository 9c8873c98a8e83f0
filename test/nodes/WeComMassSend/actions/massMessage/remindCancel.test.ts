import { runMassSend } from '../../../../helpers/engine';
import { useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

test('R8: a frequency limit on a reminder is explained as possibly the 3-per-24-h quota, never as a fact', async () => {
	// WeCom documents no errcode for a 4th reminder. The fault is armed on the 4th call with WeCom's
	// general frequency-limit code, so the test does not depend on what the sandbox chose to answer.
	const msgid = sandbox().seedMassMessage({ members: 2, resultsPerMember: 1 });
	sandbox().fault({ api: 'remind_groupmsg_send', kind: 'errcode', errcode: 45009, skip: 3 });
	const result = await runMassSend(
		{ resource: 'massMessage', operation: 'remind', msgId: '={{ $json.msgid }}' },
		Array(4).fill({ msgid }),
		{
			continueOnFail: true,
		},
	);
	const items = result.json();
	expect(items.slice(0, 3)).toEqual(Array(3).fill({ msgid, reminded: true }));
	expect(items[3]).toMatchObject({
		errcode: 45009,
		msgid,
		error: expect.stringMatching(/may have had its 3 reminders/),
	});
	expect(items[3].description).toMatch(/at most 3 reminders per message .* within 24 hours/);
	// A final answer for a call that changes state: not retried.
	expect(
		sandbox()
			.callsTo('remind_groupmsg_send')
			.map((call) => call.fault ?? null),
	).toEqual([null, null, null, 'errcode']);
});

test('cancel stops a message, and again without harm', async () => {
	const msgid = sandbox().seedMassMessage({ members: 2, resultsPerMember: 1 });
	for (let i = 0; i < 2; i++) {
		const result = await runMassSend({
			resource: 'massMessage',
			operation: 'cancel',
			msgId: msgid,
		});
		expect(result.error).toBeUndefined();
		expect(result.json()).toEqual([{ msgid, canceled: true }]);
	}
	expect(sandbox().callsTo('cancel_groupmsg_send')).toHaveLength(2);
});

test('cancel of an unknown message shows WeCom’s error', async () => {
	const result = await runMassSend({
		resource: 'massMessage',
		operation: 'cancel',
		msgId: 'msgDoesNotExist',
	});
	expect(result.error?.message).toMatch(/cancel_groupmsg_send failed: \[40058\]/);
});

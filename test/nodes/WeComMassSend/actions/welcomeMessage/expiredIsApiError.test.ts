/** WeCom's own 41050 stays a NodeApiError, named without an "Item N:" prefix. */
import { runMassSend } from '../../../../helpers/engine';
import { useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

test('41050 answered by WeCom is a NodeApiError with the errcode, the explanation and no item prefix', async () => {
	const code = sandbox().issueWelcomeCode();
	sandbox().fault({
		api: 'send_welcome_msg',
		kind: 'errcode',
		errcode: 41050,
		errmsg: 'welcome_code expired',
	});
	const result = await runMassSend(
		{ resource: 'welcomeMessage', operation: 'send', text: 'Hi %NICKNAME%' },
		[{ WelcomeCode: code }],
	);
	expect(result.error?.name).toBe('NodeApiError');
	expect(result.error?.message).toMatch(
		/^WeCom send_welcome_msg failed: \[41050\] welcome_code expired.* — the WelcomeCode has expired or was already used$/,
	);
	expect(result.error?.context).toMatchObject({
		errcode: 41050,
		errmsg: 'welcome_code expired',
		field: 'welcomeCode',
		api: 'send_welcome_msg',
	});
	expect(result.error?.description).toMatch(/within 20 seconds/);
	expect(sandbox().callsTo('send_welcome_msg')).toHaveLength(1);
});

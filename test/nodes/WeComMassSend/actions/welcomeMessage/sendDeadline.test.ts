/**
 * WeCom checks a WelcomeCode's 20 seconds when the request arrives. So the node checks the deadline
 * when an attempt starts — the first one and the repeat after a new access token — and once a send
 * has started it waits for WeCom's answer: a greeting WeCom took must never be reported as failed.
 */
import { runMassSend } from '../../../../helpers/engine';
import { useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();

const send = (extra: Record<string, unknown> = {}) => ({
	resource: 'welcomeMessage',
	operation: 'send',
	text: 'Hi %NICKNAME%, welcome!',
	...extra,
});

test('a send that reached WeCom inside the window is reported sent, though the answer comes after the deadline', async () => {
	const code = sandbox().issueWelcomeCode();
	// WeCom takes the request at once and answers 2.5 s later, when the item's deadline has passed.
	sandbox().fault({ api: 'send_welcome_msg', kind: 'slow', delayMs: 2500 });
	const welcomeCodeExpiresAt = new Date(Date.now() + 1500).toISOString();
	const result = await runMassSend(send(), [{ WelcomeCode: code, welcomeCodeExpiresAt }]);
	expect(result.error).toBeUndefined();
	expect(result.json()).toEqual([{ sent: true, welcomeCode: code, warnings: [] }]);
	expect(sandbox().welcomeSends.map((s) => s.code)).toEqual([code]);
	expect(sandbox().callsTo('send_welcome_msg')).toHaveLength(1);
});

describe('the repeat after a new access token respects the deadline', () => {
	function refreshOutlastsTheWindow() {
		// The first send is refused for its token (WeCom did nothing); the new token takes 1.5 s.
		sandbox().fault({ api: 'send_welcome_msg', kind: 'expireToken' });
		sandbox().fault({ api: 'gettoken', kind: 'slow', delayMs: 1500, skip: 1 });
		return new Date(Date.now() + 1000).toISOString();
	}

	test('no second send starts after the window closed: a clear error, nothing sent', async () => {
		const code = sandbox().issueWelcomeCode();
		const welcomeCodeExpiresAt = refreshOutlastsTheWindow();
		const result = await runMassSend(send(), [{ WelcomeCode: code, welcomeCodeExpiresAt }]);
		expect(result.error?.message).toMatch(
			/WelcomeCode expired before the send could start .* so it was not sent \(errcode 41050\)$/,
		);
		expect(result.error?.context).toMatchObject({
			errcode: 41050,
			field: 'welcomeCode',
			reason: 'expired',
		});
		expect(
			sandbox()
				.callsTo('send_welcome_msg')
				.map((c) => c.errcode),
		).toEqual([42001]);
		expect(sandbox().callsTo('gettoken')).toHaveLength(2);
		expect(sandbox().welcomeSends).toHaveLength(0);
	});

	test('with Skip Expired Codes it is a skipped item', async () => {
		const code = sandbox().issueWelcomeCode();
		const welcomeCodeExpiresAt = refreshOutlastsTheWindow();
		const result = await runMassSend(send({ options: { skipExpiredCodes: true } }), [
			{ WelcomeCode: code, welcomeCodeExpiresAt },
		]);
		expect(result.error).toBeUndefined();
		expect(result.json()).toEqual([
			{
				sent: false,
				skipped: true,
				reason: 'expired',
				welcomeCode: code,
				expiredAt: welcomeCodeExpiresAt,
				warnings: [],
			},
		]);
		expect(sandbox().callsTo('send_welcome_msg')).toHaveLength(1);
	});
});

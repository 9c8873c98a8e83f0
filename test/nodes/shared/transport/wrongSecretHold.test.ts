/**
 * WeCom blocks a server's IP after repeated wrong secrets, and a failing loop (a schedule, an error
 * workflow) would otherwise ask gettoken every few seconds. A refused Corp ID / Secret is held per
 * credential identity for a long time and longer after every further refusal; a corrected credential
 * is asked at once. Refusals fixed in the admin console (IP, 可调用应用) are asked again soon.
 */
import { WRONG_SECRET_HOLD_MS } from '../../../../nodes/shared/transport/token';
import { runMassSend, useCredential } from '../../../helpers/engine';
import { useSandbox } from '../../../helpers/sandbox';

const currentSandbox = useSandbox();
const WRONG = 'not-the-secret-of-this-corp-000000000000000';

let offsetMs = 0;
const realNow = Date.now.bind(Date);
beforeEach(() => {
	offsetMs = 0;
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs);
});
afterEach(() => jest.restoreAllMocks());

const remind = async (msgId = 'msgGCAAAXtWyujaWJHDDGi0mA') =>
	await runMassSend({ resource: 'massMessage', operation: 'remind', msgId });

test('a wrong secret is not asked again for a long while, and longer after each further refusal', async () => {
	const sandbox = currentSandbox();
	useCredential({ corpId: sandbox.config.corpId, secret: WRONG, baseUrl: sandbox.url });
	expect((await remind()).error?.message).toMatch(/\[40001\] invalid credential/);
	// A loop running every 31 s for the quarter of an hour: WeCom is asked once (the last minute is
	// left out, so a slow machine's real seconds between the runs do not reach the hold's end).
	for (let i = 1; i * 31_000 < WRONG_SECRET_HOLD_MS - 60_000; i++) {
		offsetMs = i * 31_000;
		const held = await remind();
		expect(held.error?.message).toMatch(
			/\[40001\].*not asked again with this Corp ID and Secret for \d+ min/,
		);
	}
	expect(sandbox.callsTo('gettoken')).toHaveLength(1);
	expect(WRONG_SECRET_HOLD_MS).toBeGreaterThanOrEqual(10 * 60 * 1000);
	// After the hold it is asked once more; refused again, the hold doubles.
	offsetMs = WRONG_SECRET_HOLD_MS + 1000;
	await remind();
	expect(sandbox.callsTo('gettoken')).toHaveLength(2);
	offsetMs = 2 * WRONG_SECRET_HOLD_MS + 2000;
	await remind();
	expect(sandbox.callsTo('gettoken')).toHaveLength(2);
	offsetMs = 3 * WRONG_SECRET_HOLD_MS + 2000;
	await remind();
	expect(sandbox.callsTo('gettoken')).toHaveLength(3);
	// No secret in what the held refusal says.
	expect(JSON.stringify((await remind()).run)).not.toContain(WRONG);
});

test('a corrected Secret is asked at once', async () => {
	const sandbox = currentSandbox();
	useCredential({ corpId: sandbox.config.corpId, secret: WRONG, baseUrl: sandbox.url });
	await remind();
	useCredential({
		corpId: sandbox.config.corpId,
		secret: sandbox.config.secret,
		baseUrl: sandbox.url,
	});
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	expect((await remind(msgid)).error).toBeUndefined();
	expect(sandbox.callsTo('gettoken')).toHaveLength(2);
});

test('an IP not yet trusted (60020) is fixed in the admin console: asked again after half a minute', async () => {
	const sandbox = currentSandbox();
	sandbox.fault({ api: 'gettoken', kind: 'errcode', errcode: 60020 });
	expect((await remind()).error?.message).toMatch(/60020/);
	offsetMs = 31_000;
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	expect((await remind(msgid)).error).toBeUndefined();
	expect(sandbox.callsTo('gettoken')).toHaveLength(2);
});

/**
 * The trigger reads its credential once and reuses the secrets for later callbacks (a credential
 * read in the webhook phase costs an isolate on n8n's default expression engine), without ever
 * letting kept secrets decide against the credential as it is now.
 */
import { REFRESH_AFTER_MS, SECRETS_REUSE_MS } from '../../../nodes/WeComTrigger/callback/secrets';
import { buildCallback, buildEcho } from '../../../tools/sandbox/callback/emitter';
import { contactEvent } from '../../../tools/sandbox/callback/events';
import { startTriggerHarness, TEST_CREDENTIAL, type TriggerHarness } from '../../helpers/webhook';

const ROTATED = {
	...TEST_CREDENTIAL,
	callbackToken: 'R0tatedToken',
	encodingAESKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
};

let h: TriggerHarness;
beforeEach(async () => {
	h = await startTriggerHarness();
});
afterEach(async () => {
	jest.restoreAllMocks();
	await h.close();
});

let createTime = 1700100000;
async function sendAdd(config: typeof TEST_CREDENTIAL, timestamp?: number) {
	const event = contactEvent(config.corpId, 'add_external_contact', {
		createTime: createTime++,
		welcomeCode: `WC-${createTime}`,
	});
	const built = buildCallback(
		config,
		event,
		timestamp === undefined ? {} : { timestamp: String(timestamp) },
	);
	return await h.post(built.query, built.body);
}

test('ten callbacks read the credential once and all start their run', async () => {
	for (let i = 0; i < 10; i++) expect((await sendAdd(TEST_CREDENTIAL)).status).toBe(200);
	expect(h.started).toHaveLength(10);
	expect(h.credentials.reads).toBe(1);
});

test('a callback signed with a rotated Token and key is checked against the credential as it is now', async () => {
	await sendAdd(TEST_CREDENTIAL);
	h.credentials.set('wecom-trigger-cred', ROTATED);
	const answer = await sendAdd(ROTATED);
	expect(answer.status).toBe(200);
	expect(h.started).toHaveLength(2);
	expect(h.credentials.reads).toBe(2);
});

test('a forged callback is refused although secrets are kept', async () => {
	await sendAdd(TEST_CREDENTIAL);
	const forged = await sendAdd({ ...TEST_CREDENTIAL, callbackToken: 'NotTheToken' });
	expect(forged.status).toBe(401);
	expect(h.started).toHaveLength(1);
});

test('kept secrets expire: after the reuse time the old Token no longer verifies', async () => {
	await sendAdd(TEST_CREDENTIAL);
	h.credentials.set('wecom-trigger-cred', ROTATED);
	const later = Date.now() + SECRETS_REUSE_MS + 1000;
	jest.spyOn(Date, 'now').mockReturnValue(later);
	const stale = await sendAdd(TEST_CREDENTIAL, Math.floor(later / 1000));
	expect(stale.status).toBe(401);
	expect(h.started).toHaveLength(1);
	expect(h.credentials.reads).toBe(2);
});

test('kept secrets older than the refresh interval are read again in the background while they serve', async () => {
	const start = Date.now();
	await sendAdd(TEST_CREDENTIAL);
	expect(h.credentials.reads).toBe(1);
	// Past the refresh interval: this callback is served by the kept secrets, and the credential is
	// read again beside it.
	const nearEnd = start + SECRETS_REUSE_MS - 5000;
	jest.spyOn(Date, 'now').mockReturnValue(nearEnd);
	expect((await sendAdd(TEST_CREDENTIAL, Math.floor(nearEnd / 1000))).status).toBe(200);
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(h.credentials.reads).toBe(2);
	// Past the first read's reuse time the secrets of the background read serve: no third read.
	const pastFirst = start + SECRETS_REUSE_MS + 1000;
	jest.spyOn(Date, 'now').mockReturnValue(pastFirst);
	expect((await sendAdd(TEST_CREDENTIAL, Math.floor(pastFirst / 1000))).status).toBe(200);
	expect(h.credentials.reads).toBe(2);
	expect(h.started).toHaveLength(3);
});

test('kept secrets younger than the refresh interval cause no read', async () => {
	const start = Date.now();
	await sendAdd(TEST_CREDENTIAL);
	const before = start + REFRESH_AFTER_MS - 1000;
	jest.spyOn(Date, 'now').mockReturnValue(before);
	expect((await sendAdd(TEST_CREDENTIAL, Math.floor(before / 1000))).status).toBe(200);
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(h.credentials.reads).toBe(1);
});

test('URL verification always reads the credential: the console check follows an edit at once', async () => {
	await sendAdd(TEST_CREDENTIAL);
	h.credentials.set('wecom-trigger-cred', ROTATED);
	const echo = buildEcho(ROTATED, '1616140317555161061');
	const answer = await h.get(echo.query);
	expect(answer.status).toBe(200);
	expect(answer.text).toBe('1616140317555161061');
	expect(h.credentials.reads).toBe(2);
});

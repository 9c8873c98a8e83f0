/**
 * A stranger who knows the public callback URL must not be able to make the trigger expensive:
 * refused requests are refused with what the trigger keeps, and the credential (a database read, a
 * decryption and, on n8n's default expression engine, an isolate) is read at most once per few
 * seconds per trigger however many forged requests arrive. Cheap checks (query parameters and their
 * shapes, body size) come before anything that costs.
 */
import { REREAD_AFTER_FAILURE_MS } from '../../../nodes/WeComTrigger/callback/secrets';
import { resetDedupeStores } from '../../../nodes/WeComTrigger/callback/dedupe';
import {
	addContactEvent,
	buildEcho,
	buildPost,
	envelopeXml,
	eventXml,
	startTriggerHarness,
	TEST_CREDENTIAL,
	type TriggerHarness,
} from '../../helpers/webhook';

const STRANGER = { ...TEST_CREDENTIAL, callbackToken: 'GuessedToken' };
const ROTATED = {
	...TEST_CREDENTIAL,
	callbackToken: 'R0tatedToken',
	encodingAESKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
};

let createTime = Math.floor(Date.now() / 1000) - 1;
function realCallback(credential = TEST_CREDENTIAL) {
	return buildPost(
		eventXml(addContactEvent({ CreateTime: createTime++, WelcomeCode: `WC-${createTime}` })),
		credential,
	);
}

/** What a stranger can send: well-formed, signed with a guessed Token. */
function forgedPost() {
	return realCallback(STRANGER);
}
function forgedGet() {
	return buildEcho('1616140317555161061', STRANGER);
}

let h: TriggerHarness;
beforeEach(async () => {
	resetDedupeStores();
	h = await startTriggerHarness();
});
afterEach(async () => {
	jest.restoreAllMocks();
	await h.close();
});

test('a flood of forged GETs and POSTs costs one credential read, and real callbacks keep starting their runs', async () => {
	const first = realCallback();
	expect((await h.post(first.query, first.body)).status).toBe(200);
	expect(h.credentials.reads).toBe(1);
	const statuses: number[] = [];
	for (let i = 0; i < 40; i++) {
		const post = forgedPost();
		statuses.push((await h.post(post.query, post.body)).status);
		statuses.push((await h.get(forgedGet())).status);
	}
	expect(statuses).toEqual(new Array(80).fill(401));
	// One read when the first forged request failed the kept Token (it could have been a rotation),
	// none for the 79 after it.
	expect(h.credentials.reads).toBe(2);
	const real = realCallback();
	expect((await h.post(real.query, real.body)).status).toBe(200);
	expect(h.started).toHaveLength(2);
	expect(h.started[1][0].WelcomeCode).toBe(`WC-${createTime}`);
	expect(h.credentials.reads).toBe(2);
});

test('forged requests arriving together on a trigger that keeps nothing yet share one credential read', async () => {
	const answers = await Promise.all(
		Array.from({ length: 30 }, (_, i) => {
			if (i % 2 === 0) {
				const post = forgedPost();
				return h.post(post.query, post.body);
			}
			return h.get(forgedGet());
		}),
	);
	expect(answers.map((a) => a.status)).toEqual(new Array(30).fill(401));
	expect(h.credentials.reads).toBe(1);
	expect(h.started).toHaveLength(0);
});

test('after the re-read interval one more read is allowed: a rotated Token and key work within seconds', async () => {
	const first = realCallback();
	await h.post(first.query, first.body);
	for (let i = 0; i < 5; i++) {
		const post = forgedPost();
		await h.post(post.query, post.body);
	}
	expect(h.credentials.reads).toBe(2);
	h.credentials.set('wecom-trigger-cred', ROTATED);
	const later = Date.now() + REREAD_AFTER_FAILURE_MS;
	jest.spyOn(Date, 'now').mockReturnValue(later);
	const rotated = realCallback(ROTATED);
	const answer = await h.post(rotated.query, rotated.body);
	expect(answer.status).toBe(200);
	expect(h.started).toHaveLength(2);
	expect(h.credentials.reads).toBe(3);
	// The URL check in the console, signed with the new Token, is answered from what is kept now.
	const echo = await h.get(buildEcho('4242', ROTATED));
	expect(echo.text).toBe('4242');
	expect(h.credentials.reads).toBe(3);
});

test('requests that cannot be WeCom’s are refused before the credential is read', async () => {
	const { query, body } = realCallback();
	const echo = buildEcho('77');
	const cases: Array<[string, () => Promise<{ status: number }>, number]> = [
		[
			'msg_signature not 40 hex',
			async () => await h.post({ ...query, msg_signature: 'x' }, body),
			400,
		],
		[
			'msg_signature 40 non-hex',
			async () => await h.post({ ...query, msg_signature: 'g'.repeat(40) }, body),
			400,
		],
		[
			'timestamp not Unix seconds',
			async () => await h.post({ ...query, timestamp: '17e8' }, body),
			400,
		],
		['nonce with markup', async () => await h.post({ ...query, nonce: '<script>' }, body), 400],
		['GET: echostr not base64', async () => await h.get({ ...echo, echostr: 'not base64!' }), 400],
		[
			'GET: signature not hex',
			async () => await h.get({ ...echo, msg_signature: 'z'.repeat(40) }),
			400,
		],
		[
			'a body announced larger than 64 KB',
			async () => await h.post(query, envelopeXml('A'.repeat(70 * 1024))),
			413,
		],
	];
	for (const [name, send, status] of cases) {
		const answer = await send();
		expect([name, answer.status]).toEqual([name, status]);
	}
	expect(h.credentials.reads).toBe(0);
	expect(h.started).toHaveLength(0);
});

test('an incomplete credential is read once per interval however many requests arrive', async () => {
	await h.close();
	h = await startTriggerHarness({ credential: { ...TEST_CREDENTIAL, callbackToken: '' } });
	for (let i = 0; i < 20; i++) {
		const post = realCallback();
		const answer = await h.post(post.query, post.body);
		expect(answer.status).toBe(500);
		expect(answer.text).toBe('Trigger not configured');
	}
	expect(h.credentials.reads).toBe(1);
	// Filled in: a callback works within the re-read interval.
	h.credentials.set('wecom-trigger-cred', TEST_CREDENTIAL);
	jest.spyOn(Date, 'now').mockReturnValue(Date.now() + REREAD_AFTER_FAILURE_MS);
	const fixed = realCallback();
	expect((await h.post(fixed.query, fixed.body)).status).toBe(200);
	expect(h.credentials.reads).toBe(2);
});

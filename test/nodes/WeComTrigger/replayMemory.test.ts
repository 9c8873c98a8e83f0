/**
 * The replay window is measured on the signed timestamp, so the dedupe memory must last as long as
 * the window accepts that timestamp: a captured callback re-posted later (exactly as recorded, it is
 * correctly signed) must not start a second run while the window still lets it in.
 */
import { TtlSet, resetDedupeStores } from '../../../nodes/WeComTrigger/callback/dedupe';
import {
	addContactEvent,
	encryptWeCom,
	envelopeXml,
	eventXml,
	signWeCom,
	startTriggerHarness,
	TEST_CREDENTIAL,
	type TriggerHarness,
} from '../../helpers/webhook';

/** A callback as WeCom signs it at `timestampS` (WeCom's clock). */
function recorded(timestampS: number, createTime: number) {
	const encrypt = encryptWeCom(
		TEST_CREDENTIAL.encodingAESKey,
		eventXml(addContactEvent({ CreateTime: createTime })),
		TEST_CREDENTIAL.corpId,
	);
	const timestamp = String(timestampS);
	const nonce = '1234567890';
	return {
		query: {
			msg_signature: signWeCom(TEST_CREDENTIAL.callbackToken, timestamp, nonce, encrypt),
			timestamp,
			nonce,
		},
		body: envelopeXml(encrypt),
	};
}

let h: TriggerHarness | undefined;
beforeEach(() => resetDedupeStores());
afterEach(async () => {
	jest.restoreAllMocks();
	await h?.close();
	h = undefined;
});

function at(ms: number) {
	jest.spyOn(Date, 'now').mockReturnValue(ms);
}

test('with a 3,600 s window, a captured callback re-posted 10 minutes later starts no second run', async () => {
	h = await startTriggerHarness({ parameters: { options: { replayWindow: 3600 } } });
	const t0 = Math.floor(Date.now() / 1000) * 1000;
	at(t0);
	const capture = recorded(t0 / 1000, t0 / 1000);
	expect((await h.post(capture.query, capture.body)).status).toBe(200);
	expect(h.started).toHaveLength(1);
	at(t0 + 10 * 60 * 1000);
	const replay = await h.post(capture.query, capture.body);
	expect(replay.status).toBe(200);
	expect(replay.call!.result?.workflowData).toBeUndefined();
	expect(h.started).toHaveLength(1);
	// Still remembered at the window's last second, refused by the window after it.
	at(t0 + 3600 * 1000 + 999);
	expect((await h.post(capture.query, capture.body)).call!.result?.workflowData).toBeUndefined();
	at(t0 + 3601 * 1000);
	expect((await h.post(capture.query, capture.body)).status).toBe(403);
	expect(h.started).toHaveLength(1);
});

test('default window, server clock 120 s behind WeCom: a replay at receipt + 400 s starts no second run', async () => {
	h = await startTriggerHarness();
	const receipt = Math.floor(Date.now() / 1000) * 1000;
	at(receipt);
	// WeCom's clock is 120 s ahead of this server's: its timestamp is 120 s in our future.
	const capture = recorded(receipt / 1000 + 120, receipt / 1000 + 120);
	expect((await h.post(capture.query, capture.body)).status).toBe(200);
	at(receipt + 400 * 1000);
	const replay = await h.post(capture.query, capture.body);
	expect(replay.status).toBe(200);
	expect(h.started).toHaveLength(1);
	// 300 s after WeCom's timestamp the window refuses it.
	at(receipt + 421 * 1000);
	expect((await h.post(capture.query, capture.body)).status).toBe(403);
	expect(h.started).toHaveLength(1);
});

test('with the option off a replay inside the window runs again (the user chose so)', async () => {
	h = await startTriggerHarness({
		parameters: { options: { dropRedeliveries: false, replayWindow: 3600 } },
	});
	const t0 = Math.floor(Date.now() / 1000) * 1000;
	at(t0);
	const capture = recorded(t0 / 1000, t0 / 1000);
	await h.post(capture.query, capture.body);
	at(t0 + 600 * 1000);
	await h.post(capture.query, capture.body);
	expect(h.started).toHaveLength(2);
});

describe('memory stays bounded', () => {
	test('entries live until their own expiry; expired ones are dropped before live ones are evicted', () => {
		const set = new TtlSet(1000, 3);
		expect(set.addIfAbsent('long', 0, 10_000)).toBe(true);
		expect(set.addIfAbsent('short', 0)).toBe(true);
		expect(set.addIfAbsent('long', 5000)).toBe(false);
		expect(set.addIfAbsent('short', 5000)).toBe(true);
		// Full: 'a' is added while 'short' (expired at 6000) and 'long' (live) are kept.
		expect(set.addIfAbsent('b', 5000)).toBe(true);
		expect(set.addIfAbsent('c', 7000)).toBe(true);
		expect(set.size).toBeLessThanOrEqual(3);
		expect(set.addIfAbsent('long', 7000)).toBe(false);
	});

	test('at most the bound, however many events arrive', () => {
		const set = new TtlSet(3_600_000, 1000);
		for (let i = 0; i < 5000; i++) set.addIfAbsent(`k${i}`, i);
		expect(set.size).toBe(1000);
		expect(set.addIfAbsent('k4999', 5000)).toBe(false);
	});
});

import {
	aesKeyFrom,
	decrypt,
	decryptFor,
	decodeStrictBase64,
} from '../../../../nodes/WeComTrigger/callback/cipher';
import { TtlSet } from '../../../../nodes/WeComTrigger/callback/dedupe';
import { eventKey } from '../../../../nodes/WeComTrigger/callback/eventKey';
import {
	CallbackError,
	type CallbackErrorCode,
} from '../../../../nodes/WeComTrigger/callback/errors';
import {
	resetSetupWarnings,
	setupCheckOf,
	setupWarning,
	WARNING_INTERVAL_MS,
} from '../../../../nodes/WeComTrigger/callback/diagnostics';
import {
	assertFresh,
	clockOffsetSeconds,
	REPLAY_WINDOW_DEFAULT_S,
	replayWindowSeconds,
} from '../../../../nodes/WeComTrigger/callback/replay';
import { passesFilter } from '../../../../nodes/WeComTrigger/callback/filter';
import {
	filtersFrom,
	NO_FILTERS,
	type TriggerSettings,
} from '../../../../nodes/WeComTrigger/callback/settings';
import {
	computeSignature,
	constantTimeEqual,
	verifySignature,
} from '../../../../nodes/WeComTrigger/callback/signature';
import {
	parseEnvelope,
	parseEvent,
	parseWeComXml,
} from '../../../../nodes/WeComTrigger/callback/xml';
import {
	aesRaw,
	addContactEvent,
	encryptWeCom,
	eventXml,
	pad32,
	plaintextOf,
	TEST_CREDENTIAL,
	WECOM_SAMPLE,
} from '../../../helpers/webhook';

function codeOf(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		if (error instanceof CallbackError) return error.code;
		throw error;
	}
	return 'no error';
}

describe('WeCom published known-answer vector', () => {
	const s = WECOM_SAMPLE;

	test('the signature over the echostr matches', () => {
		expect(computeSignature(s.token, s.timestamp, s.nonce, s.echostr)).toBe(s.msgSignature);
		expect(verifySignature(s.token, s.timestamp, s.nonce, s.echostr, s.msgSignature)).toBe(true);
	});

	test('the echostr decrypts to the published plaintext and receive id', () => {
		expect(decrypt(s.encodingAESKey, s.echostr)).toEqual({
			message: s.plaintext,
			receiveId: s.corpId,
		});
		expect(decryptFor(s.encodingAESKey, s.echostr, s.corpId)).toBe(s.plaintext);
	});

	test('another receive id is refused', () => {
		expect(codeOf(() => decryptFor(s.encodingAESKey, s.echostr, 'ww0000000000000000'))).toBe(
			'wrong_receiver',
		);
	});

	test('a changed token, timestamp or nonce breaks the signature', () => {
		expect(verifySignature('QDG6eL', s.timestamp, s.nonce, s.echostr, s.msgSignature)).toBe(false);
		expect(verifySignature(s.token, '1409659590', s.nonce, s.echostr, s.msgSignature)).toBe(false);
		expect(verifySignature(s.token, s.timestamp, '263014781', s.echostr, s.msgSignature)).toBe(
			false,
		);
	});
});

describe('signature comparison', () => {
	test('unequal lengths and case are simply unequal', () => {
		expect(constantTimeEqual('abc', 'abcd')).toBe(false);
		expect(constantTimeEqual('', 'a')).toBe(false);
		expect(constantTimeEqual('abc', 'abc')).toBe(true);
		const s = WECOM_SAMPLE;
		expect(
			verifySignature(s.token, s.timestamp, s.nonce, s.echostr, s.msgSignature.toUpperCase()),
		).toBe(false);
		expect(
			verifySignature(s.token, s.timestamp, s.nonce, s.echostr, s.msgSignature.slice(0, 39)),
		).toBe(false);
	});
});

describe('cipher', () => {
	const key = TEST_CREDENTIAL.encodingAESKey;
	const corp = TEST_CREDENTIAL.corpId;

	test('round trip with the independent encrypter, including Chinese and long messages', () => {
		for (const message of ['', 'x', '欢迎 <b>&amp;', 'y'.repeat(5000)]) {
			expect(decryptFor(key, encryptWeCom(key, message, corp), corp)).toBe(message);
		}
	});

	test('EncodingAESKey must be 43 base64 characters decoding to 32 bytes', () => {
		expect(aesKeyFrom(key)).toHaveLength(32);
		expect(codeOf(() => aesKeyFrom(key.slice(0, 42)))).toBe('bad_key');
		expect(codeOf(() => aesKeyFrom(`${key}A`))).toBe('bad_key');
		expect(codeOf(() => aesKeyFrom(`${key.slice(0, 42)}-`))).toBe('bad_key');
		expect(codeOf(() => aesKeyFrom(''))).toBe('bad_key');
	});

	test('base64 must be strict and canonical', () => {
		expect(codeOf(() => decodeStrictBase64('QUJD'))).toBe('no error');
		expect(codeOf(() => decodeStrictBase64('QUJ'))).toBe('bad_base64');
		expect(codeOf(() => decodeStrictBase64('QU JD'))).toBe('bad_base64');
		expect(codeOf(() => decodeStrictBase64('QUJD\n'))).toBe('bad_base64');
		expect(codeOf(() => decodeStrictBase64('QU-_'))).toBe('bad_base64');
		// 'QR==' has stray low bits (canonical form is 'QQ==').
		expect(codeOf(() => decodeStrictBase64('QR=='))).toBe('bad_base64');
		expect(codeOf(() => decodeStrictBase64(''))).toBe('bad_base64');
	});

	test('padding values 0 and 33, inconsistent padding and short plaintexts are refused', () => {
		const plain = plaintextOf('<xml/>', corp);
		const padded = pad32(plain);
		const withLast = (value: number) =>
			Buffer.concat([padded.subarray(0, padded.length - 1), Buffer.from([value])]);
		expect(codeOf(() => decrypt(key, aesRaw(key, withLast(0))))).toBe('bad_padding');
		expect(codeOf(() => decrypt(key, aesRaw(key, withLast(33))))).toBe('bad_padding');
		const n = padded[padded.length - 1];
		if (n >= 2) {
			const broken = Buffer.from(padded);
			broken[broken.length - 2] = n - 1;
			expect(codeOf(() => decrypt(key, aesRaw(key, broken)))).toBe('bad_padding');
		}
		// 16 bytes with pad 16: nothing left for the random prefix and length.
		expect(codeOf(() => decrypt(key, aesRaw(key, Buffer.alloc(16, 16))))).toBe('bad_length');
	});

	test('a pad of exactly 32 is valid (WeCom pads whole 32-byte blocks)', () => {
		const random = Buffer.alloc(16, 7);
		// 16 + 4 + 8 + 4 = 32 bytes: PKCS#7 to 32 adds a full block of 32s.
		const plain = plaintextOf('<x></x>!', 'corp', { random });
		expect(plain.length).toBe(32);
		expect(decryptFor(key, aesRaw(key, pad32(plain)), 'corp')).toBe('<x></x>!');
	});

	test('a length field beyond the plaintext is refused', () => {
		const plain = plaintextOf('<xml/>', corp, { lengthField: 4000 });
		expect(codeOf(() => decrypt(key, aesRaw(key, pad32(plain))))).toBe('bad_length');
		const huge = plaintextOf('<xml/>', corp, { lengthField: 0xffffffff });
		expect(codeOf(() => decrypt(key, aesRaw(key, pad32(huge))))).toBe('bad_length');
	});

	test('ciphertexts that are not whole AES blocks are refused', () => {
		expect(codeOf(() => decrypt(key, Buffer.alloc(40, 1).toString('base64')))).toBe('bad_length');
		expect(codeOf(() => decrypt(key, Buffer.alloc(8, 1).toString('base64')))).toBe('bad_length');
	});

	test('error messages never contain the key or the decrypted text', () => {
		const plain = plaintextOf('SECRET-PAYLOAD', 'ww-other-corp');
		try {
			decryptFor(key, aesRaw(key, pad32(plain)), corp);
			throw new Error('expected a failure');
		} catch (error) {
			const message = (error as Error).message;
			expect(message).not.toContain(key);
			expect(message).not.toContain('SECRET-PAYLOAD');
			expect(message).not.toContain('ww-other-corp');
		}
	});
});

describe('xml', () => {
	test('values are exact: split CDATA, <, &, Chinese, empty elements, entities in text', () => {
		const xml =
			'<xml><A><![CDATA[a]]]]><![CDATA[>b]]></A><B><![CDATA[x < & 中文]]></B><C></C><D/>' +
			'<E><![CDATA[]]></E><F>t&amp;&lt;&#x4E2D;&#25991;</F><G><![CDATA[&amp;]]></G><H>  spaced  </H></xml>';
		expect(parseWeComXml(xml)).toEqual({
			A: 'a]]>b',
			B: 'x < & 中文',
			C: '',
			D: '',
			E: '',
			F: 't&<中文',
			G: '&amp;',
			H: '  spaced  ',
		});
	});

	test('CreateTime becomes a number, other values stay strings', () => {
		const event = parseEvent(eventXml(addContactEvent({ CreateTime: 1700000001, UserID: '007' })));
		expect(event.CreateTime).toBe(1700000001);
		expect(event.UserID).toBe('007');
	});

	test('nested and repeated elements are kept', () => {
		expect(parseWeComXml('<xml><A><B>1</B><B>2</B></A><C>x</C></xml>')).toEqual({
			A: { B: ['1', '2'] },
			C: 'x',
		});
	});

	test.each([
		['DOCTYPE', '<!DOCTYPE xml [<!ENTITY a "b">]><xml><A>&a;</A></xml>'],
		['lower-case doctype', '<!doctype xml><xml><A>1</A></xml>'],
		['ENTITY alone', '<xml><!ENTITY a "b"><A>1</A></xml>'],
		['undeclared entity', '<xml><A>&lol;</A></xml>'],
		['bare ampersand', '<xml><A>a & b</A></xml>'],
		['bad character reference', '<xml><A>&#0;</A></xml>'],
		['unclosed', '<xml><A>1</A>'],
		['mismatched', '<xml><A>1</B></xml>'],
		['two roots', '<xml><A>1</A></xml><xml/>'],
		['wrong root', '<root><A>1</A></root>'],
		['not xml', 'hello'],
		['empty', ''],
		['root without children', '<xml>text</xml>'],
		['prototype key', '<xml><__proto__>1</__proto__></xml>'],
	])('refuses %s', (_name, xml) => {
		expect(['bad_xml']).toContain(codeOf(() => parseWeComXml(xml)));
	});

	test('a non-numeric CreateTime and a nested Encrypt are refused', () => {
		expect(codeOf(() => parseEvent('<xml><CreateTime>soon</CreateTime></xml>'))).toBe('bad_xml');
		expect(codeOf(() => parseEnvelope('<xml><Encrypt><A>1</A></Encrypt></xml>'))).toBe('bad_xml');
		expect(codeOf(() => parseEnvelope('<xml><ToUserName>x</ToUserName></xml>'))).toBe(
			'missing_param',
		);
	});

	test('oversize documents are refused before parsing', () => {
		expect(codeOf(() => parseWeComXml(`<xml><A>${'x'.repeat(70 * 1024)}</A></xml>`))).toBe(
			'too_large',
		);
	});
});

describe('dedupe', () => {
	test('a key is refused while it lives and accepted again after the TTL', () => {
		const set = new TtlSet(1000, 10);
		expect(set.addIfAbsent('a', 0)).toBe(true);
		expect(set.addIfAbsent('a', 999)).toBe(false);
		expect(set.addIfAbsent('a', 1000)).toBe(true);
	});

	test('the set is bounded: the oldest entries go first', () => {
		const set = new TtlSet(60_000, 3);
		for (const key of ['a', 'b', 'c', 'd']) set.addIfAbsent(key, 0);
		expect(set.size).toBe(3);
		expect(set.addIfAbsent('a', 1)).toBe(true);
		expect(set.addIfAbsent('d', 1)).toBe(false);
	});

	test('eventKey of contact changes is WeCom’s duplicate key: re-encryption, FromUserName and State do not change it', () => {
		const event = parseEvent(eventXml(addContactEvent()));
		const again = parseEvent(
			eventXml(addContactEvent({ FromUserName: 'other', State: 'changed' })),
		);
		expect(eventKey(event)).toMatch(/^[0-9a-f]{32}$/);
		expect(eventKey(event)).toBe(eventKey(again));
		const changes: Array<Record<string, string | number>> = [
			{ CreateTime: 1700000009 },
			{ UserID: 'lisi' },
			{ ExternalUserID: 'wmOther' },
			{ ChangeType: 'del_follow_user' },
			{ ToUserName: 'wwOtherCorp' },
		];
		for (const change of changes) {
			expect(eventKey(parseEvent(eventXml(addContactEvent(change))))).not.toBe(eventKey(event));
		}
	});
});

describe('filter', () => {
	const settings = (events: string[], onlyWithWelcomeCode = false): TriggerSettings => ({
		events,
		onlyWithWelcomeCode,
		dropRedeliveries: true,
		includeRawXml: false,
		replayWindowSeconds: 300,
		filters: NO_FILTERS,
	});
	const add = parseEvent(eventXml(addContactEvent()));
	const edit = parseEvent(
		eventXml(addContactEvent({ ChangeType: 'edit_external_contact', WelcomeCode: '' })),
	);
	const chat = parseEvent(
		eventXml({ MsgType: 'event', Event: 'change_external_chat', ChatId: 'wr1', CreateTime: 1 }),
	);

	test('selected ChangeTypes pass, others do not; * passes every event', () => {
		expect(passesFilter(add, settings(['add_external_contact']))).toBe(true);
		expect(passesFilter(edit, settings(['add_external_contact']))).toBe(false);
		expect(passesFilter(chat, settings(['add_external_contact', 'edit_external_contact']))).toBe(
			false,
		);
		expect(passesFilter(chat, settings(['*']))).toBe(true);
		expect(passesFilter(edit, settings([]))).toBe(false);
	});

	test('onlyWithWelcomeCode needs a non-empty WelcomeCode', () => {
		expect(passesFilter(add, settings(['*'], true))).toBe(true);
		expect(passesFilter(edit, settings(['*'], true))).toBe(false);
	});
});

describe('stable shape', () => {
	test('Item lists are arrays for one, two and no entries; documented integers are numbers', () => {
		const one = parseEvent(
			'<xml><MemChangeList><Item>wm1</Item></MemChangeList><MemChangeCnt>1</MemChangeCnt><JoinScene>3</JoinScene></xml>',
		);
		expect(one).toEqual({ MemChangeList: ['wm1'], MemChangeCnt: 1, JoinScene: 3 });
		const two = parseEvent(
			'<xml><MemChangeList><Item>wm1</Item><Item><![CDATA[wm2]]></Item></MemChangeList><QuitScene>0</QuitScene></xml>',
		);
		expect(two).toEqual({ MemChangeList: ['wm1', 'wm2'], QuitScene: 0 });
		expect(parseEvent('<xml><MemChangeList></MemChangeList></xml>')).toEqual({ MemChangeList: [] });
		// Another list WeCom might add later follows the same rule.
		expect(parseEvent('<xml><Other><Item>a</Item></Other></xml>')).toEqual({ Other: ['a'] });
	});

	test('an empty number element is null (0 is a real scene); garbage is refused', () => {
		expect(parseEvent('<xml><JoinScene></JoinScene></xml>')).toEqual({ JoinScene: null });
		expect(codeOf(() => parseEvent('<xml><JoinScene>QR</JoinScene></xml>'))).toBe('bad_xml');
		expect(codeOf(() => parseEvent('<xml><MemChangeCnt><A>1</A></MemChangeCnt></xml>'))).toBe(
			'bad_xml',
		);
		expect(parseEvent('<xml><LastMemVer>0012</LastMemVer></xml>')).toEqual({ LastMemVer: '0012' });
	});
});

describe('replay window bounds', () => {
	test('default 300 s, kept inside 60…3600; the offset is signed seconds', () => {
		expect(REPLAY_WINDOW_DEFAULT_S).toBe(300);
		expect(replayWindowSeconds(undefined)).toBe(300);
		expect(replayWindowSeconds(5)).toBe(60);
		expect(replayWindowSeconds(99999)).toBe(3600);
		expect(replayWindowSeconds(120)).toBe(120);
		expect(clockOffsetSeconds('1000', 1_010_500)).toBe(-10);
		expect(codeOf(() => assertFresh('1000', 1_300_000, 300))).toBe('no error');
		expect(codeOf(() => assertFresh('1000', 1_301_000, 300))).toBe('stale_timestamp');
		expect(codeOf(() => assertFresh('2000', 1_000_000, 300))).toBe('stale_timestamp');
		expect(codeOf(() => assertFresh('17e8', 1_000_000, 300))).toBe('missing_param');
	});
});

describe('filter settings', () => {
	test('member ids are split on commas and new lines, trimmed; unset filters are empty', () => {
		expect(filtersFrom({ memberUserIds: ' a, b\nc ,,' }).memberUserIds).toEqual(['a', 'b', 'c']);
		expect(filtersFrom({})).toEqual(NO_FILTERS);
		expect(
			filtersFrom({ state: 'x', stateMatch: 'startsWith', joinScenes: [3, '0'] }),
		).toMatchObject({ state: 'x', stateMatch: 'startsWith', joinScenes: [3, 0] });
	});
});

describe('setup warnings', () => {
	beforeEach(() => resetSetupWarnings());

	test('one per trigger, check and phase per interval; the next one counts what was held back', () => {
		expect(setupWarning('wf:n', 'signature', 'event', 0)).toMatch(
			/^WeCom Trigger \(event\): .*Callback Token/,
		);
		expect(setupWarning('wf:n', 'signature', 'event', 1000)).toBeUndefined();
		expect(setupWarning('wf:n', 'signature', 'URL verification', 1000)).toBeDefined();
		expect(setupWarning('wf:other', 'signature', 'event', 1000)).toBeDefined();
		expect(setupWarning('wf:n', 'decryption', 'event', 1000)).toMatch(/EncodingAESKey/);
		expect(setupWarning('wf:n', 'signature', 'event', 2000)).toBeUndefined();
		expect(setupWarning('wf:n', 'signature', 'event', WARNING_INTERVAL_MS)).toMatch(
			/\(2 more like this since the last warning\)$/,
		);
	});

	test('only failures a correct setup never sees are diagnosed', () => {
		const check = (code: CallbackErrorCode) => setupCheckOf(new CallbackError(code, 'x'));
		expect(check('bad_signature')).toBe('signature');
		expect(check('bad_padding')).toBe('decryption');
		expect(check('wrong_receiver')).toBe('corp_id');
		expect(check('bad_key')).toBe('credential');
		expect(check('stale_timestamp')).toBe('clock');
		expect(check('missing_param')).toBeUndefined();
		expect(check('bad_xml')).toBeUndefined();
	});
});

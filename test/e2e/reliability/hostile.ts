/**
 * Hostile and broken WeCom callbacks for the trigger's production URL. Every case is something
 * WeCom never sends; each must be refused with a 4xx, start no workflow and leak no secret.
 * Ciphertexts are built byte by byte (./crypto) so each case breaks exactly one thing; where a
 * case is about the inner XML, the encryption and signature are valid so only that XML is wrong.
 */
import { randomBytes } from 'node:crypto';

import {
	encryptMessage as encrypt,
	encryptPadded,
	pad32,
	plaintextOf,
	randomNonce,
	signature,
} from '../../../tools/sandbox/callback/crypto';
import { envelope, eventXml, signedQuery, timestamp, type CallbackSecrets } from './request';

export interface HostileCase {
	name: string;
	method: string;
	query?: Record<string, string | string[]> | string;
	body?: string | Buffer;
	headers?: Record<string, string>;
	/** What the trigger itself answers for this case (n8n may answer first, e.g. 404 for a method). */
	expected: number;
	timeoutMs?: number;
}

export interface HostileInputs {
	secrets: CallbackSecrets;
	/** A fresh, valid add_external_contact event with a live WelcomeCode (a run would be visible as a send_welcome_msg). */
	event: () => Record<string, string | number>;
	/** The sandbox's own builder, for the wrong-receiver case. */
	buildCallback: (
		event: Record<string, string | number>,
		opts?: { receiveId?: string },
	) => { query: Record<string, string>; body: string };
}

const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A base64 alphabet character with its lowest bit(s) changed: same bytes when decoded, not canonical. */
function nonCanonical(b64: string): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
	if (padding === 0) throw new Error('need a ciphertext whose base64 ends with padding');
	const at = b64.length - padding - 1;
	const index = alphabet.indexOf(b64[at]);
	const stray = padding === 1 ? 0b11 : 0b1111;
	const changed = (index & ~stray) | ((index + 1) & stray);
	return b64.slice(0, at) + alphabet[changed] + b64.slice(at + 1);
}

export function hostileCases({ secrets, event, buildCallback }: HostileInputs): HostileCase[] {
	const { corpId, callbackToken, encodingAESKey } = secrets;
	const inner = () => eventXml(event());
	const validEncrypt = () => encrypt(encodingAESKey, inner(), corpId);

	/** A correctly signed POST carrying this Encrypt value. */
	const post = (
		name: string,
		encrypted: string,
		expected: number,
		extra: Partial<HostileCase> = {},
	): HostileCase => ({
		name,
		method: 'POST',
		query: signedQuery(secrets, encrypted),
		body: envelope(encrypted, corpId),
		expected,
		...extra,
	});
	/** Encrypts raw, already padded plaintext bytes. */
	const raw = (bytes: Buffer) => encryptPadded(encodingAESKey, bytes);
	/** A valid plaintext whose PKCS#7 pad value is at least 2 (so one pad byte can be changed). */
	const paddedWithRoom = () => {
		for (let extra = 0; extra < 4; extra++) {
			const padded = pad32(plaintextOf(inner() + ' '.repeat(extra), corpId));
			if (padded[padded.length - 1] >= 2) return padded;
		}
		throw new Error('unreachable');
	};
	/** Properly encrypted and signed, but the inner XML is `xml`. */
	const innerCase = (name: string, xml: string | Buffer, expected = 400) =>
		post(name, encrypt(encodingAESKey, xml, corpId), expected);
	/** A correctly signed POST whose outer body is `body` (its Encrypt is valid). */
	const outer = (
		name: string,
		make: (encrypted: string) => string | Buffer,
		expected = 400,
		headers?: Record<string, string>,
	): HostileCase => {
		const encrypted = validEncrypt();
		return {
			name,
			method: 'POST',
			query: signedQuery(secrets, encrypted),
			body: make(encrypted),
			expected,
			headers,
		};
	};
	const valid = () => {
		const encrypted = validEncrypt();
		return { encrypted, query: signedQuery(secrets, encrypted), body: envelope(encrypted, corpId) };
	};
	const echo = (plain: string, receiveId = corpId) => encrypt(encodingAESKey, plain, receiveId);

	const cases: HostileCase[] = [];

	// --- signature -----------------------------------------------------------------------------
	{
		const v = valid();
		cases.push({
			name: 'wrong signature (random sha1)',
			method: 'POST',
			query: { ...v.query, msg_signature: randomHex(20) },
			body: v.body,
			expected: 401,
		});
	}
	{
		const v = valid();
		cases.push({
			name: 'signature truncated by one character',
			method: 'POST',
			query: { ...v.query, msg_signature: v.query.msg_signature.slice(0, 39) },
			body: v.body,
			expected: 401,
		});
	}
	{
		const encrypted = validEncrypt();
		const ts = timestamp();
		const n = randomNonce();
		cases.push({
			name: 'signed with another callback Token',
			method: 'POST',
			query: {
				msg_signature: signature(`${callbackToken}x`, ts, n, encrypted),
				timestamp: ts,
				nonce: n,
			},
			body: envelope(encrypted, corpId),
			expected: 401,
		});
	}
	{
		const a = valid();
		const b = valid();
		cases.push({
			name: 'replayed signature with an altered body',
			method: 'POST',
			query: a.query,
			body: b.body,
			expected: 401,
		});
	}
	{
		const v = valid();
		cases.push({
			name: 'replayed signature with an altered timestamp',
			method: 'POST',
			query: { ...v.query, timestamp: String(Number(v.query.timestamp) + 1) },
			body: v.body,
			expected: 401,
		});
	}

	// --- receiver and key ----------------------------------------------------------------------
	{
		const built = buildCallback(event(), { receiveId: 'wrongcorp' });
		cases.push({
			name: 'encrypted for another corp id (receiveId wrongcorp)',
			method: 'POST',
			query: built.query,
			body: built.body,
			expected: 403,
		});
	}
	{
		const otherKey = randomBytes(32).toString('base64').slice(0, 43);
		cases.push(
			post('encrypted with another EncodingAESKey', encrypt(otherKey, inner(), corpId), 400),
		);
	}

	// --- ciphertext shape ----------------------------------------------------------------------
	{
		const bytes = Buffer.from(validEncrypt(), 'base64');
		cases.push(
			post(
				'ciphertext truncated by one AES block',
				bytes.subarray(0, bytes.length - 16).toString('base64'),
				400,
			),
		);
		cases.push(
			post(
				'ciphertext truncated by 5 bytes (misaligned)',
				bytes.subarray(0, bytes.length - 5).toString('base64'),
				400,
			),
		);
		cases.push(
			post(
				'over-long ciphertext (one extra random block)',
				Buffer.concat([bytes, randomBytes(16)]).toString('base64'),
				400,
			),
		);
		cases.push(
			post(
				'misaligned ciphertext (3 extra bytes)',
				Buffer.concat([bytes, randomBytes(3)]).toString('base64'),
				400,
			),
		);
		cases.push(
			post(
				'ciphertext shorter than one AES block (8 bytes)',
				randomBytes(8).toString('base64'),
				400,
			),
		);
	}
	cases.push(
		post(
			'valid padding with nothing inside (one block of 32 pad bytes)',
			raw(Buffer.alloc(32, 32)),
			400,
		),
	);

	// --- padding -------------------------------------------------------------------------------
	{
		const padded = paddedWithRoom();
		padded[padded.length - 1] = 0;
		cases.push(post('padding byte 0', raw(padded), 400));
	}
	{
		const plain = plaintextOf(inner(), corpId);
		const n = 33 + ((16 - ((plain.length + 33) % 16)) % 16);
		cases.push(
			post(
				'padding byte 33 (over the 32-byte block)',
				raw(Buffer.concat([plain, Buffer.alloc(n, 33)])),
				400,
			),
		);
	}
	{
		const padded = paddedWithRoom();
		padded[padded.length - 2] ^= 0xff;
		cases.push(post('inconsistent padding bytes', raw(padded), 400));
	}
	{
		const xml = inner();
		cases.push(
			post(
				'length field beyond the plaintext',
				raw(pad32(plaintextOf(xml, corpId, { lengthField: Buffer.byteLength(xml) + 1000 }))),
				400,
			),
		);
		cases.push(
			post(
				'length field too short (tail read as the receive id)',
				raw(pad32(plaintextOf(xml, corpId, { lengthField: Buffer.byteLength(xml) - 7 }))),
				403,
			),
		);
	}

	// --- base64 --------------------------------------------------------------------------------
	cases.push(post('Encrypt is not base64', 'this*is!not~base64', 400));
	{
		const b64 = validEncrypt();
		cases.push(
			post('base64 with a line break (MIME style)', `${b64.slice(0, 20)}\n${b64.slice(20)}`, 400),
		);
		const urlSafe = b64.replace(/\+/g, '-').replace(/\//g, '_');
		// Force at least one URL-alphabet character even if the ciphertext had no + or /.
		cases.push(
			post('URL-safe base64 alphabet', urlSafe === b64 ? `-${b64.slice(1)}` : urlSafe, 400),
		);
	}
	{
		// Ciphertexts are 32·k bytes; their base64 has '=' padding (and so stray bits) unless 3 divides k.
		// Trailing spaces after </xml> are allowed, so grow the message until the length fits.
		const xml = inner();
		let b64 = encrypt(encodingAESKey, xml, corpId);
		for (let extra = 16; extra <= 96 && !b64.endsWith('='); extra += 16)
			b64 = encrypt(encodingAESKey, xml + ' '.repeat(extra), corpId);
		cases.push(post('non-canonical base64 (stray bits in the last group)', nonCanonical(b64), 400));
	}

	// --- outer XML (the envelope) ----------------------------------------------------------------
	cases.push(post('empty Encrypt element', '', 400));
	cases.push(
		outer('no Encrypt element', () => `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName></xml>`),
	);
	cases.push(
		outer(
			'two Encrypt elements',
			(e) => `<xml><Encrypt><![CDATA[${e}]]></Encrypt><Encrypt><![CDATA[${e}]]></Encrypt></xml>`,
		),
	);
	cases.push(
		outer('Encrypt with a nested element', (e) => `<xml><Encrypt><a>${e}</a></Encrypt></xml>`),
	);
	cases.push(
		outer(
			'outer XML with DOCTYPE and an external entity',
			(e) =>
				`<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>&xxe;</ToUserName><Encrypt><![CDATA[${e}]]></Encrypt></xml>`,
		),
	);
	cases.push(
		outer(
			'outer XML billion laughs',
			(e) =>
				`<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><xml><ToUserName>&lol9;</ToUserName><Encrypt><![CDATA[${e}]]></Encrypt></xml>`,
		),
	);
	cases.push(
		outer(
			'malformed outer XML (unclosed element)',
			(e) => `<xml><ToUserName>${corpId}<Encrypt><![CDATA[${e}]]></Encrypt></xml>`,
		),
	);
	cases.push(
		outer(
			'outer root element is not <xml>',
			(e) => `<root><Encrypt><![CDATA[${e}]]></Encrypt></root>`,
		),
	);
	cases.push(
		outer(
			'JSON body instead of XML',
			(e) => JSON.stringify({ ToUserName: corpId, Encrypt: e }),
			400,
			{ 'Content-Type': 'application/json' },
		),
	);
	cases.push(
		outer('outer body is not UTF-8', (e) =>
			Buffer.concat([
				Buffer.from(`<xml><ToUserName>`),
				Buffer.from([0xc3, 0x28, 0xff]),
				Buffer.from(`</ToUserName><Encrypt><![CDATA[${e}]]></Encrypt></xml>`),
			]),
		),
	);
	{
		const big = 'A'.repeat(70 * 1024);
		cases.push({
			name: '70 KB body (over the trigger limit of 64 KB)',
			method: 'POST',
			query: signedQuery(secrets, big),
			body: envelope(big, corpId),
			expected: 413,
		});
	}
	{
		const huge = 'A'.repeat(10 * 1024 * 1024);
		cases.push({
			name: '10 MB body',
			method: 'POST',
			query: signedQuery(secrets, huge),
			body: envelope(huge, corpId),
			expected: 413,
			timeoutMs: 60_000,
		});
	}

	// --- inner XML (decrypted event), properly encrypted and signed -------------------------------
	const ev = event();
	const fields = eventXml(ev).slice('<xml>'.length, -'</xml>'.length);
	cases.push(
		innerCase(
			'inner XML with a DOCTYPE',
			`<!DOCTYPE xml [<!ENTITY name "x">]><xml>${fields}</xml>`,
		),
	);
	cases.push(
		innerCase(
			'inner XML with an external entity (XXE)',
			`<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><State>&xxe;</State>${fields}</xml>`,
		),
	);
	cases.push(
		innerCase(
			'inner XML billion laughs',
			`<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><xml><State>&lol9;</State>${eventXml(event()).slice(5, -6)}</xml>`,
		),
	);
	cases.push(
		innerCase('inner XML malformed', `<xml>${eventXml(event()).slice(5, -6)}<Broken></xml>`),
	);
	cases.push(
		innerCase(
			'inner plaintext is not UTF-8',
			Buffer.concat([
				Buffer.from(eventXml(event()).slice(0, -6)),
				Buffer.from([0xed, 0xa0, 0x80]),
				Buffer.from('</xml>'),
			]),
		),
	);
	cases.push(
		innerCase(
			'inner XML with a __proto__ element',
			`<xml><__proto__><polluted>1</polluted></__proto__>${eventXml(event()).slice(5, -6)}</xml>`,
		),
	);
	cases.push(
		innerCase(
			'inner CreateTime is not a number',
			eventXml({ ...event(), CreateTime: 'yesterday' }),
		),
	);
	cases.push(
		innerCase(
			'inner XML with an undefined entity',
			`<xml><State>&undefined;</State>${eventXml(event()).slice(5, -6)}</xml>`,
		),
	);

	// --- query parameters ------------------------------------------------------------------------
	for (const missing of ['msg_signature', 'timestamp', 'nonce']) {
		const v = valid();
		const query = { ...v.query };
		delete query[missing];
		cases.push({ name: `missing ${missing}`, method: 'POST', query, body: v.body, expected: 400 });
	}
	{
		const v = valid();
		cases.push({
			name: 'msg_signature given twice',
			method: 'POST',
			query: { ...v.query, msg_signature: [v.query.msg_signature, v.query.msg_signature] },
			body: v.body,
			expected: 400,
		});
	}
	{
		const encrypted = validEncrypt();
		const ts = timestamp();
		const longNonce = '9'.repeat(300);
		cases.push({
			name: 'over-long nonce (300 characters), correctly signed',
			method: 'POST',
			query: {
				msg_signature: signature(callbackToken, ts, longNonce, encrypted),
				timestamp: ts,
				nonce: longNonce,
			},
			body: envelope(encrypted, corpId),
			expected: 400,
		});
	}
	{
		const v = valid();
		cases.push({
			name: 'no query string at all',
			method: 'POST',
			query: undefined,
			body: v.body,
			expected: 400,
		});
	}

	// --- methods and bodies ----------------------------------------------------------------------
	for (const method of ['PUT', 'DELETE', 'PATCH']) {
		const v = valid();
		cases.push({
			name: `${method} with a valid callback`,
			method,
			query: v.query,
			body: v.body,
			expected: 405,
		});
	}
	{
		const v = valid();
		cases.push({
			name: 'POST with an empty body',
			method: 'POST',
			query: v.query,
			body: '',
			expected: 400,
		});
	}

	// --- URL verification (GET) --------------------------------------------------------------------
	{
		const echostr = echo('1616140317555161061');
		const q = signedQuery(secrets, echostr);
		cases.push({
			name: 'GET with a bad echostr signature',
			method: 'GET',
			query: { ...q, msg_signature: randomHex(20), echostr },
			expected: 401,
		});
	}
	{
		const echostr = echo('1616140317555161062', 'wrongcorp');
		cases.push({
			name: 'GET echostr encrypted for another corp id',
			method: 'GET',
			query: { ...signedQuery(secrets, echostr), echostr },
			expected: 403,
		});
	}
	{
		const echostr = echo('1616140317555161063');
		cases.push({
			name: 'GET without echostr',
			method: 'GET',
			query: signedQuery(secrets, echostr),
			expected: 400,
		});
	}
	{
		const echostr = 'not-base64!!';
		cases.push({
			name: 'GET echostr not base64, correctly signed',
			method: 'GET',
			query: { ...signedQuery(secrets, echostr), echostr },
			expected: 400,
		});
	}
	{
		const echostr = 'A'.repeat(5000);
		cases.push({
			name: 'GET echostr over 4096 characters, correctly signed',
			method: 'GET',
			query: { ...signedQuery(secrets, echostr), echostr },
			expected: 400,
		});
	}
	return cases;
}

import { createDecipheriv, createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptMessage, signature } from '../../../tools/sandbox/callback/crypto';
import { useSandbox } from './client';

// WeCom's published sample (see wecom-api-facts.md).
const VECTOR = {
	token: 'QDG6eK',
	corpId: 'wx5823bf96d3bd56c7',
	key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
	timestamp: '1409659589',
	nonce: '263014780',
	signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
	echostr:
		'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
	plaintext: '1616140317555161061',
};

/** Deliberately separate, strict decrypt used only to check the sandbox's encrypt. */
function decrypt(
	encodingAESKey: string,
	b64: string,
): { random: Buffer; message: string; receiveId: string } {
	const key = Buffer.from(encodingAESKey + '=', 'base64');
	const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
	d.setAutoPadding(false);
	const plain = Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]);
	expect(plain.length % 32).toBe(0);
	const pad = plain[plain.length - 1];
	expect(pad).toBeGreaterThanOrEqual(1);
	expect(pad).toBeLessThanOrEqual(32);
	expect([...plain.subarray(plain.length - pad)].every((b) => b === pad)).toBe(true);
	const body = plain.subarray(0, plain.length - pad);
	const len = body.readUInt32BE(16);
	return {
		random: body.subarray(0, 16),
		message: body.subarray(20, 20 + len).toString('utf8'),
		receiveId: body.subarray(20 + len).toString('utf8'),
	};
}

const sha1 = (parts: string[]) =>
	createHash('sha1')
		.update([...parts].sort().join(''))
		.digest('hex');

describe('sandbox callback crypto', () => {
	const { sb } = useSandbox();

	it('matches the published known-answer vector', () => {
		expect(sha1([VECTOR.token, VECTOR.timestamp, VECTOR.nonce, VECTOR.echostr])).toBe(
			VECTOR.signature,
		);
		expect(signature(VECTOR.token, VECTOR.timestamp, VECTOR.nonce, VECTOR.echostr)).toBe(
			VECTOR.signature,
		);
		const d = decrypt(VECTOR.key, VECTOR.echostr);
		expect(d.message).toBe(VECTOR.plaintext);
		expect(d.receiveId).toBe(VECTOR.corpId);
		// Same random prefix in → byte-identical ciphertext out: the encrypt side is exactly WeCom's.
		expect(encryptMessage(VECTOR.key, VECTOR.plaintext, VECTOR.corpId, d.random)).toBe(
			VECTOR.echostr,
		);
	});

	it('round-trips multi-byte messages across the 32-byte padding boundary', () => {
		for (let n = 0; n < 70; n++) {
			const msg = '欢'.repeat(n % 5) + 'x'.repeat(n);
			const enc = encryptMessage(VECTOR.key, msg, 'ww123');
			expect(decrypt(VECTOR.key, enc)).toMatchObject({ message: msg, receiveId: 'ww123' });
		}
		expect(() => encryptMessage('short', 'x', 'y')).toThrow();
	});

	it('buildCallback: envelope, signature and inner XML', () => {
		const event = {
			ToUserName: 'ww5a1b2c3d4e5f6789',
			CreateTime: 1700000000,
			State: 'a]]>b',
			MsgType: 'event',
		};
		const built = sb().buildCallback(event, {
			timestamp: '1700000001',
			nonce: '42',
			agentId: '1000002',
		});
		expect(built.plaintextXml).toBe(
			'<xml><ToUserName><![CDATA[ww5a1b2c3d4e5f6789]]></ToUserName><CreateTime>1700000000</CreateTime>' +
				'<State><![CDATA[a]]]]><![CDATA[>b]]></State><MsgType><![CDATA[event]]></MsgType></xml>',
		);
		const m =
			/^<xml><ToUserName><!\[CDATA\[(.+?)\]\]><\/ToUserName><Encrypt><!\[CDATA\[(.+?)\]\]><\/Encrypt><AgentID><!\[CDATA\[1000002\]\]><\/AgentID><\/xml>$/.exec(
				built.body,
			);
		expect(m).not.toBeNull();
		expect(m![1]).toBe(sb().config.corpId);
		const encrypted = m![2];
		expect(built.query).toEqual({
			msg_signature: sha1([sb().config.callbackToken, '1700000001', '42', encrypted]),
			timestamp: '1700000001',
			nonce: '42',
		});
		expect(decrypt(sb().config.encodingAESKey, encrypted)).toMatchObject({
			message: built.plaintextXml,
			receiveId: sb().config.corpId,
		});
		expect(sb().buildCallback(event).body).not.toContain('AgentID');
		const other = sb().buildCallback(event, { receiveId: 'wwOther' });
		const enc2 = /<Encrypt><!\[CDATA\[(.+?)\]\]>/.exec(other.body)![1];
		expect(decrypt(sb().config.encodingAESKey, enc2).receiveId).toBe('wwOther');
	});

	it('buildEcho signs and encrypts the echostr', () => {
		const echo = sb().buildEcho('1234567890');
		expect(echo.plaintext).toBe('1234567890');
		const { msg_signature, timestamp, nonce, echostr } = echo.query;
		expect(msg_signature).toBe(sha1([sb().config.callbackToken, timestamp, nonce, echostr]));
		expect(decrypt(sb().config.encodingAESKey, echostr)).toMatchObject({
			message: '1234567890',
			receiveId: sb().config.corpId,
		});
		expect(sb().buildEcho().plaintext).toMatch(/^\d{10,19}$/);
	});

	it('addExternalContactEvent + emitCallback deliver a realistic event', async () => {
		const event = sb().addExternalContactEvent({ userId: 'lisi', state: 'qr-7' });
		expect(event).toMatchObject({
			ToUserName: sb().config.corpId,
			FromUserName: 'sys',
			MsgType: 'event',
			Event: 'change_external_contact',
			ChangeType: 'add_external_contact',
			UserID: 'lisi',
			ExternalUserID: expect.stringMatching(/^wm/),
			State: 'qr-7',
			WelcomeCode: expect.any(String),
		});
		expect(typeof event.CreateTime).toBe('number');
		expect('WelcomeCode' in sb().addExternalContactEvent({ withWelcomeCode: false })).toBe(false);

		let received = '';
		let query: URLSearchParams | undefined;
		const server = createServer((req, res) => {
			query = new URL(req.url ?? '', 'http://x').searchParams;
			req.on('data', (c) => (received += c));
			req.on('end', () => res.end(''));
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		try {
			const res = await sb().emitCallback(
				`http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`,
				event,
			);
			expect(res).toEqual({ status: 200, body: '', ms: expect.any(Number) });
			const enc = /<Encrypt><!\[CDATA\[(.+?)\]\]>/.exec(received)![1];
			expect(query!.get('msg_signature')).toBe(
				sha1([sb().config.callbackToken, query!.get('timestamp')!, query!.get('nonce')!, enc]),
			);
			const inner = decrypt(sb().config.encodingAESKey, enc).message;
			expect(inner).toContain(`<WelcomeCode><![CDATA[${event.WelcomeCode}]]></WelcomeCode>`);
			expect(inner).toContain(`<CreateTime>${event.CreateTime}</CreateTime>`);
		} finally {
			server.close();
		}
	});
});

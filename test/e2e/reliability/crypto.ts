/**
 * WeCom callback encryption (WXBizMsgCrypt, encrypt side), written from the published scheme with
 * node:crypto only, so hostile callbacks can be built byte by byte: custom padding, length fields,
 * truncated or misaligned ciphertexts, and properly encrypted hostile inner XML.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

export interface CallbackSecrets {
	corpId: string;
	callbackToken: string;
	encodingAESKey: string;
}

export function aesKey(encodingAESKey: string): Buffer {
	const key = Buffer.from(`${encodingAESKey}=`, 'base64');
	if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
	return key;
}

/** 16 random ‖ uint32 BE length ‖ message ‖ receiveId, unpadded; `lengthField` overrides the length. */
export function plaintext(message: string | Buffer, receiveId: string, lengthField?: number): Buffer {
	const msg = Buffer.isBuffer(message) ? message : Buffer.from(message, 'utf8');
	const length = Buffer.alloc(4);
	length.writeUInt32BE(lengthField ?? msg.length, 0);
	return Buffer.concat([randomBytes(16), length, msg, Buffer.from(receiveId, 'utf8')]);
}

/** PKCS#7 to 32-byte blocks, as WeCom pads. */
export function pad32(data: Buffer): Buffer {
	const n = 32 - (data.length % 32);
	return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/** AES-256-CBC (IV = key[0..16)) over bytes whose length is a multiple of 16; no automatic padding. */
export function aesEncrypt(encodingAESKey: string, bytes: Buffer): Buffer {
	const key = aesKey(encodingAESKey);
	const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(bytes), cipher.final()]);
}

/** The base64 `Encrypt` value for a message, correctly padded. */
export function encrypt(encodingAESKey: string, message: string | Buffer, receiveId: string): string {
	return aesEncrypt(encodingAESKey, pad32(plaintext(message, receiveId))).toString('base64');
}

export function sign(token: string, timestamp: string, nonce: string, encrypted: string): string {
	return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join(''), 'utf8').digest('hex');
}

export function nonce(): string {
	return String(randomBytes(4).readUInt32BE(0));
}

export function timestamp(): string {
	return String(Math.floor(Date.now() / 1000));
}

/** A correctly signed query for this Encrypt value (or echostr). */
export function signedQuery(secrets: CallbackSecrets, encrypted: string): Record<string, string> {
	const ts = timestamp();
	const n = nonce();
	return { msg_signature: sign(secrets.callbackToken, ts, n, encrypted), timestamp: ts, nonce: n };
}

export function cdata(value: string): string {
	return `<![CDATA[${value}]]>`;
}

/** The POST body WeCom sends: <xml><ToUserName/><Encrypt/><AgentID/></xml>. */
export function envelope(encrypted: string, corpId: string): string {
	return `<xml><ToUserName>${cdata(corpId)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt><AgentID>${cdata('')}</AgentID></xml>`;
}

/** An event as WeCom writes it: strings in CDATA, numbers bare. */
export function eventXml(fields: Record<string, string | number>): string {
	return `<xml>${Object.entries(fields)
		.map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}>${cdata(v)}</${k}>`))
		.join('')}</xml>`;
}

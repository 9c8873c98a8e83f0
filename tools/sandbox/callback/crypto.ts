/**
 * WeCom's WXBizMsgCrypt, encrypt side only (the sender: WeCom): AES-256-CBC of the callback
 * message and its msg_signature. Written from the published scheme on purpose, without sharing
 * code with the package's decrypt (nodes/WeComTrigger/callback/cipher.ts), so each implementation
 * checks the other. The one copy: the sandbox, the tests and the benchmarks all encrypt with it;
 * the building blocks (plaintextOf, pad32, encryptPadded) let tests build broken callbacks byte by byte.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/** WeCom pads to 32-byte blocks, not AES's 16, so padding is done by hand. */
const PAD_BLOCK = 32;

export function aesKeyFrom(encodingAESKey: string): Buffer {
	if (encodingAESKey.length !== 43) throw new Error('EncodingAESKey must be 43 characters');
	const key = Buffer.from(encodingAESKey + '=', 'base64');
	if (key.length !== 32) throw new Error('EncodingAESKey does not decode to 32 bytes');
	return key;
}

/**
 * 16 random bytes ‖ uint32 BE message length ‖ message ‖ receiveId, unpadded. `lengthField`
 * overrides the length (hostile callbacks), `random` the 16 bytes (known-answer tests).
 */
export function plaintextOf(
	message: string | Buffer,
	receiveId: string,
	options: { lengthField?: number; random?: Buffer } = {},
): Buffer {
	const msg = Buffer.isBuffer(message) ? message : Buffer.from(message, 'utf8');
	const length = Buffer.alloc(4);
	length.writeUInt32BE(options.lengthField ?? msg.length, 0);
	return Buffer.concat([
		options.random ?? randomBytes(16),
		length,
		msg,
		Buffer.from(receiveId, 'utf8'),
	]);
}

/** PKCS#7 to 32-byte blocks, as WeCom pads. */
export function pad32(data: Buffer): Buffer {
	const n = PAD_BLOCK - (data.length % PAD_BLOCK);
	return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/** AES-256-CBC (IV = key[0..16)) over bytes whose length is a multiple of 16, no automatic padding; base64 out. */
export function encryptPadded(encodingAESKey: string, padded: Buffer): string {
	const key = aesKeyFrom(encodingAESKey);
	const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** Returns the base64 ciphertext that goes into <Encrypt> or echostr. `random16` only for known-answer tests. */
export function encryptMessage(
	encodingAESKey: string,
	message: string | Buffer,
	receiveId: string,
	random16: Buffer = randomBytes(16),
): string {
	return encryptPadded(
		encodingAESKey,
		pad32(plaintextOf(message, receiveId, { random: random16 })),
	);
}

/** msg_signature: SHA-1 over the sorted token, timestamp, nonce and Encrypt (or echostr), hex. */
export function signature(
	token: string,
	timestamp: string,
	nonce: string,
	encrypted: string,
): string {
	const joined = [token, timestamp, nonce, encrypted].sort().join('');
	return createHash('sha1').update(joined, 'utf8').digest('hex');
}

export function randomNonce(): string {
	// WeCom's nonces are short decimal strings.
	return String(randomBytes(4).readUInt32BE(0));
}

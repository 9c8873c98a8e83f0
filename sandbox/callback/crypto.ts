/**
 * WeCom's WXBizMsgCrypt, encrypt side only. Written from the published scheme on purpose, without
 * sharing code with the package's decrypt, so each implementation checks the other in tests.
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

function pkcs7Pad(data: Buffer): Buffer {
	const n = PAD_BLOCK - (data.length % PAD_BLOCK);
	return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/** Returns the base64 ciphertext that goes into <Encrypt> or echostr. `random16` only for known-answer tests. */
export function encryptMessage(
	encodingAESKey: string,
	message: string,
	receiveId: string,
	random16: Buffer = randomBytes(16),
): string {
	const key = aesKeyFrom(encodingAESKey);
	const msg = Buffer.from(message, 'utf8');
	const length = Buffer.alloc(4);
	length.writeUInt32BE(msg.length, 0);
	const plain = pkcs7Pad(Buffer.concat([random16, length, msg, Buffer.from(receiveId, 'utf8')]));
	const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

export function signature(token: string, timestamp: string, nonce: string, encrypted: string): string {
	const joined = [token, timestamp, nonce, encrypted].sort().join('');
	return createHash('sha1').update(joined).digest('hex');
}

export function randomNonce(): string {
	// WeCom's nonces are short decimal strings.
	return String(randomBytes(4).readUInt32BE(0));
}

import { createDecipheriv } from 'node:crypto';

import { CallbackError } from './errors';

/** WeCom pads with PKCS#7 to 32-byte blocks (not AES's 16), so unpadding is done here. */
const PAD_BLOCK = 32;
const AES_BLOCK = 16;
const RANDOM_PREFIX = 16;
const LENGTH_FIELD = 4;

const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/;

/** Derived keys by EncodingAESKey: every callback of a trigger uses the same one. */
const derivedKeys = new Map<string, Buffer>();
const MAX_DERIVED_KEYS = 64;

/** key = base64decode(EncodingAESKey + "="), exactly 32 bytes. */
export function aesKeyFrom(encodingAESKey: string): Buffer {
	const known = derivedKeys.get(encodingAESKey);
	if (known) return known;
	if (typeof encodingAESKey !== 'string' || !ENCODING_AES_KEY.test(encodingAESKey)) {
		throw new CallbackError('bad_key', 'The EncodingAESKey must be 43 characters of base64');
	}
	const key = Buffer.from(`${encodingAESKey}=`, 'base64');
	if (key.length !== 32) {
		throw new CallbackError('bad_key', 'The EncodingAESKey does not decode to 32 bytes');
	}
	if (derivedKeys.size >= MAX_DERIVED_KEYS) derivedKeys.clear();
	derivedKeys.set(encodingAESKey, key);
	return key;
}

/**
 * Strict, canonical base64 only: no whitespace, no URL alphabet, no stray bits in the last group.
 * Node's decoder skips what it does not understand, so the round trip is what refuses those.
 */
export function decodeStrictBase64(text: string): Buffer {
	if (text.length === 0 || text.length % 4 !== 0) {
		throw new CallbackError('bad_base64', 'The encrypted text is not valid base64');
	}
	const bytes = Buffer.from(text, 'base64');
	if (bytes.toString('base64') !== text) {
		throw new CallbackError('bad_base64', 'The encrypted text is not canonical base64');
	}
	return bytes;
}

export interface DecryptedMessage {
	message: string;
	receiveId: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8 decoding; undefined for invalid byte sequences. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
	try {
		return utf8.decode(bytes);
	} catch {
		return undefined;
	}
}

function decodeUtf8(bytes: Buffer, what: string): string {
	const text = strictUtf8(bytes);
	if (text === undefined) {
		throw new CallbackError('bad_xml', `The decrypted ${what} is not valid UTF-8`);
	}
	return text;
}

/** AES-256-CBC without automatic padding; undefined if the cipher refuses the input. */
function aesCbcDecrypt(key: Buffer, cipherText: Buffer): Buffer | undefined {
	try {
		const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, AES_BLOCK));
		decipher.setAutoPadding(false);
		return Buffer.concat([decipher.update(cipherText), decipher.final()]);
	} catch {
		return undefined;
	}
}

/**
 * WXBizMsgCrypt decrypt: AES-256-CBC (IV = key[0..16)), PKCS#7 to 32 bytes checked byte by byte,
 * plaintext = 16 random ‖ uint32 BE length ‖ message ‖ receiveId. Does not check the receiver;
 * see {@link decryptFor}.
 */
export function decrypt(encodingAESKey: string, encrypted: string): DecryptedMessage {
	const key = aesKeyFrom(encodingAESKey);
	const cipherText = decodeStrictBase64(encrypted);
	if (cipherText.length === 0 || cipherText.length % AES_BLOCK !== 0) {
		throw new CallbackError('bad_length', 'The ciphertext is not a whole number of AES blocks');
	}

	const plain = aesCbcDecrypt(key, cipherText);
	if (plain === undefined) {
		throw new CallbackError('bad_padding', 'The ciphertext could not be decrypted');
	}

	const pad = plain[plain.length - 1];
	if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) {
		throw new CallbackError('bad_padding', 'The padding of the decrypted text is invalid');
	}
	// Check every pad byte without an early exit.
	let diff = 0;
	for (let i = plain.length - pad; i < plain.length; i++) diff |= plain[i] ^ pad;
	if (diff !== 0) {
		throw new CallbackError('bad_padding', 'The padding of the decrypted text is inconsistent');
	}

	const content = plain.subarray(0, plain.length - pad);
	if (content.length < RANDOM_PREFIX + LENGTH_FIELD) {
		throw new CallbackError('bad_length', 'The decrypted text is too short');
	}
	const messageLength = content.readUInt32BE(RANDOM_PREFIX);
	const messageStart = RANDOM_PREFIX + LENGTH_FIELD;
	if (messageLength > content.length - messageStart) {
		throw new CallbackError('bad_length', 'The length field exceeds the decrypted text');
	}
	const messageEnd = messageStart + messageLength;
	return {
		message: decodeUtf8(content.subarray(messageStart, messageEnd), 'message'),
		receiveId: decodeUtf8(content.subarray(messageEnd), 'receive id'),
	};
}

/** Decrypts and checks that the message was meant for `expectedReceiveId` (the Corp ID). */
export function decryptFor(
	encodingAESKey: string,
	encrypted: string,
	expectedReceiveId: string,
): string {
	const { message, receiveId } = decrypt(encodingAESKey, encrypted);
	if (expectedReceiveId === '' || receiveId !== expectedReceiveId) {
		throw new CallbackError('wrong_receiver', 'The callback was encrypted for another receiver');
	}
	return message;
}

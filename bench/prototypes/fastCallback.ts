/**
 * PROTOTYPE, measured by bench:crypto only — not used by the package. The changes proposed for
 * nodes/WeComTrigger/callback/*, each a strict subset of what the current code accepts, so every
 * input either gets the identical result or falls back to the current (full) code path:
 *
 * 1. parseWeComXml fast path: a flat `<xml><Leaf>text|CDATA</Leaf>…</xml>` document (every WeCom
 *    envelope and change_external_contact event) is read by one sticky regex; anything else
 *    (nesting, repeats, attributes, comments, PIs, DOCTYPE, odd names, `]` in text…) goes to the
 *    existing validator + fast-xml-parser path unchanged.
 * 2. decodeStrictBase64: the round-trip check `Buffer.from(t,'base64').toString('base64') === t`
 *    alone already refuses whitespace, the URL alphabet, missing padding and stray bits, so the
 *    regex pass before it is redundant.
 * 3. aesKeyFrom: the 32-byte key is derived once per EncodingAESKey, not per callback.
 */
import { createDecipheriv } from 'node:crypto';

import { CallbackError } from '../../nodes/WeComTrigger/callback/errors';
import { aesKeyFrom, strictUtf8 } from '../../nodes/WeComTrigger/callback/cipher';
import { MAX_BODY_BYTES, parseWeComXml, type WeComEvent, type XmlObject } from '../../nodes/WeComTrigger/callback/xml';

// ---- 1. XML fast path -------------------------------------------------------------------------

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const OPEN = /[ \t\r\n]*<xml>/y;
/** One leaf: <Name> then text (no `<`, `&` only as a reference, no `]`) and CDATA sections, </Name>. */
const LEAF = /[ \t\r\n]*<([A-Za-z][A-Za-z0-9_]{0,63})>((?:[^<&\]]|&(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});|<!\[CDATA\[[\s\S]*?\]\]>)*)<\/\1>/y;
const CLOSE = /[ \t\r\n]*<\/xml>[ \t\r\n]*$(?![\s\S])/y;
const PIECE = /<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);/g;

function isXmlChar(codePoint: number): boolean {
	return (
		codePoint === 0x9 ||
		codePoint === 0xa ||
		codePoint === 0xd ||
		(codePoint >= 0x20 && codePoint <= 0xd7ff) ||
		(codePoint >= 0xe000 && codePoint <= 0xfffd) ||
		(codePoint >= 0x10000 && codePoint <= 0x10ffff)
	);
}

/** undefined: not the simple shape (or a reference the full path would refuse) — use the full path. */
/** Control characters and CR (the full parser normalises line ends): left to the full path. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]/;

function leafValue(content: string): string | undefined {
	if (CONTROL.test(content)) return undefined;
	if (content.indexOf('<') < 0 && content.indexOf('&') < 0) return content;
	let bad = false;
	const value = content.replace(PIECE, (_whole, cdata: string | undefined, ref: string | undefined) => {
		if (cdata !== undefined) return cdata;
		if (ref! in PREDEFINED) return PREDEFINED[ref!];
		const codePoint = ref!.startsWith('#x') ? parseInt(ref!.slice(2), 16) : Number(ref!.slice(1));
		if (!isXmlChar(codePoint)) {
			bad = true;
			return '';
		}
		return String.fromCodePoint(codePoint);
	});
	return bad ? undefined : value;
}

const RESERVED = new Set(['constructor', 'prototype']);

function parseFlat(xml: string): XmlObject | undefined {
	OPEN.lastIndex = 0;
	if (!OPEN.test(xml)) return undefined;
	let at = OPEN.lastIndex;
	const object: XmlObject = {};
	let count = 0;
	for (;;) {
		LEAF.lastIndex = at;
		const match = LEAF.exec(xml);
		if (match === null) break;
		const [, name, content] = match;
		if (RESERVED.has(name) || Object.prototype.hasOwnProperty.call(object, name)) return undefined;
		const value = leafValue(content);
		if (value === undefined) return undefined;
		object[name] = value;
		count++;
		at = LEAF.lastIndex;
	}
	CLOSE.lastIndex = at;
	if (count === 0 || !CLOSE.test(xml)) return undefined;
	return object;
}

export function parseWeComXmlFast(xml: string): XmlObject {
	if (xml.length * 3 > MAX_BODY_BYTES && Buffer.byteLength(xml, 'utf8') > MAX_BODY_BYTES) {
		throw new CallbackError('too_large', 'The XML document is too large');
	}
	return parseFlat(xml) ?? parseWeComXml(xml);
}

export function parseEnvelopeFast(body: string): { encrypt: string } {
	const document = parseWeComXmlFast(body);
	const encrypt = document.Encrypt;
	if (typeof encrypt !== 'string' || encrypt === '') throw new CallbackError('missing_param', 'no <Encrypt>');
	return { encrypt };
}

export function parseEventFast(xml: string): WeComEvent {
	const document = parseWeComXmlFast(xml);
	const event: WeComEvent = { ...document };
	const createTime = document.CreateTime;
	if (createTime !== undefined) {
		if (typeof createTime !== 'string' || !/^[0-9]{1,15}$/.test(createTime)) {
			throw new CallbackError('bad_xml', 'CreateTime is not a number');
		}
		event.CreateTime = Number(createTime);
	}
	return event;
}

// ---- 2 + 3. decrypt ---------------------------------------------------------------------------

let cachedKey: { text: string; key: Buffer } | undefined;
function keyFor(encodingAESKey: string): Buffer {
	if (cachedKey?.text !== encodingAESKey) cachedKey = { text: encodingAESKey, key: aesKeyFrom(encodingAESKey) };
	return cachedKey.key;
}

function decodeStrictBase64Fast(text: string): Buffer {
	if (text.length === 0 || text.length % 4 !== 0) throw new CallbackError('bad_base64', 'not base64');
	const bytes = Buffer.from(text, 'base64');
	if (bytes.toString('base64') !== text) throw new CallbackError('bad_base64', 'not canonical base64');
	return bytes;
}

export function decryptForFast(encodingAESKey: string, encrypted: string, expectedReceiveId: string): string {
	const key = keyFor(encodingAESKey);
	const cipherText = decodeStrictBase64Fast(encrypted);
	if (cipherText.length % 16 !== 0) throw new CallbackError('bad_length', 'not whole blocks');
	let plain: Buffer;
	try {
		const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
		decipher.setAutoPadding(false);
		plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);
	} catch {
		throw new CallbackError('bad_padding', 'could not be decrypted');
	}
	const pad = plain[plain.length - 1];
	if (pad < 1 || pad > 32 || pad > plain.length) throw new CallbackError('bad_padding', 'bad padding');
	let diff = 0;
	for (let i = plain.length - pad; i < plain.length; i++) diff |= plain[i] ^ pad;
	if (diff !== 0) throw new CallbackError('bad_padding', 'inconsistent padding');
	const end = plain.length - pad;
	if (end < 20) throw new CallbackError('bad_length', 'too short');
	const length = plain.readUInt32BE(16);
	if (length > end - 20) throw new CallbackError('bad_length', 'length field too large');
	const message = strictUtf8(plain.subarray(20, 20 + length));
	const receiveId = strictUtf8(plain.subarray(20 + length, end));
	if (message === undefined || receiveId === undefined) throw new CallbackError('bad_xml', 'not UTF-8');
	if (expectedReceiveId === '' || receiveId !== expectedReceiveId) {
		throw new CallbackError('wrong_receiver', 'another receiver');
	}
	return message;
}

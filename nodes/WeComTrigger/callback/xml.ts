import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { CallbackError } from './errors';
import { shapeEvent, type WeComEvent } from './shape';
import type { XmlObject, XmlValue } from './xmlValue';

/** WeCom's callbacks are a few hundred bytes; anything near this limit is not from WeCom. */
export const MAX_BODY_BYTES = 64 * 1024;

export type { XmlObject, XmlValue } from './xmlValue';

const TEXT = '#text';
const CDATA = '#cdata';

/**
 * Order-preserving parse: text and CDATA pieces keep their order, so CDATA split at `]]>` and mixed
 * text stay exact. Entity processing is off; the five predefined entities and character
 * references are decoded below, and a DOCTYPE (the only way to declare entities) is refused first.
 */
const parser = new XMLParser({
	preserveOrder: true,
	cdataPropName: CDATA,
	processEntities: false,
	htmlEntities: false,
	ignoreAttributes: true,
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
});

const HOSTILE = /<!DOCTYPE|<!ENTITY|<!ELEMENT|<!ATTLIST|<!NOTATION/i;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(text: string): string {
	return text.replace(/&([^;&<>\s]{0,12});|&/g, (whole, ref: string | undefined) => {
		if (ref === undefined) throw new CallbackError('bad_xml', 'Unescaped & in XML text');
		if (ref in PREDEFINED) return PREDEFINED[ref];
		let codePoint = NaN;
		if (/^#[0-9]{1,7}$/.test(ref)) codePoint = Number(ref.slice(1));
		else if (/^#x[0-9A-Fa-f]{1,6}$/.test(ref)) codePoint = parseInt(ref.slice(2), 16);
		const isXmlChar =
			codePoint === 0x9 ||
			codePoint === 0xa ||
			codePoint === 0xd ||
			(codePoint >= 0x20 && codePoint <= 0xd7ff) ||
			(codePoint >= 0xe000 && codePoint <= 0xfffd) ||
			(codePoint >= 0x10000 && codePoint <= 0x10ffff);
		if (!isXmlChar)
			throw new CallbackError('bad_xml', `Unknown XML reference ${whole.slice(0, 16)}`);
		return String.fromCodePoint(codePoint);
	});
}

type OrderedNode = Record<string, unknown>;

function textOfCdata(node: unknown): string {
	if (!Array.isArray(node)) return '';
	return node.map((piece) => String((piece as OrderedNode)[TEXT] ?? '')).join('');
}

/** Turns one element's ordered children into a string (leaf) or an object (nested elements). */
function convertChildren(children: unknown): XmlValue {
	if (!Array.isArray(children)) throw new CallbackError('bad_xml', 'Unexpected XML structure');
	let text = '';
	let hasElements = false;
	const object: XmlObject = {};
	for (const child of children as OrderedNode[]) {
		const name = Object.keys(child).find((key) => key !== ':@');
		if (name === undefined) continue;
		if (name === TEXT) {
			text += decodeText(String(child[TEXT]));
		} else if (name === CDATA) {
			text += textOfCdata(child[CDATA]);
		} else {
			if (name === '__proto__' || name === 'constructor' || name === 'prototype') {
				throw new CallbackError('bad_xml', 'Reserved element name');
			}
			hasElements = true;
			const value = convertChildren(child[name]);
			const existing = Object.prototype.hasOwnProperty.call(object, name)
				? object[name]
				: undefined;
			if (existing === undefined) object[name] = value;
			else if (Array.isArray(existing)) existing.push(value);
			else object[name] = [existing, value];
		}
	}
	if (!hasElements) return text;
	if (text.trim() !== '') object[TEXT] = text;
	return object;
}

function parseOrdered(xml: string): unknown {
	try {
		return parser.parse(xml) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * Parses one WeCom XML document (`<xml>…</xml>`) into its children: leaf values are exact strings
 * (CDATA unwrapped, empty elements ''), nested elements become objects, repeated ones arrays.
 */
export function parseWeComXml(xml: string): XmlObject {
	if (Buffer.byteLength(xml, 'utf8') > MAX_BODY_BYTES) {
		throw new CallbackError('too_large', 'The XML document is too large');
	}
	if (HOSTILE.test(xml)) {
		throw new CallbackError('bad_xml', 'XML with a document type declaration is refused');
	}
	if (XMLValidator.validate(xml) !== true) {
		throw new CallbackError('bad_xml', 'The XML is not well-formed');
	}
	const ordered = parseOrdered(xml);
	if (ordered === undefined) throw new CallbackError('bad_xml', 'The XML could not be parsed');
	const roots = (Array.isArray(ordered) ? (ordered as OrderedNode[]) : []).filter((node) => {
		const name = Object.keys(node).find((key) => key !== ':@');
		if (name === TEXT) {
			if (String(node[TEXT]).trim() !== '')
				throw new CallbackError('bad_xml', 'Text outside the root element');
			return false;
		}
		return name !== undefined;
	});
	if (roots.length !== 1 || !Object.prototype.hasOwnProperty.call(roots[0], 'xml')) {
		throw new CallbackError('bad_xml', 'The XML root element must be <xml>');
	}
	const value = convertChildren(roots[0].xml);
	if (typeof value === 'string' || Array.isArray(value)) {
		throw new CallbackError('bad_xml', 'The <xml> element has no child elements');
	}
	return value;
}

/** A leaf element's text, or undefined when absent; nested or repeated elements are refused. */
export function leafText(document: XmlObject, name: string): string | undefined {
	if (!Object.prototype.hasOwnProperty.call(document, name)) return undefined;
	const value = document[name];
	if (typeof value !== 'string') {
		throw new CallbackError('bad_xml', `The <${name}> element is not a single text value`);
	}
	return value;
}

export interface CallbackEnvelope {
	encrypt: string;
	toUserName?: string;
	agentId?: string;
}

/** The POST body: `<xml><ToUserName/><Encrypt/><AgentID/></xml>`. */
export function parseEnvelope(body: string): CallbackEnvelope {
	const document = parseWeComXml(body);
	const encrypt = leafText(document, 'Encrypt');
	if (encrypt === undefined || encrypt === '') {
		throw new CallbackError('missing_param', 'The callback body has no <Encrypt> element');
	}
	return {
		encrypt,
		toUserName: leafText(document, 'ToUserName'),
		agentId: leafText(document, 'AgentID'),
	};
}

export type { WeComEvent } from './shape';

/** The decrypted event in its stable shape (see shapeEvent): lists as arrays, integers as numbers. */
export function parseEvent(xml: string): WeComEvent {
	return shapeEvent(parseWeComXml(xml));
}

import { CallbackError } from './errors';
import type { XmlObject, XmlValue } from './xmlValue';

/**
 * The elements WeCom documents as integers in these callbacks. XML has no types, so the parser
 * keeps text; these become numbers so a workflow can compare them without knowing that.
 */
export const NUMERIC_FIELDS = [
	'CreateTime',
	'JoinScene',
	'QuitScene',
	'MemChangeCnt',
	'ExpireTime',
	'ExpireQuotaNum',
	'ChatSeq',
] as const;

/** WeCom writes a list as one `<Item>` per entry; the parser alone gives a string for one entry. */
const LIST_ITEM = 'Item';

export type EventValue = XmlValue | number | null;
export type WeComEvent = Record<string, EventValue>;

function isItemList(value: XmlValue): value is XmlObject {
	if (typeof value !== 'object' || Array.isArray(value)) return false;
	const names = Object.keys(value);
	return names.length === 1 && names[0] === LIST_ITEM;
}

function asList(value: XmlValue): XmlValue {
	if (isItemList(value)) {
		const items = value[LIST_ITEM];
		return Array.isArray(items) ? items : [items];
	}
	// `<MemChangeList></MemChangeList>`: a list with nothing in it.
	if (value === '') return [];
	return value;
}

function asNumber(name: string, value: XmlValue): number | null {
	if (typeof value !== 'string') {
		throw new CallbackError('bad_xml', `${name} is not a single number`);
	}
	// An empty element says "no value"; 0 would be a real scene (invited by a member).
	if (value === '') return null;
	if (!/^[0-9]{1,15}$/.test(value)) throw new CallbackError('bad_xml', `${name} is not a number`);
	return Number(value);
}

/**
 * The stable shape of one event: WeCom's element names as sent, every `<Item>` list an array
 * (one member gives `["wm…"]`, never a bare string), the documented integers as numbers.
 */
export function shapeEvent(document: XmlObject): WeComEvent {
	const event: WeComEvent = {};
	for (const [name, value] of Object.entries(document)) {
		event[name] = name.endsWith('List') || isItemList(value) ? asList(value) : value;
	}
	for (const name of NUMERIC_FIELDS) {
		if (Object.prototype.hasOwnProperty.call(document, name))
			event[name] = asNumber(name, document[name]);
	}
	return event;
}

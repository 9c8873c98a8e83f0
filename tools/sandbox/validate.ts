/** Parameter checks shared by add_msg_template, send_welcome_msg and group welcome templates (group_welcome_template/add, /edit); every failure names the offending field. */
import { fail } from './route';
import type { SandboxState } from './state';

export const MEDIA_TTL_MS = 3 * 86400 * 1000;
export const ATTACHMENT_TYPES = ['image', 'link', 'miniprogram', 'video', 'file'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export function bytes(s: string): number {
	return Buffer.byteLength(s, 'utf8');
}

export function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
	const v = body[field];
	if (v === undefined || v === null || v === '') return undefined;
	if (typeof v !== 'string') fail(40058, `invalid parameter: ${field}`);
	return v;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
	return optionalString(body, field) ?? fail(40058, `${field} missing`);
}

export function stringArray(body: Record<string, unknown>, field: string, max: number): string[] {
	const v = body[field];
	if (v === undefined || v === null) return [];
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === ''))
		fail(40058, `invalid parameter: ${field}`);
	if (v.length > max) fail(40058, `invalid parameter: ${field} exceeds ${max}`);
	return v as string[];
}

/** Accepts numbers and numeric strings, since some clients serialise ints as strings. */
export function optionalInt(body: Record<string, unknown>, field: string): number | undefined {
	const v = body[field];
	if (v === undefined || v === null || v === '') return undefined;
	const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isInteger(n)) fail(40058, `invalid parameter: ${field}`);
	return n;
}

/** Returns the content, or undefined when there is no text at all. */
export function textContent(v: unknown, maxBytes: number): string | undefined {
	if (v === undefined || v === null) return undefined;
	if (!isObject(v)) fail(40058, 'invalid parameter: text');
	const content = v.content;
	if (content === undefined || content === null || content === '') return undefined;
	if (typeof content !== 'string') fail(40058, 'invalid parameter: text.content');
	if (bytes(content) > maxBytes)
		fail(40058, `invalid parameter: text.content exceeds ${maxBytes} bytes`);
	return content;
}

function mediaId(
	state: SandboxState,
	inner: Record<string, unknown>,
	key: string,
	where: string,
): void {
	const id = inner[key];
	if (typeof id !== 'string' || id === '') fail(40058, `${where}.${key} missing`);
	const m = state.media.get(id);
	if (!m || Date.now() - m.createdAt > MEDIA_TTL_MS)
		fail(40007, `invalid media_id: ${where}.${key}`);
}

function textField(
	inner: Record<string, unknown>,
	key: string,
	where: string,
	maxBytes: number,
	required: boolean,
): void {
	const v = inner[key];
	if (v === undefined || v === null || v === '') {
		if (required) fail(40058, `${where}.${key} missing`);
		return;
	}
	if (typeof v !== 'string') fail(40058, `invalid parameter: ${where}.${key}`);
	if (bytes(v) > maxBytes)
		fail(40058, `invalid parameter: ${where}.${key} exceeds ${maxBytes} bytes`);
}

/** Checks the inner object of one attachment kind (`where` is its path, e.g. attachments[2].link). */
export function attachmentBody(
	state: SandboxState,
	type: AttachmentType,
	inner: unknown,
	where: string,
): void {
	if (!isObject(inner)) fail(40058, `${where} missing`);
	switch (type) {
		case 'image':
			// pic_url alone is fine; when both are present WeCom uses media_id, so it must be real.
			if (inner.media_id !== undefined && inner.media_id !== '')
				mediaId(state, inner, 'media_id', where);
			else textField(inner, 'pic_url', where, 2048, true);
			return;
		case 'link':
			textField(inner, 'title', where, 128, true);
			textField(inner, 'url', where, 2048, true);
			textField(inner, 'picurl', where, 2048, false);
			textField(inner, 'desc', where, 512, false);
			return;
		case 'miniprogram':
			textField(inner, 'title', where, 64, true);
			mediaId(state, inner, 'pic_media_id', where);
			textField(inner, 'appid', where, 64, true);
			textField(inner, 'page', where, 1024, true);
			return;
		case 'video':
		case 'file':
			mediaId(state, inner, 'media_id', where);
			return;
	}
}

/** The add_msg_template/send_welcome_msg `attachments` array. */
export function attachments(state: SandboxState, v: unknown): unknown[] {
	if (v === undefined || v === null) return [];
	if (!Array.isArray(v)) fail(40058, 'invalid parameter: attachments');
	if (v.length > 9) fail(40058, 'invalid parameter: attachments exceeds 9');
	v.forEach((a, i) => {
		const where = `attachments[${i}]`;
		if (!isObject(a)) fail(40058, `invalid parameter: ${where}`);
		const type = a.msgtype;
		if (typeof type !== 'string' || !(ATTACHMENT_TYPES as readonly string[]).includes(type))
			fail(40058, `invalid parameter: ${where}.msgtype`);
		attachmentBody(state, type as AttachmentType, a[type], `${where}.${type}`);
	});
	return v;
}

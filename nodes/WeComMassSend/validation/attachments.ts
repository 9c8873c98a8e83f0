/**
 * Pure rules for attachments in WeCom's own shape `{msgtype, <msgtype>: {...}}` (add_msg_template, send_welcome_msg) and for
 * the single top-level attachment of group welcome templates (group_welcome_template/add and /edit). Limits are WeCom's,
 * measured in UTF-8 bytes.
 */
import { utf8Bytes, type Violation } from './content';
import { labelOf } from './fieldLabels';

export const ATTACHMENT_TYPES = ['image', 'link', 'miniprogram', 'video', 'file'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const PRIORITY_RULE =
	'a group welcome template holds at most one non-text attachment; WeCom would silently keep only the first of image > link > miniprogram > file > video';

export type Attachment = Record<string, unknown> & { msgtype: AttachmentType };

export function isAttachmentType(value: unknown): value is AttachmentType {
	return typeof value === 'string' && (ATTACHMENT_TYPES as readonly string[]).includes(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface AttachmentCheckOptions {
	/** The media id will come from uploading a binary, so it may still be missing here. */
	mediaFromBinary?: boolean;
	/** How to call WeCom's keys in messages, e.g. {title: '"Title"'} for the fields of the node's UI. */
	labels?: Partial<Record<string, string>>;
	/** How messages name the inner object; default `<where>.<msgtype>` (JSON paths). */
	bodyWhere?: string;
	/** The parameter path that violations report; default `<where>.<msgtype>`. */
	field?: string;
}

interface FieldRule {
	key: string;
	maxBytes?: number;
	required: boolean;
	/** A media id that an inline binary upload can supply. */
	media?: boolean;
}

const FIELDS: Record<AttachmentType, FieldRule[]> = {
	// image takes media_id or pic_url: checked separately below.
	image: [
		{ key: 'media_id', required: false },
		{ key: 'pic_url', maxBytes: 2048, required: false },
	],
	link: [
		{ key: 'title', maxBytes: 128, required: true },
		{ key: 'url', maxBytes: 2048, required: true },
		{ key: 'picurl', maxBytes: 2048, required: false },
		{ key: 'desc', maxBytes: 512, required: false },
	],
	miniprogram: [
		{ key: 'title', maxBytes: 64, required: true },
		{ key: 'pic_media_id', required: true, media: true },
		{ key: 'appid', required: true },
		{ key: 'page', required: true },
	],
	video: [{ key: 'media_id', required: true, media: true }],
	file: [{ key: 'media_id', required: true, media: true }],
};

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** Checks one attachment in WeCom's shape; `where` is how the user finds it, e.g. attachmentsJson[2]. */
export function checkAttachment(
	attachment: unknown,
	where: string,
	options: AttachmentCheckOptions = {},
): Violation | undefined {
	if (!isPlainObject(attachment)) {
		return {
			field: where,
			rule: `${where} must be an object like {"msgtype": "image", "image": {"media_id": "…"}}`,
		};
	}
	const type = attachment.msgtype;
	if (!isAttachmentType(type)) {
		return {
			field: `${where}.msgtype`,
			rule: `${where}: msgtype ${JSON.stringify(type ?? null)} is not one of ${ATTACHMENT_TYPES.join(', ')}`,
		};
	}
	const inner = attachment[type];
	if (!isPlainObject(inner)) {
		return {
			field: `${where}.${type}`,
			rule: `${where}: the "${type}" object is missing; WeCom expects {"msgtype": "${type}", "${type}": {…}}`,
		};
	}
	return checkAttachmentBody(type, inner, options.bodyWhere ?? `${where}.${type}`, options);
}

/**
 * Checks the inner object of one kind, e.g. the `link` of an attachment or of a template.
 * `where` prefixes both the message and the field path.
 */
export function checkAttachmentBody(
	type: AttachmentType,
	inner: Record<string, unknown>,
	where: string,
	options: AttachmentCheckOptions = {},
): Violation | undefined {
	const name = (key: string) => options.labels?.[key] ?? `"${key}"`;
	const base = options.field ?? where;
	if (
		type === 'image' &&
		isBlank(inner.media_id) &&
		isBlank(inner.pic_url) &&
		!options.mediaFromBinary
	) {
		return {
			field: `${base}.media_id`,
			rule: `${where}: an image needs ${name('media_id')} (from Media → Upload), ${name('pic_url')} (from Media → Upload Image) or an Input Binary Field`,
		};
	}
	for (const rule of FIELDS[type]) {
		const field = `${base}.${rule.key}`;
		const value = inner[rule.key];
		if (isBlank(value)) {
			if (rule.required && !(rule.media && options.mediaFromBinary)) {
				const hint = rule.media
					? ' (upload the file with Media → Upload, or name an Input Binary Field)'
					: '';
				return {
					field,
					rule: `${where}: ${name(rule.key)} is required for a ${type} attachment${hint}`,
				};
			}
			continue;
		}
		if (typeof value !== 'string')
			return { field, rule: `${where}: ${name(rule.key)} must be text` };
		if (rule.maxBytes !== undefined && utf8Bytes(value) > rule.maxBytes) {
			return {
				field,
				rule: `${where}: ${name(rule.key)} is ${utf8Bytes(value)} bytes in UTF-8; WeCom accepts at most ${rule.maxBytes} bytes (a Chinese character counts 3)`,
			};
		}
	}
	return undefined;
}

/** n8n hands JSON parameters over as text or already parsed, depending on how they were set. */
export function parseJson(value: unknown, field: string): { value: unknown } | Violation {
	if (typeof value !== 'string') return { value };
	if (value.trim() === '') return { value: undefined };
	try {
		return { value: JSON.parse(value) as unknown };
	} catch (error) {
		return { field, rule: `${labelOf(field)} is not valid JSON (${(error as Error).message})` };
	}
}

export function isViolation(value: unknown): value is Violation {
	return isPlainObject(value) && typeof value.field === 'string' && typeof value.rule === 'string';
}

/** The add_msg_template/send_welcome_msg `attachments` array given as JSON: an array of objects, or nothing. */
export function attachmentsFromJson(value: unknown, field: string): unknown[] | Violation {
	const parsed = parseJson(value, field);
	if (isViolation(parsed)) return parsed;
	if (parsed.value === undefined || parsed.value === null) return [];
	if (!Array.isArray(parsed.value) || parsed.value.some((entry) => !isPlainObject(entry))) {
		return {
			field,
			rule: `${labelOf(field)} must be an array of objects like [{"msgtype": "link", "link": {"title": "…", "url": "…"}}]`,
		};
	}
	return parsed.value;
}

/**
 * The single attachment of a group welcome template given as JSON. Accepts the add_msg_template shape
 * `{msgtype, <msgtype>: {…}}` (or an array holding one) and WeCom's template shape `{<kind>: {…}}`;
 * anything naming more than one kind is refused, because WeCom would drop all but one silently.
 */
export function singleAttachmentFromJson(
	value: unknown,
	field: string,
): Attachment | undefined | Violation {
	const parsed = parseJson(value, field);
	if (isViolation(parsed)) return parsed;
	let candidate = parsed.value;
	if (candidate === undefined || candidate === null) return undefined;
	if (Array.isArray(candidate)) {
		if (candidate.length > 1)
			return {
				field,
				rule: `${labelOf(field)} holds ${candidate.length} attachments: ${PRIORITY_RULE}`,
			};
		candidate = candidate[0];
		if (candidate === undefined) return undefined;
	}
	if (!isPlainObject(candidate)) {
		return {
			field,
			rule: `${labelOf(field)} must be one object like {"msgtype": "link", "link": {"title": "…", "url": "…"}}`,
		};
	}
	if (Object.keys(candidate).length === 0) return undefined;
	const kinds = ATTACHMENT_TYPES.filter(
		(type) => candidate[type] !== undefined && candidate[type] !== null,
	);
	if (kinds.length > 1)
		return { field, rule: `${labelOf(field)} names ${kinds.join(', ')}: ${PRIORITY_RULE}` };
	if (candidate.msgtype === undefined && kinds.length === 1) {
		return { msgtype: kinds[0], [kinds[0]]: candidate[kinds[0]] };
	}
	const checked = checkAttachment(candidate, field);
	if (checked) return checked;
	return candidate as Attachment;
}

/** group_welcome_template/add and /edit take the attachment as a top-level field named after its kind, not as an array. */
export function toTemplateField(attachment: Attachment): Record<string, unknown> {
	return { [attachment.msgtype]: attachment[attachment.msgtype] };
}

/** More than one kind in a template would be silently reduced to one; refuse it instead. */
export function checkSingleKind(
	attachments: readonly Attachment[],
	field: string,
): Violation | undefined {
	if (attachments.length <= 1) return undefined;
	const kinds = attachments.map((attachment) => attachment.msgtype).join(', ');
	return {
		field,
		rule: `${labelOf(field)} has ${attachments.length} attachments (${kinds}): ${PRIORITY_RULE}`,
	};
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	attachmentsFromJson,
	isAttachmentType,
	isViolation,
	singleAttachmentFromJson,
	type Attachment,
	type AttachmentCheckOptions,
} from '../../validation/attachments';
import type { MediaType } from '../../validation/attachmentsMedia';
import type { Violation } from '../../validation/content';

/** A file named by binary field that must be uploaded before the attachment can be sent. */
export interface InlineUpload {
	binaryProperty: string;
	mediaType: Extract<MediaType, 'image' | 'video' | 'file'>;
	/** The key of the attachment's inner object that receives the media_id. */
	key: 'media_id' | 'pic_media_id';
	/** The parameter that named the binary, for error messages. */
	field: string;
}

/** One attachment as read from the parameters, in WeCom's shape, with where it came from. */
export interface AttachmentEntry {
	attachment: Attachment;
	/** How messages refer to it, e.g. "Attachment 2 (link)" or "attachmentsJson[1]". */
	where: string;
	check: AttachmentCheckOptions;
	upload?: InlineUpload;
}

export interface AttachmentInput {
	/** The parameter the attachments came from, for the "too many" and "both empty" rules. */
	field: string;
	entries: AttachmentEntry[];
}

interface UiEntry {
	type?: string;
	mediaId?: string;
	picUrl?: string;
	binaryProperty?: string;
	title?: string;
	url?: string;
	description?: string;
	picMediaId?: string;
	appId?: string;
	page?: string;
}

/** WeCom's keys as the UI fields are labelled, so messages name what the user sees. */
const UI_LABELS: Record<string, string> = {
	media_id: '"Media ID"',
	pic_url: '"Picture URL"',
	picurl: '"Picture URL"',
	title: '"Title"',
	url: '"URL"',
	desc: '"Description"',
	pic_media_id: '"Cover Media ID"',
	appid: '"App ID"',
	page: '"Page"',
};

function compact(values: Record<string, string | undefined>): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		const trimmed = value?.trim();
		if (trimmed) out[key] = trimmed;
	}
	return out;
}

function fromUi(entry: UiEntry, where: string, field: string): AttachmentEntry | Violation {
	const type = entry.type ?? 'image';
	if (!isAttachmentType(type))
		return { field: `${field}.type`, rule: `${where}: type "${type}" is not supported` };
	const binaryProperty = entry.binaryProperty?.trim() ?? '';
	const mediaField = type === 'miniprogram' ? 'picMediaId' : 'mediaId';
	if (binaryProperty && entry[mediaField]?.trim()) {
		const label = type === 'miniprogram' ? '"Cover Media ID"' : '"Media ID"';
		return {
			field: `${field}.binaryProperty`,
			rule: `${where}: give either ${label} or "Input Binary Field", not both`,
		};
	}
	const inner: Record<AttachmentEntry['attachment']['msgtype'], IDataObject> = {
		image: compact({ media_id: entry.mediaId, pic_url: entry.picUrl }),
		link: compact({
			title: entry.title,
			url: entry.url,
			picurl: entry.picUrl,
			desc: entry.description,
		}),
		miniprogram: compact({
			title: entry.title,
			pic_media_id: entry.picMediaId,
			appid: entry.appId,
			page: entry.page,
		}),
		video: compact({ media_id: entry.mediaId }),
		file: compact({ media_id: entry.mediaId }),
	};
	const result: AttachmentEntry = {
		attachment: { msgtype: type, [type]: inner[type] },
		where: `${where} (${type})`,
		check: {
			labels: UI_LABELS,
			mediaFromBinary: binaryProperty !== '' && type !== 'link',
			bodyWhere: `${where} (${type})`,
			field,
		},
	};
	if (binaryProperty && type !== 'link') {
		result.upload = {
			binaryProperty,
			mediaType: type === 'miniprogram' ? 'image' : type,
			key: type === 'miniprogram' ? 'pic_media_id' : 'media_id',
			field: `${field}.binaryProperty`,
		};
	}
	return result;
}

function fromJson(attachment: Attachment, where: string): AttachmentEntry {
	return { attachment, where, check: {} };
}

/**
 * Reads the attachment parameters written by `contentFields`: the array form ('many') or the
 * single form ('one'), from the UI or from JSON. Only shapes are read here; rules are checked later.
 */
export function readAttachmentInput(
	this: IExecuteFunctions,
	itemIndex: number,
	single: boolean,
): AttachmentInput | Violation {
	const source = this.getNodeParameter('attachmentSource', itemIndex, 'ui') as string;
	if (source === 'json') {
		const field = single ? 'attachmentJson' : 'attachmentsJson';
		const raw = this.getNodeParameter(field, itemIndex, single ? '{}' : '[]');
		if (single) {
			const one = singleAttachmentFromJson(raw, field);
			if (isViolation(one)) return one;
			return { field, entries: one ? [fromJson(one, field)] : [] };
		}
		const many = attachmentsFromJson(raw, field);
		if (isViolation(many)) return many;
		return {
			field,
			entries: many.map((attachment, i) => fromJson(attachment as Attachment, `${field}[${i}]`)),
		};
	}

	const field = single ? 'attachmentUi' : 'attachmentsUi';
	const raw = this.getNodeParameter(`${field}.attachment`, itemIndex, single ? null : []) as
		UiEntry | UiEntry[] | null;
	const list = raw === null ? [] : Array.isArray(raw) ? raw : [raw];
	const entries: AttachmentEntry[] = [];
	for (const [i, entry] of list.entries()) {
		const path = single ? `${field}.attachment` : `${field}.attachment[${i}]`;
		const read = fromUi(entry, single ? 'Attachment' : `Attachment ${i + 1}`, path);
		if (isViolation(read)) return read;
		entries.push(read);
	}
	return { field, entries };
}

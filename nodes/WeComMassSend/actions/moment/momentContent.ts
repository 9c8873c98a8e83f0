/**
 * What a moment carries (add_moment_task text + attachments), read and checked against WeCom's rules
 * before any request: text up to 2,000 characters (4,000 bytes), and one kind of attachment: up to
 * 9 images, or 1 video, or 1 link (with its cover image). Files from n8n binary data are read and
 * checked first, and uploaded (upload_attachment) only once everything is valid.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseIdList } from '../../../shared/idList';
import { readUploadableFile, type UploadableFile } from '../common/binaryFile';
import { invalidField } from '../common/fields';
import { uploadMomentAttachment } from './uploadAttachment';

export const TEXT_MAX_CHARS = 2000;
export const TEXT_MAX_BYTES = 4000;
export const IMAGES_MAX = 9;

export const momentContentProperties: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'The moment’s text (text.content), at most 2,000 characters; may be empty when there is an attachment',
	},
	{
		displayName: 'Attachment Type',
		name: 'attachmentType',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Images (up to 9)', value: 'image' },
			{ name: 'Video', value: 'video' },
			{ name: 'Link', value: 'link' },
		],
		default: 'none',
		description: 'WeCom takes one kind per moment: up to 9 images, or 1 video, or 1 link',
	},
	{
		displayName: 'File Source',
		name: 'fileSource',
		type: 'options',
		options: [
			{
				name: 'Binary Data of the Input Item',
				value: 'binary',
				description: 'Uploaded with upload_attachment (朋友圈) first',
			},
			{
				name: 'Media IDs',
				value: 'mediaId',
				description: 'media_id values from upload_attachment (attachment_type 1)',
			},
		],
		default: 'binary',
		displayOptions: { hide: { attachmentType: ['none'] } },
	},
	{
		displayName: 'Input Binary Field(s)',
		name: 'binaryProperties',
		type: 'string',
		default: 'data',
		description:
			'The input item’s binary fields holding the files, comma separated: up to 9 ' +
			'jpg/png images (10 MB each), one mp4 video (10 MB), or the link’s cover image',
		displayOptions: { show: { fileSource: ['binary'] }, hide: { attachmentType: ['none'] } },
	},
	{
		displayName: 'Media IDs',
		name: 'mediaIds',
		type: 'string',
		default: '',
		description:
			'media_id values from upload_attachment, comma separated: up to 9 images, one video, ' +
			'or the link’s cover image',
		displayOptions: { show: { fileSource: ['mediaId'] }, hide: { attachmentType: ['none'] } },
	},
	{
		displayName: 'Link Title',
		name: 'linkTitle',
		type: 'string',
		default: '',
		displayOptions: { show: { attachmentType: ['link'] } },
	},
	{
		displayName: 'Link URL',
		name: 'linkUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/campaign',
		displayOptions: { show: { attachmentType: ['link'] } },
	},
];

type Kind = 'none' | 'image' | 'video' | 'link';

export interface MomentContentPlan {
	text?: string;
	kind: Kind;
	files: UploadableFile[];
	mediaIds: string[];
	link?: { title: string; url: string };
}

export async function readMomentContent(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<MomentContentPlan> {
	const text = String(this.getNodeParameter('text', itemIndex, '') ?? '');
	if ([...text].length > TEXT_MAX_CHARS || Buffer.byteLength(text, 'utf8') > TEXT_MAX_BYTES) {
		throw invalidField(
			this,
			itemIndex,
			'text',
			`"Text" has ${[...text].length} characters; WeCom accepts at most ${TEXT_MAX_CHARS} (${TEXT_MAX_BYTES} bytes)`,
		);
	}
	const kind = String(this.getNodeParameter('attachmentType', itemIndex, 'none')) as Kind;
	if (!['none', 'image', 'video', 'link'].includes(kind))
		throw invalidField(
			this,
			itemIndex,
			'attachmentType',
			'"Attachment Type" must be none, image, video or link',
		);
	if (kind === 'none') {
		if (!text.trim())
			throw invalidField(
				this,
				itemIndex,
				'text',
				'"Text" is empty and there is no attachment; WeCom needs one or the other',
			);
		return { text, kind, files: [], mediaIds: [] };
	}
	const max = kind === 'image' ? IMAGES_MAX : 1;
	const what =
		kind === 'image'
			? `at most ${IMAGES_MAX} images`
			: kind === 'video'
				? 'one video'
				: 'one cover image for the link';
	let link: MomentContentPlan['link'];
	if (kind === 'link') {
		const title = String(this.getNodeParameter('linkTitle', itemIndex, '') ?? '').trim();
		const url = String(this.getNodeParameter('linkUrl', itemIndex, '') ?? '').trim();
		if (!/^https?:\/\/\S+$/i.test(url))
			throw invalidField(this, itemIndex, 'linkUrl', '"Link URL" must be an http(s) URL');
		link = { title, url };
	}
	const source = String(this.getNodeParameter('fileSource', itemIndex, 'binary'));
	const field = source === 'mediaId' ? 'mediaIds' : 'binaryProperties';
	const label = source === 'mediaId' ? 'Media IDs' : 'Input Binary Field(s)';
	const parsed = parseIdList(this.getNodeParameter(field, itemIndex, ''));
	if (!parsed.ok) throw invalidField(this, itemIndex, field, `"${label}": ${parsed.reason}`);
	if (parsed.ids.length === 0)
		throw invalidField(
			this,
			itemIndex,
			field,
			`"${label}" is empty; a ${kind} moment needs ${what}`,
		);
	if (parsed.ids.length > max)
		throw invalidField(
			this,
			itemIndex,
			field,
			`"${label}" names ${parsed.ids.length} files; WeCom takes ${what} per moment`,
		);
	if (source === 'mediaId')
		return { text: text || undefined, kind, files: [], mediaIds: parsed.ids, link };
	const files: UploadableFile[] = [];
	// Every file is read and checked before the first upload, so a bad one costs no upload quota.
	for (const name of parsed.ids)
		files.push(
			await readUploadableFile.call(
				this,
				itemIndex,
				name,
				kind === 'video' ? 'video' : 'image',
				'binaryProperties',
			),
		);
	return { text: text || undefined, kind, files, mediaIds: [], link };
}

/** Uploads the plan's files (if any) and builds add_moment_task's text and attachments. */
export async function momentContentBody(
	this: IExecuteFunctions,
	itemIndex: number,
	plan: MomentContentPlan,
): Promise<IDataObject> {
	const mediaType = plan.kind === 'video' ? 'video' : 'image';
	const ids = [...plan.mediaIds];
	for (const file of plan.files)
		ids.push(await uploadMomentAttachment.call(this, itemIndex, mediaType, file));
	const attachments: IDataObject[] =
		plan.kind === 'none'
			? []
			: plan.kind === 'link'
				? [
						{
							msgtype: 'link',
							link: { title: plan.link?.title, url: plan.link?.url, media_id: ids[0] },
						},
					]
				: ids.map((media_id) => ({ msgtype: plan.kind, [plan.kind]: { media_id } }));
	return {
		...(plan.text ? { text: { content: plan.text } } : {}),
		...(attachments.length ? { attachments } : {}),
	};
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { buildMultipart } from '../../../shared/transport/multipart';
import { weComApiRequest } from '../../../shared/transport/request';
import type { MediaType } from '../../validation/attachmentsMedia';
import type { UploadableFile } from './binaryFile';

// Uploads count against daily quotas (uploadimg: 1,000 a day), so a lost answer is not resent.
export const UPLOAD_MEDIA = wecomApi('POST', 'media/upload', {
	changesData: true,
	repeatRisk: 'upload the file twice',
	answerField: 'media_id',
});
export const UPLOAD_IMAGE = wecomApi('POST', 'media/uploadimg', {
	changesData: true,
	repeatRisk: 'use a second of the 1,000 image uploads a day',
	answerField: 'url',
});

/** A media_id is valid for 3 days after upload (WeCom 临时素材). */
export const MEDIA_TTL_MS = 3 * 24 * 60 * 60 * 1000;

export interface UploadedMedia {
	media_id: string;
	type: string;
	/** Unix seconds, as WeCom counts them (it sends them as a string; this is a number). */
	created_at: number;
	/** When the media_id stops working. */
	expires_at: string;
}

function multipartOf(file: UploadableFile) {
	return buildMultipart([
		{ name: 'media', filename: file.fileName, contentType: file.mimeType, data: file.buffer },
	]);
}

/** POST /cgi-bin/media/upload: a temporary media_id for attachments. */
export async function uploadMedia(
	this: IExecuteFunctions,
	itemIndex: number,
	type: MediaType,
	file: UploadableFile,
): Promise<UploadedMedia> {
	const response = await weComApiRequest.call(this, {
		api: UPLOAD_MEDIA,
		qs: { type },
		multipart: multipartOf(file),
		itemIndex,
	});
	const createdAt = Number(response.created_at) || Math.floor(Date.now() / 1000);
	return {
		media_id: String(response.media_id ?? ''),
		type: String(response.type ?? type),
		created_at: createdAt,
		expires_at: new Date(createdAt * 1000 + MEDIA_TTL_MS).toISOString(),
	};
}

/** POST /cgi-bin/media/uploadimg: a permanent image URL for image.pic_url. */
export async function uploadImage(
	this: IExecuteFunctions,
	itemIndex: number,
	file: UploadableFile,
): Promise<string> {
	const response = await weComApiRequest.call(this, {
		api: UPLOAD_IMAGE,
		multipart: multipartOf(file),
		itemIndex,
	});
	return String(response.url ?? '');
}

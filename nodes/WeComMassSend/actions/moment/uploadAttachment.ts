/** media/upload_attachment with attachment_type 1 (朋友圈): the only media_ids a moment accepts. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { buildMultipart } from '../../../shared/transport/multipart';
import { weComApiRequest } from '../../../shared/transport/request';
import type { UploadableFile } from '../common/binaryFile';

// An upload is stored by WeCom each time it arrives, so a lost answer is not resent.
export const UPLOAD_ATTACHMENT = wecomApi('POST', 'media/upload_attachment', {
	changesData: true,
	repeatRisk: 'upload the file twice',
	answerField: 'media_id',
});

/** 1 = 朋友圈, 2 = 商品图册 (page 95098). */
const FOR_MOMENTS = 1;

export async function uploadMomentAttachment(
	this: IExecuteFunctions,
	itemIndex: number,
	mediaType: 'image' | 'video',
	file: UploadableFile,
): Promise<string> {
	const response = await weComApiRequest.call(this, {
		api: UPLOAD_ATTACHMENT,
		qs: { media_type: mediaType, attachment_type: FOR_MOMENTS },
		multipart: buildMultipart([
			{ name: 'media', filename: file.fileName, contentType: file.mimeType, data: file.buffer },
		]),
		itemIndex,
	});
	return String(response.media_id ?? '');
}

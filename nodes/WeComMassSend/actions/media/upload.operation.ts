import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MediaType } from '../../validation/attachmentsMedia';
import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { readUploadableFile } from '../common/binaryFile';
import { UPLOAD_MEDIA, uploadMedia } from '../common/uploadMedia';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to upload',
	},
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'File', value: 'file', description: '文件: any file, at most 20 MB' },
			{ name: 'Image', value: 'image', description: '图片: jpg or png, at most 10 MB' },
			{ name: 'Video', value: 'video', description: '视频: mp4, at most 10 MB' },
			{ name: 'Voice', value: 'voice', description: '语音: amr, at most 2 MB and 60 seconds' },
		],
		default: 'image',
		description:
			'The media type (type) WeCom stores the file as; attachments need image, video or file',
	},
	{
		displayName:
			'The media_id (临时素材) is valid for 3 days only: upload again before using it later. The ' +
			'output shows when it expires (expires_at).',
		name: 'mediaExpiryNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'upload',
	name: 'Upload',
	action: 'Upload a file as temporary media',
	description:
		'Upload a file for attachments and get a media_id valid for 3 days (上传临时素材, media/upload)',
	calls: [UPLOAD_MEDIA],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const propertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const mediaType = this.getNodeParameter('mediaType', itemIndex) as MediaType;
	const file = await readUploadableFile.call(
		this,
		itemIndex,
		propertyName,
		mediaType,
		'binaryPropertyName',
	);
	const uploaded = await uploadMedia.call(this, itemIndex, mediaType, file);
	return [{ ...uploaded }];
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import type { OperationResult } from '../types';
import { readUploadableFile } from '../common/binaryFile';
import { UPLOAD_IMAGE, uploadImage } from '../common/uploadMedia';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the jpg or png image (at most 2 MB)',
	},
	{
		displayName:
			'Returns a permanent URL (上传图片) for an image attachment’s Picture URL (pic_url). WeCom ' +
			'allows 3,000 uploads per month and 1,000 per day per corp: upload an image once and ' +
			'reuse its URL.',
		name: 'uploadImageNotice',
		type: 'notice',
		default: '',
	},
];

export const operation = defineOperation({
	value: 'uploadImage',
	name: 'Upload Image',
	action: 'Upload an image and get a permanent URL',
	description:
		'Upload a jpg or png and get a permanent URL for image attachments (上传图片, media/uploadimg)',
	calls: [UPLOAD_IMAGE],
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const propertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const file = await readUploadableFile.call(
		this,
		itemIndex,
		propertyName,
		'uploadimg',
		'binaryPropertyName',
	);
	const url = await uploadImage.call(this, itemIndex, file);
	return [{ url }];
}

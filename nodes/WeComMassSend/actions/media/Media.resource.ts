import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';
import * as upload from './upload.operation';
import * as uploadImage from './uploadImage.operation';

export const media = {
	operations: { upload, uploadImage } satisfies ResourceOperations,
	description: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['media'] } },
			options: [
				{
					name: 'Upload',
					value: 'upload',
					action: 'Upload a file as temporary media',
					description: 'Upload a file for attachments and get a media_id valid for 3 days (上传临时素材)',
				},
				{
					name: 'Upload Image',
					value: 'uploadImage',
					action: 'Upload an image and get a permanent URL',
					description: 'Upload a jpg or png and get a permanent URL for image attachments (上传图片)',
				},
			],
			default: 'upload',
		},
		...upload.description,
		...uploadImage.description,
	] as INodeProperties[],
};

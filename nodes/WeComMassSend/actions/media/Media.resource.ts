import { defineResource } from '../resource';
import { operation as upload } from './upload.operation';
import { operation as uploadImage } from './uploadImage.operation';

export const media = defineResource({
	value: 'media',
	name: 'Media',
	description: '素材: upload files for attachments',
	operations: [upload, uploadImage],
	defaultOperation: 'upload',
});

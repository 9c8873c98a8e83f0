import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { checkMediaFile, uploadFileName, type UploadKind } from '../../validation/attachmentsMedia';
import { invalidField } from './fields';

/** A binary of the input item, read and checked against WeCom's limits, ready to upload. */
export interface UploadableFile {
	buffer: Buffer;
	/** With the extension WeCom needs to recognise the type. */
	fileName: string;
	mimeType: string;
}

/**
 * Reads the binary property `propertyName` of the item and checks it for `kind` before anything
 * is sent; `field` names the parameter that pointed at it, for the error message.
 */
export async function readUploadableFile(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	kind: UploadKind,
	field: string,
): Promise<UploadableFile> {
	const name = propertyName.trim();
	if (!name)
		throw invalidField(
			this,
			itemIndex,
			field,
			`"${field}" is empty; name the binary field that holds the file (usually "data")`,
		);
	const present = Object.keys(this.getInputData(0)[itemIndex]?.binary ?? {});
	if (!present.includes(name)) {
		const available = present.length
			? `; the item has ${present.map((key) => `"${key}"`).join(', ')}`
			: '; the item has no binary data';
		throw invalidField(
			this,
			itemIndex,
			field,
			`"${field}": the input item has no binary field "${name}"${available}`,
		);
	}
	const binary = this.helpers.assertBinaryData(itemIndex, name);
	// The size is checked before the file is read: a 500 MB video is refused without loading it.
	const announced = await sizeBeforeReading.call(this, binary);
	if (announced !== undefined) {
		const early = checkMediaFile(
			kind,
			{ size: announced, fileName: binary.fileName, mimeType: binary.mimeType },
			field,
		);
		if (early) throw invalidField(this, itemIndex, early.field, early.rule);
	}
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, name);
	const facts = { size: buffer.length, fileName: binary.fileName, mimeType: binary.mimeType };
	const violation = checkMediaFile(kind, facts, field);
	if (violation) throw invalidField(this, itemIndex, violation.field, violation.rule);
	return {
		buffer,
		fileName: uploadFileName(kind, facts),
		mimeType: binary.mimeType || 'application/octet-stream',
	};
}

/**
 * The file's size without reading it: from the binary data store's metadata (filesystem, S3), or
 * from the length of the base64 text when n8n keeps the file in the item. Undefined when unknown.
 */
async function sizeBeforeReading(
	this: IExecuteFunctions,
	binary: IBinaryData,
): Promise<number | undefined> {
	if (typeof binary.id === 'string' && binary.id !== '') {
		try {
			const metadata = await this.helpers.getBinaryMetadata(binary.id);
			return typeof metadata.fileSize === 'number' && Number.isFinite(metadata.fileSize)
				? metadata.fileSize
				: undefined;
		} catch {
			return undefined;
		}
	}
	if (typeof binary.data !== 'string' || binary.data === '') return undefined;
	// n8n writes base64 without line breaks: 4 characters per 3 bytes, less the padding.
	const text = binary.data;
	const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
	return Math.floor((text.length * 3) / 4) - padding;
}

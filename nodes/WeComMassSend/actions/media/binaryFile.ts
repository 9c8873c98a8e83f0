import type { IExecuteFunctions } from 'n8n-workflow';

import { checkMediaFile, uploadFileName, type UploadKind } from '../../../shared/validation/attachmentsMedia';
import { invalidField } from '../common/fields';

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
	if (!name) throw invalidField(this, itemIndex, field, `"${field}" is empty; name the binary property that holds the file (usually "data")`);
	const present = Object.keys(this.getInputData(0)[itemIndex]?.binary ?? {});
	if (!present.includes(name)) {
		const available = present.length ? `; the item has ${present.map((key) => `"${key}"`).join(', ')}` : '; the item has no binary data';
		throw invalidField(this, itemIndex, field, `"${field}": the input item has no binary property "${name}"${available}`);
	}
	const binary = this.helpers.assertBinaryData(itemIndex, name);
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, name);
	const facts = { size: buffer.length, fileName: binary.fileName, mimeType: binary.mimeType };
	const violation = checkMediaFile(kind, facts, field);
	if (violation) throw invalidField(this, itemIndex, violation.field, violation.rule);
	return { buffer, fileName: uploadFileName(kind, facts), mimeType: binary.mimeType || 'application/octet-stream' };
}

import { createHash } from 'node:crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { readUploadableFile, type UploadableFile } from './binaryFile';
import { uploadMedia } from './uploadMedia';
import type { ExecutionState } from '../types';
import type { AttachmentEntry, InlineUpload } from './attachmentInput';

interface ReadyUpload {
	entry: AttachmentEntry & { upload: InlineUpload };
	file: UploadableFile;
}

/** Reads and checks every inline file first, so a bad file fails the item before anything is sent. */
export async function readInlineFiles(
	this: IExecuteFunctions,
	itemIndex: number,
	entries: AttachmentEntry[],
): Promise<ReadyUpload[]> {
	const ready: ReadyUpload[] = [];
	for (const entry of entries) {
		if (!entry.upload) continue;
		const { binaryProperty, mediaType, field } = entry.upload;
		const file = await readUploadableFile.call(this, itemIndex, binaryProperty, mediaType, field);
		ready.push({ entry: entry as ReadyUpload['entry'], file });
	}
	return ready;
}

/**
 * Uploads each file and writes its media_id into the attachment. The same content for the same
 * media type is uploaded once per execution: a flow sending one brochure to 500 customers must not
 * make 500 uploads (and media_ids are valid for 3 days, far longer than any execution).
 */
export async function uploadInlineFiles(
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
	ready: ReadyUpload[],
): Promise<void> {
	for (const { entry, file } of ready) {
		const { mediaType, key } = entry.upload;
		const fingerprint = `${mediaType}:${createHash('sha256').update(file.buffer).digest('hex')}`;
		let mediaId = state.uploads.get(fingerprint);
		if (!mediaId) {
			mediaId = uploadMedia
				.call(this, itemIndex, mediaType, file)
				.then((uploaded) => uploaded.media_id);
			state.uploads.set(fingerprint, mediaId);
			// A failed upload is reported by the item that made it; later items get their own try.
			mediaId.catch(() => state.uploads.delete(fingerprint));
		}
		const inner = entry.attachment[entry.attachment.msgtype] as Record<string, unknown>;
		inner[key] = await mediaId;
	}
}

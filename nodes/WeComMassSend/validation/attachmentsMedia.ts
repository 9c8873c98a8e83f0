/**
 * WeCom's size and type limits for uploaded files, checked before uploading so a user learns
 * which file broke which rule instead of reading WeCom's bare 40005/40006/40009.
 */
import type { Violation } from './content';

export type MediaType = 'image' | 'voice' | 'video' | 'file';
/** `uploadimg`: the permanent-URL image upload used for image.pic_url. */
export type UploadKind = MediaType | 'uploadimg';

const MB = 1024 * 1024;

/** WeCom refuses files of 5 bytes or less. */
export const MIN_FILE_BYTES = 6;

interface MediaLimit {
	maxBytes: number;
	/** Allowed extensions and their MIME types; absent: any file. */
	formats?: Record<string, string>;
	label: string;
}

const IMAGE_FORMATS = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

export const MEDIA_LIMITS: Record<UploadKind, MediaLimit> = {
	image: { maxBytes: 10 * MB, formats: IMAGE_FORMATS, label: 'jpg or png image' },
	voice: { maxBytes: 2 * MB, formats: { amr: 'audio/amr' }, label: 'amr voice file' },
	video: { maxBytes: 10 * MB, formats: { mp4: 'video/mp4' }, label: 'mp4 video' },
	file: { maxBytes: 20 * MB, label: 'file' },
	uploadimg: { maxBytes: 2 * MB, formats: IMAGE_FORMATS, label: 'jpg or png image' },
};

export interface FileFacts {
	size: number;
	fileName?: string;
	mimeType?: string;
}

function extensionOf(fileName: string | undefined): string {
	return /\.([^./\\]+)$/.exec(fileName ?? '')?.[1].toLowerCase() ?? '';
}

function formatSize(bytes: number): string {
	return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${bytes} bytes`;
}

/** The extension WeCom will see, taken from the name or, failing that, from the MIME type. */
function matchedExtension(kind: UploadKind, file: FileFacts): string | undefined {
	const formats = MEDIA_LIMITS[kind].formats;
	if (!formats) return extensionOf(file.fileName);
	const ext = extensionOf(file.fileName);
	if (ext in formats) return ext;
	const mime = (file.mimeType ?? '').toLowerCase().split(';')[0].trim();
	return Object.keys(formats).find((candidate) => formats[candidate] === mime);
}

export function checkMediaFile(
	kind: UploadKind,
	file: FileFacts,
	field: string,
): Violation | undefined {
	const limit = MEDIA_LIMITS[kind];
	const name = file.fileName ? `"${file.fileName}"` : 'The file';
	const what = kind === 'uploadimg' ? 'Upload Image' : `${kind} media`;
	if (file.size < MIN_FILE_BYTES) {
		return {
			field,
			rule: `${name} is ${file.size} bytes; WeCom accepts only files larger than 5 bytes`,
		};
	}
	if (matchedExtension(kind, file) === undefined) {
		const seen = [extensionOf(file.fileName) && `.${extensionOf(file.fileName)}`, file.mimeType]
			.filter(Boolean)
			.join(', ');
		return {
			field,
			rule: `${name}${seen ? ` (${seen})` : ''} is not a ${limit.label}; WeCom accepts only a ${limit.label} for ${what}`,
		};
	}
	if (file.size > limit.maxBytes) {
		return {
			field,
			rule: `${name} is ${formatSize(file.size)}; WeCom accepts at most ${formatSize(limit.maxBytes)} for ${what}`,
		};
	}
	return undefined;
}

/**
 * WeCom judges the type by the file name's extension, so a file whose name lacks the right one
 * (e.g. "photo" with MIME type image/png) is sent as "photo.png".
 */
export function uploadFileName(kind: UploadKind, file: FileFacts): string {
	const base = file.fileName?.trim() || kind;
	const ext = matchedExtension(kind, { ...file, fileName: base });
	if (!ext || extensionOf(base) === ext) return base;
	return `${base}.${ext}`;
}

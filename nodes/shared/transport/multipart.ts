import { randomBytes } from 'node:crypto';

/**
 * Builds a multipart/form-data body by hand so the upload still goes through n8n's request helper
 * (credentials, proxy settings, error wrapping) as a plain Buffer, with no form-data dependency.
 */
export interface FormFile {
	name: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartBody {
	buffer: Buffer;
	contentType: string;
}

/** Quoted-string escaping as browsers do it (WHATWG), which WeCom and common parsers accept. */
function quote(value: string): string {
	return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** type/subtype with optional parameters (RFC 9110 media-type): nothing that could end the header line. */
const MEDIA_TYPE =
	/^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+(?:[ \t]*;[ \t]*[\w!#$%&'*+.^`|~-]+=(?:[\w!#$%&'*+.^`|~-]+|"[^"\\\u0000-\u001f\u007f]*"))*$/;

/**
 * The part's Content-Type header value. A binary's MIME type comes from whoever made the item (a
 * download's header, an expression); one that is not a plain media type — a CR/LF would start new
 * headers in the body WeCom parses — is sent as application/octet-stream.
 */
export function partContentType(value: string | undefined): string {
	const trimmed = (value ?? '').trim();
	return MEDIA_TYPE.test(trimmed) ? trimmed : 'application/octet-stream';
}

export function buildMultipart(files: FormFile[]): MultipartBody {
	for (;;) {
		const boundary = `----n8nWeComFormBoundary${randomBytes(12).toString('hex')}`;
		const chunks: Buffer[] = [];
		for (const file of files) {
			const head =
				`--${boundary}\r\n` +
				`Content-Disposition: form-data; name="${quote(file.name)}"; filename="${quote(file.filename)}"\r\n` +
				`Content-Type: ${partContentType(file.contentType)}\r\n\r\n`;
			chunks.push(Buffer.from(head, 'utf8'), file.data, Buffer.from('\r\n'));
		}
		chunks.push(Buffer.from(`--${boundary}--\r\n`));
		// A random boundary inside the file itself would cut it short; vanishingly rare, but cheap to rule out.
		if (files.some((file) => file.data.includes(boundary))) continue;
		return {
			buffer: Buffer.concat(chunks),
			contentType: `multipart/form-data; boundary=${boundary}`,
		};
	}
}

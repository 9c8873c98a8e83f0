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

export function buildMultipart(files: FormFile[]): MultipartBody {
	for (;;) {
		const boundary = `----n8nWeComFormBoundary${randomBytes(12).toString('hex')}`;
		const chunks: Buffer[] = [];
		for (const file of files) {
			const head =
				`--${boundary}\r\n` +
				`Content-Disposition: form-data; name="${quote(file.name)}"; filename="${quote(file.filename)}"\r\n` +
				`Content-Type: ${file.contentType || 'application/octet-stream'}\r\n\r\n`;
			chunks.push(Buffer.from(head, 'utf8'), file.data, Buffer.from('\r\n'));
		}
		chunks.push(Buffer.from(`--${boundary}--\r\n`));
		// A random boundary inside the file itself would cut it short; vanishingly rare, but cheap to rule out.
		if (files.some((file) => file.data.includes(boundary))) continue;
		return { buffer: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
	}
}

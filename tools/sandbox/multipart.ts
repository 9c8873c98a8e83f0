/** Just enough multipart/form-data parsing for WeCom's media uploads (one file, a few fields). */

export interface FormPart {
	name: string;
	filename?: string;
	contentType?: string;
	/** Header lines of the part other than Content-Disposition and Content-Type (none from a well-made upload). */
	otherHeaders?: string[];
	data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
	if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return m ? (m[1] ?? m[2]) : undefined;
}

function headerParam(header: string, name: string): string | undefined {
	// filename*= (RFC 5987) first, because clients that send it also send an ASCII fallback.
	const ext = new RegExp(`${name}\\*=(?:[\\w-]+)?'[^']*'([^;]+)`, 'i').exec(header);
	if (ext) {
		try {
			return decodeURIComponent(ext[1].trim());
		} catch {
			return ext[1].trim();
		}
	}
	const m = new RegExp(`(?:^|;)\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
	if (!m) return undefined;
	return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim();
}

/** Returns undefined when the body is not well-formed multipart for this boundary. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] | undefined {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: FormPart[] = [];
	let pos = body.indexOf(delimiter);
	if (pos < 0) return undefined;
	for (;;) {
		pos += delimiter.length;
		if (body.subarray(pos, pos + 2).toString() === '--') return parts;
		if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2;
		const headerEnd = body.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) return undefined;
		const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
		const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
		if (next < 0) return undefined;
		const part: FormPart = { name: '', data: body.subarray(headerEnd + 4, next) };
		for (const line of headers) {
			const colon = line.indexOf(':');
			if (colon < 0) {
				(part.otherHeaders ??= []).push(line);
				continue;
			}
			const key = line.slice(0, colon).trim().toLowerCase();
			const value = line.slice(colon + 1).trim();
			if (key === 'content-disposition') {
				part.name = headerParam(value, 'name') ?? '';
				part.filename = headerParam(value, 'filename');
			} else if (key === 'content-type') {
				part.contentType = value;
			} else {
				(part.otherHeaders ??= []).push(line);
			}
		}
		parts.push(part);
		pos = next + 2;
	}
}

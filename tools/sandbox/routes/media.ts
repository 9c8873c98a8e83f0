/** Temporary media (3-day media_id) and permanent image URLs, with WeCom's size and type rules. */
import { boundaryOf, parseMultipart, type FormPart } from '../multipart';
import { fail, ok, type RouteContext, type RouteTable } from '../route';
import { randomId } from '../state';

const MB = 1024 * 1024;

interface Rule {
	extensions?: readonly string[];
	maxBytes: number;
	tooBig: [number, string];
}

const RULES: Record<string, Rule> = {
	image: {
		extensions: ['jpg', 'jpeg', 'png'],
		maxBytes: 10 * MB,
		tooBig: [40009, 'invalid image size'],
	},
	voice: { extensions: ['amr'], maxBytes: 2 * MB, tooBig: [40010, 'invalid voice size'] },
	video: { extensions: ['mp4'], maxBytes: 10 * MB, tooBig: [40011, 'invalid video size'] },
	file: { maxBytes: 20 * MB, tooBig: [40006, 'invalid file size'] },
};

const UPLOADIMG: Rule = {
	extensions: ['jpg', 'jpeg', 'png'],
	maxBytes: 2 * MB,
	tooBig: [40009, 'invalid image size'],
};

function mediaPart(ctx: RouteContext): FormPart {
	const boundary = boundaryOf(ctx.contentType);
	const parts = boundary ? parseMultipart(ctx.raw, boundary) : undefined;
	return parts?.find((p) => p.name === 'media') ?? fail(40058, 'media field missing');
}

function check(part: FormPart, rule: Rule): void {
	if (part.data.length <= 5) fail(40006, 'invalid file size');
	const ext = /\.([^.]+)$/.exec(part.filename ?? '')?.[1].toLowerCase() ?? '';
	if (rule.extensions && !rule.extensions.includes(ext)) fail(40005, 'invalid file type');
	if (part.data.length > rule.maxBytes) fail(...rule.tooBig);
}

export const mediaRoutes: RouteTable = {
	'/cgi-bin/media/upload': {
		method: 'POST',
		auth: true,
		body: 'raw',
		handle(ctx) {
			const type = ctx.query.type ?? '';
			const rule = RULES[type] ?? fail(40004, 'invalid media type');
			const part = mediaPart(ctx);
			check(part, rule);
			const mediaId = randomId('3', 63);
			const createdAt = Date.now();
			ctx.state.media.set(mediaId, {
				type,
				filename: part.filename ?? '',
				contentType: part.contentType ?? 'application/octet-stream',
				size: part.data.length,
				createdAt,
			});
			// WeCom really does send created_at as a string here, and errmsg empty.
			return {
				json: {
					errcode: 0,
					errmsg: '',
					type,
					media_id: mediaId,
					created_at: String(Math.floor(createdAt / 1000)),
				},
			};
		},
	},
	'/cgi-bin/media/uploadimg': {
		method: 'POST',
		auth: true,
		body: 'raw',
		handle(ctx) {
			const part = mediaPart(ctx);
			check(part, UPLOADIMG);
			return ok({ url: `https://wework.qpic.cn/sandbox/${randomId('', 32)}/0` });
		},
	},
};

/**
 * 企业发表内容到客户的朋友圈 (page 95094): add_moment_task answers a jobid, get_moment_task_result
 * finishes the job after a few polls; media/upload_attachment (page 95098) gives the media_ids a
 * moment's attachments need (attachment_type 1 = 朋友圈). Members and tags WeCom cannot use come
 * back in the job's result, not as an errcode.
 */
import { SEEDED_CUSTOMERS } from '../contacts';
import { MEMBERS } from '../members';
import { MOMENT_JOB_POLLS, type Moment } from '../moments';
import { boundaryOf, parseMultipart } from '../multipart';
import { fail, ok, post, type RouteContext, type RouteResult, type RouteTable } from '../route';
import { randomId, type SandboxState } from '../state';
import { bytes, isObject, stringArray } from '../validate';

const MB = 1024 * 1024;
export const MOMENT_TEXT_MAX_BYTES = 4000;
export const MOMENT_IMAGES_MAX = 9;
export const MOMENT_SENDERS_MAX = 100000;

const ATTACHMENT_RULES: Record<
	string,
	{ extensions: string[]; maxBytes: number; tooBig: [number, string] }
> = {
	image: {
		extensions: ['jpg', 'jpeg', 'png'],
		maxBytes: 10 * MB,
		tooBig: [40009, 'invalid image size'],
	},
	video: { extensions: ['mp4'], maxBytes: 10 * MB, tooBig: [40011, 'invalid video size'] },
};

function uploadAttachment(ctx: RouteContext): RouteResult {
	const type = ctx.query.media_type ?? '';
	const rule = ATTACHMENT_RULES[type] ?? fail(40004, 'invalid media type');
	if (!['1', '2'].includes(ctx.query.attachment_type ?? ''))
		fail(40058, 'invalid parameter: attachment_type');
	const boundary = boundaryOf(ctx.contentType);
	const part =
		(boundary ? parseMultipart(ctx.raw, boundary) : undefined)?.find((p) => p.name === 'media') ??
		fail(40058, 'media field missing');
	if (part.data.length <= 5) fail(40006, 'invalid file size');
	const ext = /\.([^.]+)$/.exec(part.filename ?? '')?.[1].toLowerCase() ?? '';
	if (!rule.extensions.includes(ext)) fail(40005, 'invalid file type');
	if (part.data.length > rule.maxBytes) fail(...rule.tooBig);
	const mediaId = randomId('WWCISP_', 40);
	const createdAt = Date.now();
	ctx.state.media.set(mediaId, {
		type: `attachment:${type}`,
		filename: part.filename ?? '',
		contentType: part.contentType ?? 'application/octet-stream',
		size: part.data.length,
		createdAt,
	});
	return ok({ type, media_id: mediaId, created_at: String(Math.floor(createdAt / 1000)) });
}

function attachmentMedia(state: SandboxState, inner: unknown, type: string, where: string): void {
	if (!isObject(inner) || typeof inner.media_id !== 'string' || inner.media_id === '')
		fail(40058, `${where}.media_id missing`);
	const media = state.media.get(inner.media_id as string);
	// A moment takes only media uploaded with upload_attachment, of the right type.
	if (!media || media.type !== `attachment:${type}`) fail(40007, 'invalid media_id');
}

function addMomentTask(state: SandboxState, body: Record<string, unknown>): RouteResult {
	let content: string | undefined;
	if (body.text !== undefined) {
		if (!isObject(body.text)) fail(40058, 'invalid parameter: text');
		const c = body.text.content;
		if (c !== undefined && typeof c !== 'string') fail(40058, 'invalid parameter: text.content');
		content = c || undefined;
		if (content && bytes(content) > MOMENT_TEXT_MAX_BYTES) fail(40058, 'invalid text size');
	}
	const attachments = body.attachments ?? [];
	if (!Array.isArray(attachments)) fail(40058, 'invalid parameter: attachments');
	if (!content && attachments.length === 0) fail(40058, 'text and attachments are both empty');
	const types = new Set<string>();
	attachments.forEach((a: unknown, i: number) => {
		if (!isObject(a) || typeof a.msgtype !== 'string')
			fail(40058, `invalid parameter: attachments[${i}].msgtype`);
		const t = a.msgtype as string;
		types.add(t);
		if (t === 'image') attachmentMedia(state, a.image, 'image', `attachments[${i}].image`);
		else if (t === 'video') attachmentMedia(state, a.video, 'video', `attachments[${i}].video`);
		else if (t === 'link') {
			const link = a.link;
			if (!isObject(link) || typeof link.url !== 'string' || !link.url)
				fail(40058, `attachments[${i}].link.url missing`);
			attachmentMedia(state, link, 'image', `attachments[${i}].link`);
		} else fail(40058, `invalid parameter: attachments[${i}].msgtype`);
	});
	// Up to 9 images, or 1 video, or 1 link: one kind per moment.
	if (types.size > 1) fail(40058, 'invalid parameter: attachments mix types');
	if (types.has('image') && attachments.length > MOMENT_IMAGES_MAX)
		fail(40058, 'invalid parameter: too many images');
	if ((types.has('video') || types.has('link')) && attachments.length > 1)
		fail(40058, 'invalid parameter: too many attachments');
	if (body.visible_range !== undefined) {
		if (!isObject(body.visible_range)) fail(40058, 'invalid parameter: visible_range');
		const { sender_list, external_contact_list } = body.visible_range;
		if (sender_list !== undefined) {
			if (!isObject(sender_list)) fail(40058, 'invalid parameter: sender_list');
			stringArray(sender_list, 'user_list', MOMENT_SENDERS_MAX);
		}
		if (external_contact_list !== undefined) {
			if (!isObject(external_contact_list)) fail(40058, 'invalid parameter: external_contact_list');
			stringArray(external_contact_list, 'tag_list', Number.MAX_SAFE_INTEGER);
		}
	}
	const jobid = randomId('jobid_', 32);
	state.moments.jobs.set(jobid, { jobid, polls: 0, body });
	return ok({ jobid });
}

function finish(state: SandboxState, body: Record<string, unknown>): Record<string, unknown> {
	const range = (isObject(body.visible_range) ? body.visible_range : {}) as Record<string, any>;
	const users: string[] = range.sender_list?.user_list ?? [...MEMBERS];
	const tags: string[] = range.external_contact_list?.tag_list ?? [];
	const validUsers = users.filter((u) => (MEMBERS as readonly string[]).includes(u));
	const invalidUsers = users.filter((u) => !validUsers.includes(u));
	const invalidTags = tags.filter((t) => !state.contacts.findTag(t));
	const momentId = `momSandboxCreated${String(++state.moments.seq).padStart(11, '0')}`;
	const text =
		isObject(body.text) && typeof body.text.content === 'string'
			? { content: body.text.content }
			: undefined;
	const moment: Moment = {
		moment_id: momentId,
		creator: validUsers[0] ?? 'zhangsan',
		create_time: Math.floor(Date.now() / 1000),
		create_type: 0,
		visible_type: tags.length > 0 ? 0 : 1,
		...(text ? { text } : {}),
		tasks: validUsers.map((userid) => ({
			userid,
			publish_status: 0,
			visible: [SEEDED_CUSTOMERS.lilei],
			sent: [],
			comments: [],
			likes: [],
		})),
		cancelled: false,
	};
	state.moments.add(moment);
	return {
		errcode: 0,
		errmsg: 'ok',
		moment_id: momentId,
		invalid_sender_list: { user_list: invalidUsers, department_list: [] },
		invalid_external_contact_list: { tag_list: invalidTags },
	};
}

export const momentTaskRoutes: RouteTable = {
	'/cgi-bin/media/upload_attachment': {
		method: 'POST',
		auth: true,
		body: 'raw',
		handle: uploadAttachment,
	},
	'/cgi-bin/externalcontact/add_moment_task': post(({ state, body }) => addMomentTask(state, body)),
	'/cgi-bin/externalcontact/get_moment_task_result': {
		method: 'GET',
		auth: true,
		body: 'raw',
		handle: ({ state, query }) => {
			if (!query.jobid) fail(40058, 'jobid missing');
			const job = state.moments.jobs.get(query.jobid) ?? fail(40058, 'invalid parameter: jobid');
			job.polls++;
			if (job.polls < MOMENT_JOB_POLLS)
				return ok({ status: job.polls === 1 ? 1 : 2, type: 'add_moment_task', result: {} });
			job.result ??= finish(state, job.body);
			return ok({ status: 3, type: 'add_moment_task', result: job.result });
		},
	},
};

/** group_welcome_template: 入群欢迎语素材. At most one attachment kind survives, chosen by WeCom's priority. */
import { fail, ok, post, type RouteTable } from '../route';
import { randomId, type SandboxState } from '../state';
import {
	attachmentBody,
	optionalInt,
	requiredString,
	textContent,
	type AttachmentType,
} from '../validate';

const PRIORITY: readonly AttachmentType[] = ['image', 'link', 'miniprogram', 'file', 'video'];
const MAX_TEMPLATES = 100;

interface Content {
	text?: { content: string };
	attachment?: [AttachmentType, unknown];
}

function readContent(state: SandboxState, body: Record<string, unknown>): Content {
	const text = textContent(body.text, 3000);
	const out: Content = text === undefined ? {} : { text: { content: text } };
	for (const type of PRIORITY) {
		const v = body[type];
		if (v === undefined || v === null) continue;
		attachmentBody(state, type, v, type);
		// WeCom keeps the highest-priority kind and drops the rest without an error.
		out.attachment ??= [type, v];
	}
	if (!out.text && !out.attachment)
		fail(40058, 'invalid parameter: text and attachment cannot both be empty');
	return out;
}

function knownTemplate(
	state: SandboxState,
	body: Record<string, unknown>,
): Record<string, unknown> {
	const id = requiredString(body, 'template_id');
	return state.templates.get(id) ?? fail(40058, 'invalid template_id');
}

function agentId(body: Record<string, unknown>): number | undefined {
	return optionalInt(body, 'agentid');
}

export const groupWelcomeTemplateRoutes: RouteTable = {
	'/cgi-bin/externalcontact/group_welcome_template/add': post(({ state, body }) => {
		const content = readContent(state, body);
		const notify = optionalInt(body, 'notify');
		if (notify !== undefined && notify !== 0 && notify !== 1)
			fail(40058, 'invalid parameter: notify');
		const agentid = agentId(body);
		if (state.templates.size >= MAX_TEMPLATES)
			fail(41055, 'the number of welcome template exceeds limit');
		const templateId = randomId('msg', 26);
		state.templates.set(templateId, {
			template_id: templateId,
			...(content.text ? { text: content.text } : {}),
			...(content.attachment ? { [content.attachment[0]]: content.attachment[1] } : {}),
			notify: notify ?? 1,
			...(agentid !== undefined ? { agentid } : {}),
		});
		return ok({ template_id: templateId });
	}),
	'/cgi-bin/externalcontact/group_welcome_template/edit': post(({ state, body }) => {
		const tpl = knownTemplate(state, body);
		const content = readContent(state, body);
		agentId(body);
		// Fields that are sent replace the stored ones; an attachment replaces whichever kind was there.
		if (content.text) tpl.text = content.text;
		if (content.attachment) {
			for (const type of PRIORITY) delete tpl[type];
			tpl[content.attachment[0]] = content.attachment[1];
		}
		return ok();
	}),
	'/cgi-bin/externalcontact/group_welcome_template/get': post(({ state, body }) => {
		const tpl = knownTemplate(state, body);
		const out: Record<string, unknown> = { text: tpl.text ?? { content: '' } };
		for (const type of PRIORITY) if (tpl[type] !== undefined) out[type] = tpl[type];
		return ok(out);
	}),
	'/cgi-bin/externalcontact/group_welcome_template/del': post(({ state, body }) => {
		const tpl = knownTemplate(state, body);
		agentId(body);
		state.templates.delete(tpl.template_id as string);
		return ok();
	}),
};

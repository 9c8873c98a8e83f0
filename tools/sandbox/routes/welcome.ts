/** send_welcome_msg: the welcome message, gated by a single-use welcome_code that lives 20 s. */
import { fail, ok, post, type RouteTable } from '../route';
import { attachments, requiredString, textContent } from '../validate';

export const welcomeRoutes: RouteTable = {
	'/cgi-bin/externalcontact/send_welcome_msg': post(({ state, body }) => {
		const code = requiredString(body, 'welcome_code');
		const text = textContent(body.text, 4000);
		const atts = attachments(state, body.attachments);
		if (text === undefined && atts.length === 0)
			fail(40058, 'invalid parameter: text and attachments cannot both be empty');
		const now = Date.now();
		const entry = state.welcomeCodes.get(code);
		if (!entry || now >= entry.expiresAt) fail(41050, 'welcome_code expired');
		if (entry.usedAt !== undefined)
			fail(41051, 'welcome message already sent or chat already started');
		if (now < entry.heldUntil) fail(41096, 'welcome message is being sent by another app');
		entry.usedAt = now;
		state.welcomeSends.push({ code, body, at: now });
		return ok();
	}),
};

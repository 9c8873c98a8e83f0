/**
 * Every WeCom endpoint this package calls, with the one fact the transport needs about it:
 * whether a call that may have reached WeCom can be sent again without doing the thing twice.
 */
export type RepeatPolicy =
	/** Pure reads: repeated on busy / 5xx / a lost answer, since reading twice changes nothing. */
	| 'safe'
	/**
	 * Everything that changes WeCom state, even when it looks idempotent: a repeated remind spends
	 * one of 3 daily reminders and notifies members twice, a repeated delete that had succeeded
	 * reports a failure, an upload counts against a daily quota. Repeated only when the request
	 * provably never left this machine (connection refused, DNS).
	 */
	| 'once';

export interface Endpoint {
	/** Shown in errors, e.g. "S1 add_msg_template". */
	label: string;
	method: 'GET' | 'POST';
	path: string;
	repeat: RepeatPolicy;
}

const externalContact = (
	label: string,
	path: string,
	repeat: RepeatPolicy,
	method: 'GET' | 'POST' = 'POST',
): Endpoint => ({ label, method, path: `/cgi-bin/externalcontact/${path}`, repeat });

export const ENDPOINTS = {
	createMassMessage: externalContact('S1 add_msg_template', 'add_msg_template', 'once'),
	remindMassMessage: externalContact('S2 remind_groupmsg_send', 'remind_groupmsg_send', 'once'),
	cancelMassMessage: externalContact('S3 cancel_groupmsg_send', 'cancel_groupmsg_send', 'once'),
	listMassMessages: externalContact('S4 get_groupmsg_list_v2', 'get_groupmsg_list_v2', 'safe'),
	getMemberTasks: externalContact('S5 get_groupmsg_task', 'get_groupmsg_task', 'safe'),
	getSendResults: externalContact('S6 get_groupmsg_send_result', 'get_groupmsg_send_result', 'safe'),
	sendWelcomeMessage: externalContact('S7 send_welcome_msg', 'send_welcome_msg', 'once'),
	createGroupWelcomeTemplate: externalContact('S8 group_welcome_template/add', 'group_welcome_template/add', 'once'),
	updateGroupWelcomeTemplate: externalContact('S9 group_welcome_template/edit', 'group_welcome_template/edit', 'once'),
	getGroupWelcomeTemplate: externalContact('S10 group_welcome_template/get', 'group_welcome_template/get', 'safe'),
	deleteGroupWelcomeTemplate: externalContact('S11 group_welcome_template/del', 'group_welcome_template/del', 'once'),
	listFollowUsers: externalContact('get_follow_user_list', 'get_follow_user_list', 'safe', 'GET'),
	// Uploads count against daily quotas (uploadimg: 1,000 a day), so a lost answer is not resent.
	uploadMedia: { label: 'media/upload', method: 'POST', path: '/cgi-bin/media/upload', repeat: 'once' },
	uploadImage: { label: 'media/uploadimg', method: 'POST', path: '/cgi-bin/media/uploadimg', repeat: 'once' },
} satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

export const ACCESS_GRANT_PATH = '/cgi-bin/gettoken';
export const DEFAULT_BASE_URL = 'https://qyapi.weixin.qq.com';

export function normalizeBaseUrl(baseUrl: unknown): string {
	const text = typeof baseUrl === 'string' && baseUrl.trim() !== '' ? baseUrl.trim() : DEFAULT_BASE_URL;
	return text.replace(/\/+$/, '');
}

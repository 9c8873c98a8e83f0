/**
 * WeCom reports send status as bare numbers whose meaning differs per API (get_groupmsg_task uses 2 for "sent",
 * get_groupmsg_send_result uses 1), so the labels live next to the API they belong to.
 */
export type MemberTaskStatusLabel = 'unsent' | 'sent';
export type SendResultStatusLabel = 'unsent' | 'sent' | 'notFriend' | 'monthlyLimitReached';

/** get_groupmsg_task: 0 the member has not sent yet, 2 the member has sent. */
export const MEMBER_TASK_STATUS: Readonly<Record<number, MemberTaskStatusLabel>> = {
	0: 'unsent',
	2: 'sent',
};

/**
 * get_groupmsg_send_result: 3 means the customer already had this month's allowance of mass
 * messages (as many as the month has days, unless the admin set 7 a week or 1 a day).
 */
export const SEND_RESULT_STATUS: Readonly<Record<number, SendResultStatusLabel>> = {
	0: 'unsent',
	1: 'sent',
	2: 'notFriend',
	3: 'monthlyLimitReached',
};

export const SEND_RESULT_LABELS: readonly SendResultStatusLabel[] = [
	'unsent',
	'sent',
	'notFriend',
	'monthlyLimitReached',
];

/** Unknown codes stay visible instead of being mislabelled. */
export function memberTaskStatusLabel(status: unknown): string {
	return MEMBER_TASK_STATUS[Number(status)] ?? `unknown(${String(status)})`;
}

export function sendResultStatusLabel(status: unknown): string {
	return SEND_RESULT_STATUS[Number(status)] ?? `unknown(${String(status)})`;
}

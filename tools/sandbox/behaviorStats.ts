/**
 * 联系客户统计 (get_user_behavior_data): made-up but fixed numbers per member and day, so a test can
 * add them up itself and compare.
 */
import { createHash } from 'node:crypto';

export interface BehaviorDay {
	stat_time: number;
	chat_cnt: number;
	message_cnt: number;
	reply_percentage: number;
	avg_reply_time: number;
	negative_feedback_cnt: number;
	new_apply_cnt: number;
	new_contact_cnt: number;
}

const DAY = 86400;
/** China time: WeCom's days start at 00:00 +08:00. */
const CHINA_OFFSET = 8 * 3600;

export function dayStart(seconds: number): number {
	return Math.floor((seconds + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
}

function n(userid: string, day: number, salt: string, mod: number): number {
	return createHash('sha1').update(`${userid}|${day}|${salt}`).digest().readUInt16BE(0) % mod;
}

export function memberDay(userid: string, day: number): BehaviorDay {
	return {
		stat_time: day,
		chat_cnt: n(userid, day, 'chat', 20),
		message_cnt: n(userid, day, 'msg', 100),
		reply_percentage: n(userid, day, 'reply', 101),
		avg_reply_time: n(userid, day, 'time', 60),
		negative_feedback_cnt: n(userid, day, 'neg', 3),
		new_apply_cnt: n(userid, day, 'apply', 10),
		new_contact_cnt: n(userid, day, 'new', 10),
	};
}

/** The days of [start, end], each as its 00:00 China time. */
export function daysOf(start: number, end: number): number[] {
	const days: number[] = [];
	for (let day = dayStart(start); day <= end; day += DAY) days.push(day);
	return days;
}

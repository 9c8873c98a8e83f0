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

/** 群聊数据统计 of one owner on one day (groupchat/statistic, statistic_group_by_day). */
export interface GroupDay {
	new_chat_cnt: number;
	chat_total: number;
	chat_has_msg: number;
	new_member_cnt: number;
	member_total: number;
	member_has_msg: number;
	msg_total: number;
	migrate_trainee_chat_cnt: number;
}

export function ownerDay(owner: string, day: number): GroupDay {
	return {
		new_chat_cnt: n(owner, day, 'gnew', 3),
		chat_total: 10 + n(owner, day, 'gtotal', 5),
		chat_has_msg: n(owner, day, 'gmsgchat', 5),
		new_member_cnt: n(owner, day, 'gmember', 20),
		member_total: 100 + n(owner, day, 'gmembers', 50),
		member_has_msg: n(owner, day, 'gactive', 30),
		msg_total: n(owner, day, 'gmsgs', 200),
		migrate_trainee_chat_cnt: 0,
	};
}

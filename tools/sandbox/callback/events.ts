/**
 * Every event WeCom sends to the 客户联系 callback URL, with WeCom's field sets and field order
 * (official pages 92130, 92005, the customer group and tag event pages; facts file): the
 * emitter encrypts these exactly as WeCom would. Numbers are bare in the XML, lists are one
 * `<Item>` per entry.
 */
import { randomBytes } from 'node:crypto';

export type CallbackEventValue = string | number | string[];
export type CallbackEvent = Record<string, CallbackEventValue>;

export const CONTACT_CHANGE_TYPES = [
	'add_external_contact',
	'edit_external_contact',
	'add_half_external_contact',
	'del_external_contact',
	'del_follow_user',
	'transfer_fail',
	'msg_audit_approved',
] as const;
export const CHAT_CHANGE_TYPES = ['create', 'update', 'dismiss'] as const;
export const CHAT_UPDATE_DETAILS = [
	'add_member',
	'del_member',
	'change_owner',
	'change_name',
	'change_notice',
] as const;
export const TAG_CHANGE_TYPES = ['create', 'update', 'delete', 'shuffle'] as const;

export type ContactChangeType = (typeof CONTACT_CHANGE_TYPES)[number];
export type ChatChangeType = (typeof CHAT_CHANGE_TYPES)[number];
export type ChatUpdateDetail = (typeof CHAT_UPDATE_DETAILS)[number];
export type TagChangeType = (typeof TAG_CHANGE_TYPES)[number];

/** Every family and ChangeType, in WeCom's order. */
export const EVERY_EVENT: ReadonlyArray<{ event: string; changeType: string }> = [
	...CONTACT_CHANGE_TYPES.map((changeType) => ({ event: 'change_external_contact', changeType })),
	...CHAT_CHANGE_TYPES.map((changeType) => ({ event: 'change_external_chat', changeType })),
	...TAG_CHANGE_TYPES.map((changeType) => ({ event: 'change_external_tag', changeType })),
];

function id(prefix: string, length: number): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = randomBytes(length);
	return prefix + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function common(corpId: string, event: string, createTime?: number): CallbackEvent {
	return {
		ToUserName: corpId,
		FromUserName: 'sys',
		CreateTime: createTime ?? Math.floor(Date.now() / 1000),
		MsgType: 'event',
		Event: event,
	};
}

export interface ContactEventOptions {
	createTime?: number;
	userId?: string;
	externalUserId?: string;
	state?: string;
	/** For the ChangeTypes that carry one; omitted when undefined (WeCom leaves it out in some cases). */
	welcomeCode?: string;
	source?: string;
	failReason?: 'customer_refused' | 'customer_limit_exceed';
}

/** change_external_contact (客户变更): the fields each ChangeType carries. */
export function contactEvent(
	corpId: string,
	changeType: ContactChangeType,
	opts: ContactEventOptions = {},
): CallbackEvent {
	const event: CallbackEvent = {
		...common(corpId, 'change_external_contact', opts.createTime),
		ChangeType: changeType,
	};
	if (changeType === 'transfer_fail') event.FailReason = opts.failReason ?? 'customer_refused';
	event.UserID = opts.userId ?? 'zhangsan';
	event.ExternalUserID = opts.externalUserId ?? id('wm', 28);
	if (changeType === 'add_external_contact' || changeType === 'add_half_external_contact') {
		if (opts.state !== undefined) event.State = opts.state;
		if (opts.welcomeCode !== undefined) event.WelcomeCode = opts.welcomeCode;
	}
	if (changeType === 'msg_audit_approved' && opts.welcomeCode !== undefined)
		event.WelcomeCode = opts.welcomeCode;
	if (changeType === 'del_external_contact') event.Source = opts.source ?? 'DELETE_BY_TRANSFER';
	return event;
}

export interface ChatEventOptions {
	createTime?: number;
	chatId?: string;
	/** For update; default add_member. */
	updateDetail?: ChatUpdateDetail;
	/** add_member: 0 invited by a member, 3 scanned the group QR code. */
	joinScene?: number;
	/** del_member: 0 left, 1 removed. */
	quitScene?: number;
	/** add_member / del_member: the members' ids (external wm… or member UserIDs). */
	members?: string[];
}

/** change_external_chat (客户群变更): create | update | dismiss. */
export function chatEvent(
	corpId: string,
	changeType: ChatChangeType,
	opts: ChatEventOptions = {},
): CallbackEvent {
	const event: CallbackEvent = {
		...common(corpId, 'change_external_chat', opts.createTime),
		ChatId: opts.chatId ?? id('wr', 30),
		ChangeType: changeType,
	};
	if (changeType !== 'update') return event;
	const detail = opts.updateDetail ?? 'add_member';
	event.UpdateDetail = detail;
	if (detail === 'add_member' || detail === 'del_member') {
		if (detail === 'add_member') event.JoinScene = opts.joinScene ?? 3;
		if (detail === 'del_member') event.QuitScene = opts.quitScene ?? 0;
		const members = opts.members ?? [id('wm', 28)];
		event.MemChangeCnt = members.length;
		event.MemChangeList = members;
		event.LastMemVer = randomBytes(16).toString('hex');
		event.CurMemVer = randomBytes(16).toString('hex');
	}
	return event;
}

export interface TagEventOptions {
	createTime?: number;
	id?: string;
	tagType?: 'tag' | 'tag_group';
	/** Rule-group (规则组) tags only. */
	strategyId?: string;
}

/** change_external_tag (企业客户标签变更): create | update | delete carry TagType; shuffle does not. */
export function tagEvent(
	corpId: string,
	changeType: TagChangeType,
	opts: TagEventOptions = {},
): CallbackEvent {
	const event: CallbackEvent = {
		...common(corpId, 'change_external_tag', opts.createTime),
		Id: opts.id ?? id('et', 30),
	};
	if (changeType !== 'shuffle') event.TagType = opts.tagType ?? 'tag';
	event.ChangeType = changeType;
	if (opts.strategyId !== undefined) event.StrategyId = opts.strategyId;
	return event;
}

/**
 * customer_acquisition (获客助手事件, page 97299 ⚠: field sets from SDKs that cite it). WeCom sends
 * these to the app's callback URL; the quota events carry nothing else, the link events LinkId.
 */
export const ACQUISITION_CHANGE_TYPES = [
	'balance_low',
	'balance_exhausted',
	'balance_increased',
	'quota_expire_soon',
	'link_unavailable',
	'delete_link',
	'open_profile',
	'friend_request',
	'customer_start_chat',
	'message_from_customer',
	'del_follow_user',
] as const;
export type AcquisitionChangeType = (typeof ACQUISITION_CHANGE_TYPES)[number];
export const ACQUISITION_EVENTS: ReadonlyArray<{ event: string; changeType: string }> =
	ACQUISITION_CHANGE_TYPES.map((changeType) => ({
		event: 'customer_acquisition',
		changeType,
	}));

export interface AcquisitionEventOptions {
	createTime?: number;
	linkId?: string;
	userId?: string;
	externalUserId?: string;
	state?: string;
	expireTime?: number;
	expireQuotaNum?: number;
	chatKey?: string;
}

export function acquisitionEvent(
	corpId: string,
	changeType: AcquisitionChangeType,
	opts: AcquisitionEventOptions = {},
): CallbackEvent {
	const event: CallbackEvent = {
		...common(corpId, 'customer_acquisition', opts.createTime),
		ChangeType: changeType,
	};
	if (changeType === 'quota_expire_soon') {
		event.ExpireTime = opts.expireTime ?? Math.floor(Date.now() / 1000) + 7 * 86400;
		event.ExpireQuotaNum = opts.expireQuotaNum ?? 50;
	}
	if (changeType.startsWith('balance_') || changeType === 'quota_expire_soon') return event;
	event.LinkId = opts.linkId ?? id('ca', 16);
	if (
		changeType === 'open_profile' ||
		changeType === 'friend_request' ||
		changeType === 'customer_start_chat'
	)
		event.State = opts.state ?? '';
	if (changeType === 'customer_start_chat' || changeType === 'del_follow_user') {
		event.UserID = opts.userId ?? 'zhangsan';
		event.ExternalUserID = opts.externalUserId ?? id('wm', 28);
	}
	if (changeType === 'message_from_customer') event.ChatKey = opts.chatKey ?? id('', 32);
	return event;
}

/** What `/__sandbox/emit` accepts as `sample`: a family, a ChangeType and that family's options. */
export interface SampleSpec
	extends ContactEventOptions, ChatEventOptions, TagEventOptions, AcquisitionEventOptions {
	event: string;
	changeType: string;
}

/** One event of any family from a JSON description (out-of-process tests, `npm run dev`). */
export function sampleEvent(corpId: string, spec: SampleSpec): CallbackEvent {
	if (
		spec.event === 'customer_acquisition' &&
		(ACQUISITION_CHANGE_TYPES as readonly string[]).includes(spec.changeType)
	) {
		return acquisitionEvent(corpId, spec.changeType as AcquisitionChangeType, spec);
	}
	const known = EVERY_EVENT.some((e) => e.event === spec.event && e.changeType === spec.changeType);
	if (!known) throw new Error(`unknown event ${spec.event} / ${spec.changeType}`);
	if (spec.event === 'change_external_contact')
		return contactEvent(corpId, spec.changeType as ContactChangeType, spec);
	if (spec.event === 'change_external_chat')
		return chatEvent(corpId, spec.changeType as ChatChangeType, spec);
	return tagEvent(corpId, spec.changeType as TagChangeType, spec);
}

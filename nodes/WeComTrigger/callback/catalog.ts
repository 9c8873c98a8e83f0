import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Every event WeCom sends to the 客户联系 callback URL (WeCom's 客户联系 callback pages), and the
 * value each one has in the trigger's Events parameter.
 *
 * Values are saved in workflows: never rename one. Customer-contact events keep the bare ChangeType
 * they had before the other families existed (`add_external_contact`); the group and tag families
 * use `<Event>.<ChangeType>`, because their ChangeTypes (`create`, `update`, …) repeat.
 */
export const ALL_EVENTS = '*';

export const CONTACT_EVENT = 'change_external_contact';
export const CHAT_EVENT = 'change_external_chat';
export const TAG_EVENT = 'change_external_tag';
/** 获客助手 (page 97299): quota and link events, and what customers do through a link. */
export const ACQUISITION_EVENT = 'customer_acquisition';

interface CatalogEntry {
	event: string;
	changeType: string;
	name: string;
	description: string;
}

const CATALOG: CatalogEntry[] = [
	{
		event: CONTACT_EVENT,
		changeType: 'add_external_contact',
		name: 'Customer Added',
		description: 'A member added a customer (添加企业客户); may carry a WelcomeCode',
	},
	{
		event: CONTACT_EVENT,
		changeType: 'del_external_contact',
		name: 'Customer Deleted by Member',
		description: 'A member deleted a customer (删除企业客户)',
	},
	{
		event: CONTACT_EVENT,
		changeType: 'edit_external_contact',
		name: 'Customer Edited',
		description: 'A member edited a customer’s remark or tags (编辑企业客户)',
	},
	{
		event: CONTACT_EVENT,
		changeType: 'add_half_external_contact',
		name: 'Customer Half-Added',
		description:
			'A customer added a member who has not accepted yet (外部联系人免验证添加成员); may carry a WelcomeCode',
	},
	{
		event: CONTACT_EVENT,
		changeType: 'msg_audit_approved',
		name: 'Customer Approved Chat Archiving',
		description:
			'A customer agreed to chat archiving (客户同意进行聊天内容存档); carries a WelcomeCode',
	},
	{
		event: CONTACT_EVENT,
		changeType: 'del_follow_user',
		name: 'Member Deleted by Customer',
		description: 'A customer deleted a member (删除跟进成员)',
	},
	{
		event: CONTACT_EVENT,
		changeType: 'transfer_fail',
		name: 'Transfer Failed',
		description: 'Handing a customer over to another member failed (客户接替失败)',
	},
	{
		event: CHAT_EVENT,
		changeType: 'create',
		name: 'Customer Group Created',
		description: 'A customer group was created (客户群创建)',
	},
	{
		event: CHAT_EVENT,
		changeType: 'update',
		name: 'Customer Group Changed',
		description:
			'Members joined or left, or the owner, name or notice changed (客户群变更); see UpdateDetail',
	},
	{
		event: CHAT_EVENT,
		changeType: 'dismiss',
		name: 'Customer Group Dismissed',
		description: 'A customer group was dismissed (客户群解散)',
	},
	{
		event: TAG_EVENT,
		changeType: 'create',
		name: 'Customer Tag Created',
		description: 'A customer tag or tag group was created (企业客户标签创建)',
	},
	{
		event: TAG_EVENT,
		changeType: 'update',
		name: 'Customer Tag Changed',
		description: 'A customer tag or tag group was renamed or changed (企业客户标签变更)',
	},
	{
		event: TAG_EVENT,
		changeType: 'delete',
		name: 'Customer Tag Deleted',
		description: 'A customer tag or tag group was deleted (企业客户标签删除)',
	},
	{
		event: TAG_EVENT,
		changeType: 'shuffle',
		name: 'Customer Tags Reordered',
		description: 'The order of tags or tag groups changed (企业客户标签重排)',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'balance_low',
		name: 'Acquisition Quota Low',
		description: 'The 获客助手 quota is running low (获客额度即将耗尽)',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'balance_exhausted',
		name: 'Acquisition Quota Exhausted',
		description: 'The 获客助手 quota is used up: links stop bringing customers (使用量已经耗尽)',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'balance_increased',
		name: 'Acquisition Quota Increased',
		description: 'More 获客助手 quota was bought or granted (获客额度增加)',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'quota_expire_soon',
		name: 'Acquisition Quota Expiring',
		description:
			'Part of the quota expires soon; see ExpireTime and ExpireQuotaNum (获客额度即将过期)',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'link_unavailable',
		name: 'Acquisition Link Unavailable',
		description:
			'A link stopped working, e.g. its members left or lost the license (获客链接不可用); see LinkId',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'delete_link',
		name: 'Acquisition Link Deleted',
		description:
			'A link was deleted in the admin console (删除获客链接); deletes by the API send nothing',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'open_profile',
		name: 'Acquisition Link Opened',
		description:
			'A WeChat user opened a link (微信客户打开获客链接); some business categories only',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'friend_request',
		name: 'Acquisition Friend Request',
		description: 'A WeChat user asked to add a member through a link (通过获客链接申请好友)',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'customer_start_chat',
		name: 'Acquisition Customer Started Chat',
		description: 'A customer from a link wrote to the member for the first time (微信客户发起会话)',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'message_from_customer',
		name: 'Acquisition Customer Wrote Again',
		description:
			'A customer from a link wrote again (成员多次收消息); ChatKey reads the details for about 30 minutes',
	},
	{
		event: ACQUISITION_EVENT,
		changeType: 'del_follow_user',
		name: 'Acquisition Customer Deleted Member',
		description: 'A customer from a link deleted the member (客户删除成员)',
	},
];

/** The Events parameter value of one event family + ChangeType. */
export function eventValue(event: string, changeType: string): string {
	return event === CONTACT_EVENT ? changeType : `${event}.${changeType}`;
}

/** The Events value a received event answers to, or undefined when WeCom sent something unnamed. */
export function valueOfEvent(eventName: unknown, changeType: unknown): string | undefined {
	if (typeof eventName !== 'string' || typeof changeType !== 'string') return undefined;
	return eventValue(eventName, changeType);
}

/** The options of the Events parameter: All Events, then the families in WeCom's order. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'All Events',
		value: ALL_EVENTS,
		description: 'Every callback, including events WeCom adds later',
	},
	...CATALOG.map((entry) => ({
		name: entry.name,
		value: eventValue(entry.event, entry.changeType),
		description: entry.description,
	})),
];

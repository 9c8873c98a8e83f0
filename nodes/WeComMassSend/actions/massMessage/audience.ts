/**
 * Who a new mass message (add_msg_template) goes to, read and checked before anything is sent.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { parseIdList } from '../../../shared/idList';
import { tagFilterFromGroups, tagFilterFromJson, type TagGroup } from '../../validation/tagFilter';
import { invalidField } from '../common/fields';
import { memberId } from '../common/memberLocator';

/** add_msg_template takes at most 10,000 external_userid per call; larger lists become several tasks. */
export const MAX_CUSTOMERS_PER_TASK = 10000;
/** add_msg_template takes at most 2,000 chat_id_list entries; groups are not split (one task per group send). */
export const MAX_CHATS = 2000;

export type ChatType = 'single' | 'group';

export interface Audience {
	chatType: ChatType;
	sender: string;
	customers: string[];
	chatIds: string[];
	tagGroups: TagGroup[];
}

export function readAudience(this: IExecuteFunctions, itemIndex: number): Audience {
	const chatType = String(this.getNodeParameter('chatType', itemIndex, 'single'));
	if (chatType !== 'single' && chatType !== 'group') {
		throw invalidField(
			this,
			itemIndex,
			'chatType',
			'"Send To" must be single (customers) or group (customer groups)',
		);
	}
	const sender = memberId.call(this, 'sender', itemIndex);

	if (chatType === 'group') {
		if (!sender) {
			throw invalidField(
				this,
				itemIndex,
				'sender',
				'"Sender" is required when sending to customer groups (chat_type group)',
			);
		}
		// Typed IDs first, then the picked groups; a group named both ways is sent once.
		const chatIds = [
			...new Set([
				...idList.call(this, itemIndex, 'chatIds', 'Customer Group IDs'),
				...pickedGroups.call(this, itemIndex),
			]),
		];
		if (chatIds.length > MAX_CHATS) {
			throw invalidField(
				this,
				itemIndex,
				'chatIds',
				`"Customer Group IDs" holds ${chatIds.length} groups; WeCom accepts at most ${MAX_CHATS.toLocaleString('en-US')} per message`,
			);
		}
		return { chatType, sender, customers: [], chatIds, tagGroups: [] };
	}

	const customers = idList.call(this, itemIndex, 'externalUserIds', 'Customer IDs');
	const tagGroups = readTagFilter.call(this, itemIndex);
	if (!sender && customers.length === 0 && tagGroups.length === 0) {
		throw invalidField(
			this,
			itemIndex,
			'externalUserIds',
			'Sending to customers needs a "Sender", "Customer IDs" or a tag filter; all three are empty',
		);
	}
	return { chatType, sender, customers, chatIds: [], tagGroups };
}

function idList(this: IExecuteFunctions, itemIndex: number, name: string, label: string): string[] {
	const parsed = parseIdList(this.getNodeParameter(name, itemIndex, ''));
	if (!parsed.ok) throw invalidField(this, itemIndex, name, `"${label}": ${parsed.reason}`);
	return parsed.ids;
}

/** The Customer Groups picker's chat IDs (a locator value, or a plain string from an expression). */
function pickedGroups(this: IExecuteFunctions, itemIndex: number): string[] {
	const entries =
		(this.getNodeParameter('groups', itemIndex, {}) as { group?: Array<{ chatId?: unknown }> })
			.group ?? [];
	return entries
		.map(({ chatId }) =>
			chatId && typeof chatId === 'object' ? (chatId as { value?: unknown }).value : chatId,
		)
		.map((value) => String(value ?? '').trim())
		.filter((value) => value !== '');
}

/**
 * Tag Filter Input: "Using Fields Below" reads only Tag Filter, "Using JSON" only Tag Filter
 * (JSON); "Fields Below or JSON" (the default, so what workflows saved before the switch do) takes
 * whichever is filled and refuses both.
 */
function readTagFilter(this: IExecuteFunctions, itemIndex: number): TagGroup[] {
	const source = this.getNodeParameter('tagFilterSource', itemIndex, 'either');
	if (source !== 'either' && source !== 'ui' && source !== 'json') {
		throw invalidField(
			this,
			itemIndex,
			'tagFilterSource',
			'"Tag Filter Input" must be either (Fields Below or JSON), ui (Using Fields Below) or json (Using JSON)',
		);
	}
	const ui = tagFilterFromGroups(
		source === 'json'
			? undefined
			: (this.getNodeParameter('tagFilter', itemIndex, {}) as { groups?: unknown }).groups,
	);
	if (!ui.ok) throw invalidField(this, itemIndex, 'tagFilter', `"Tag Filter" ${ui.reason}`);
	const json = tagFilterFromJson(
		source === 'ui' ? '' : this.getNodeParameter('tagFilterJson', itemIndex, ''),
	);
	if (!json.ok)
		throw invalidField(this, itemIndex, 'tagFilterJson', `"Tag Filter (JSON)" ${json.reason}`);
	if (ui.groupList.length > 0 && json.groupList.length > 0) {
		throw invalidField(
			this,
			itemIndex,
			'tagFilterJson',
			'Give the tag filter either in "Tag Filter" or in "Tag Filter (JSON)", not both',
			'Or set "Tag Filter Input" to Using Fields Below or Using JSON: only that one is shown and sent.',
		);
	}
	return ui.groupList.length > 0 ? ui.groupList : json.groupList;
}

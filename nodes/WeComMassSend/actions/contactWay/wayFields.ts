/**
 * Reads and checks the fields Create and Update share, before any request: every refusal names
 * the field as the editor shows it and says WeCom's rule.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseIdList } from '../../../shared/idList';
import { invalidField } from '../common/fields';
import { CONTACT_WAY_MAX_MEMBERS, CONTACT_WAY_TEXT_MAX, TEMP_MAX_SECONDS } from './limits';

type Where = { context: IExecuteFunctions; itemIndex: number };

export function shortText(
	{ context, itemIndex }: Where,
	value: unknown,
	field: string,
	label: string,
): string {
	const text = String(value ?? '').trim();
	// WeCom counts characters here (不超过30个字符), so 30 Chinese characters fit.
	const length = [...text].length;
	if (length > CONTACT_WAY_TEXT_MAX) {
		throw invalidField(
			context,
			itemIndex,
			field,
			`"${label}" is ${length} characters; WeCom allows at most ${CONTACT_WAY_TEXT_MAX}`,
		);
	}
	return text;
}

export function memberIds(
	{ context, itemIndex }: Where,
	value: unknown,
	field: string,
	label: string,
): string[] {
	const parsed = parseIdList(value);
	if (!parsed.ok) throw invalidField(context, itemIndex, field, `"${label}": ${parsed.reason}`);
	return parsed.ids;
}

export function departmentIds(
	{ context, itemIndex }: Where,
	value: unknown,
	field: string,
	label: string,
): number[] {
	const parsed = parseIdList(value);
	if (!parsed.ok) throw invalidField(context, itemIndex, field, `"${label}": ${parsed.reason}`);
	return parsed.ids.map((id) => {
		if (!/^\d+$/.test(id))
			throw invalidField(
				context,
				itemIndex,
				field,
				`"${label}" must hold department IDs (numbers); "${id}" is not one`,
			);
		return Number(id);
	});
}

/** WeCom's rules on who serves a contact way, by its type. */
export function checkServers(
	where: Where,
	type: 1 | 2,
	users: string[],
	parties: number[],
	fields: { members: string; departments: string },
): void {
	const { context, itemIndex } = where;
	if (type === 1) {
		if (users.length !== 1) {
			throw invalidField(
				context,
				itemIndex,
				fields.members,
				`"Members" must hold exactly one member for a Single contact way; it holds ${users.length}`,
				'Choose Type "Multiple" for several members or departments.',
			);
		}
		return;
	}
	if (users.length === 0 && parties.length === 0) {
		throw invalidField(
			context,
			itemIndex,
			fields.members,
			'"Members" or "Department IDs" must name at least one member or department',
		);
	}
	if (users.length > CONTACT_WAY_MAX_MEMBERS) {
		throw invalidField(
			context,
			itemIndex,
			fields.members,
			`"Members" holds ${users.length} members; a contact way serves at most ${CONTACT_WAY_MAX_MEMBERS} (departments counted member by member)`,
		);
	}
}

export function expirySeconds(
	{ context, itemIndex }: Where,
	value: unknown,
	field: string,
	label: string,
): number | undefined {
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	const seconds = Number(value);
	if (!Number.isInteger(seconds) || seconds <= 0 || seconds > TEMP_MAX_SECONDS) {
		throw invalidField(
			context,
			itemIndex,
			field,
			`"${label}" must be whole seconds from 1 to ${TEMP_MAX_SECONDS} (14 days); got ${String(value)}`,
		);
	}
	return seconds;
}

/** 结束语 from the closing options, or undefined when none is set. */
export function conclusions(
	{ context, itemIndex }: Where,
	options: IDataObject,
): IDataObject | undefined {
	const out: IDataObject = {};
	const text = String(options.closingText ?? '').trim();
	if (text) out.text = { content: text };
	const image = String(options.closingImageMediaId ?? '').trim();
	if (image) out.image = { media_id: image };
	const link = ((options.closingLink as IDataObject | undefined)?.link ?? undefined) as
		IDataObject | undefined;
	if (link) {
		const title = String(link.title ?? '').trim();
		const url = String(link.url ?? '').trim();
		if (!title || !url)
			throw invalidField(
				context,
				itemIndex,
				'closingLink',
				'"Closing Link" needs both Title and URL',
			);
		out.link = {
			title,
			url,
			...(link.picUrl ? { picurl: String(link.picUrl) } : {}),
			...(link.description ? { desc: String(link.description) } : {}),
		};
	}
	const mini = ((options.closingMiniProgram as IDataObject | undefined)?.miniProgram ??
		undefined) as IDataObject | undefined;
	if (mini) {
		const parts = {
			title: mini.title,
			pic_media_id: mini.picMediaId,
			appid: mini.appId,
			page: mini.page,
		};
		if (Object.values(parts).some((v) => !String(v ?? '').trim())) {
			throw invalidField(
				context,
				itemIndex,
				'closingMiniProgram',
				'"Closing Mini Program" needs Title, Cover Media ID, App ID and Page',
			);
		}
		out.miniprogram = Object.fromEntries(
			Object.entries(parts).map(([k, v]) => [k, String(v).trim()]),
		);
	}
	return Object.keys(out).length > 0 ? out : undefined;
}

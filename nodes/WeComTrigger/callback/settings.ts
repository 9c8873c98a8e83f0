import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { parseIdList } from '../../shared/idList';
import { replayWindowSeconds } from './replay';

export type StateMatch = 'equals' | 'startsWith';

/** The Filters collection, read once per callback; empty means "not set". */
export interface TriggerFilters {
	state?: string;
	stateMatch: StateMatch;
	updateDetails: string[];
	joinScenes: number[];
	memberUserIds: string[];
	/** Customer groups (chat IDs) whose group events start the workflow; empty = every group. */
	chatIds: string[];
}

export interface TriggerSettings {
	events: string[];
	onlyWithWelcomeCode: boolean;
	dropRedeliveries: boolean;
	includeRawXml: boolean;
	replayWindowSeconds: number;
	filters: TriggerFilters;
}

export const NO_FILTERS: TriggerFilters = {
	stateMatch: 'equals',
	updateDetails: [],
	joinScenes: [],
	memberUserIds: [],
	chatIds: [],
};

function list(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	return value === undefined || value === null || value === '' ? [] : [value];
}

/** IDs as users paste them from the admin console, parsed exactly as the action node parses them. */
function idList(value: unknown): string[] {
	const parsed = parseIdList(value);
	return parsed.ok ? parsed.ids : [];
}

/** The Customer Groups filter: each entry's group picker value (a locator or a plain chat ID). */
function pickedGroups(value: unknown): string[] {
	const entries = (value as { group?: Array<{ chatId?: unknown }> } | undefined)?.group ?? [];
	return entries
		.map(({ chatId }) =>
			chatId && typeof chatId === 'object' ? (chatId as { value?: unknown }).value : chatId,
		)
		.map((id) => String(id ?? '').trim())
		.filter((id) => id !== '');
}

export function filtersFrom(raw: IDataObject | undefined): TriggerFilters {
	const filters = raw ?? {};
	const state =
		typeof filters.state === 'string' && filters.state !== '' ? filters.state : undefined;
	return {
		state,
		stateMatch: filters.stateMatch === 'startsWith' ? 'startsWith' : 'equals',
		updateDetails: list(filters.updateDetails).map(String),
		joinScenes: list(filters.joinScenes)
			.map(Number)
			.filter((scene) => Number.isInteger(scene)),
		memberUserIds: idList(filters.memberUserIds),
		chatIds: pickedGroups(filters.customerGroups),
	};
}

export function settingsOf(ctx: IWebhookFunctions): TriggerSettings {
	const events = ctx.getNodeParameter('events', ['add_external_contact']) as unknown;
	const options = (ctx.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const filters = (ctx.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	return {
		events: Array.isArray(events) ? events.map(String) : [String(events)],
		onlyWithWelcomeCode: options.onlyWithWelcomeCode === true,
		dropRedeliveries: options.dropRedeliveries !== false,
		includeRawXml: options.includeRawXml === true,
		replayWindowSeconds: replayWindowSeconds(options.replayWindow),
		filters: filtersFrom(filters),
	};
}

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { replayWindowSeconds } from './replay';

export type StateMatch = 'equals' | 'startsWith';

/** The Filters collection, read once per callback; empty means "not set". */
export interface TriggerFilters {
	state?: string;
	stateMatch: StateMatch;
	updateDetails: string[];
	joinScenes: number[];
	memberUserIds: string[];
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
};

function list(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	return value === undefined || value === null || value === '' ? [] : [value];
}

/** Comma- or newline-separated ids, as users paste them from the admin console. */
function idList(value: unknown): string[] {
	return list(value)
		.flatMap((entry) => String(entry).split(/[,\n]/))
		.map((id) => id.trim())
		.filter((id) => id !== '');
}

export function filtersFrom(raw: IDataObject | undefined): TriggerFilters {
	const filters = raw ?? {};
	const state = typeof filters.state === 'string' && filters.state !== '' ? filters.state : undefined;
	return {
		state,
		stateMatch: filters.stateMatch === 'startsWith' ? 'startsWith' : 'equals',
		updateDetails: list(filters.updateDetails).map(String),
		joinScenes: list(filters.joinScenes)
			.map(Number)
			.filter((scene) => Number.isInteger(scene)),
		memberUserIds: idList(filters.memberUserIds),
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

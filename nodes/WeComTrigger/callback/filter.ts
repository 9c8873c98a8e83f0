import { ALL_EVENTS, CHAT_EVENT, CONTACT_EVENT, valueOfEvent } from './catalog';
import type { EventValue, WeComEvent } from './shape';
import type { TriggerFilters, TriggerSettings } from './settings';

/**
 * A filter applies to the events WeCom documents with its field and must match there; other
 * selected events pass it untouched, so one trigger (WeCom has one callback URL) can take, say,
 * every tag change and only the group joins by QR code.
 */
interface Filter {
	isSet(filters: TriggerFilters): boolean;
	appliesTo(event: WeComEvent): boolean;
	matches(event: WeComEvent, filters: TriggerFilters): boolean;
}

const isContact = (event: WeComEvent) => event.Event === CONTACT_EVENT;
const isChatUpdate = (event: WeComEvent) =>
	event.Event === CHAT_EVENT && event.ChangeType === 'update';
const isMemberChange = (event: WeComEvent) =>
	isChatUpdate(event) &&
	(event.UpdateDetail === 'add_member' || event.UpdateDetail === 'del_member');

/** The ChangeTypes whose event carries State (the `state` of a 联系我 / channel QR code). */
const WITH_STATE = new Set(['add_external_contact', 'add_half_external_contact']);

function strings(value: EventValue | undefined): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value))
		return value.filter((entry): entry is string => typeof entry === 'string');
	return [];
}

const FILTERS: Filter[] = [
	{
		// 渠道活码: State equals or starts with the given text; an add without State does not match.
		isSet: (f) => f.state !== undefined,
		appliesTo: (event) => isContact(event) && WITH_STATE.has(String(event.ChangeType)),
		matches: (event, f) => {
			if (typeof event.State !== 'string' || f.state === undefined) return false;
			return f.stateMatch === 'startsWith'
				? event.State.startsWith(f.state)
				: event.State === f.state;
		},
	},
	{
		isSet: (f) => f.updateDetails.length > 0,
		appliesTo: isChatUpdate,
		matches: (event, f) =>
			typeof event.UpdateDetail === 'string' && f.updateDetails.includes(event.UpdateDetail),
	},
	{
		// 0 invited by a member (directly or by link), 3 scanned the group QR code.
		isSet: (f) => f.joinScenes.length > 0,
		appliesTo: (event) => isChatUpdate(event) && event.UpdateDetail === 'add_member',
		matches: (event, f) =>
			typeof event.JoinScene === 'number' && f.joinScenes.includes(event.JoinScene),
	},
	{
		// The member (成员) of a customer-contact event, or anyone in a group's member change list.
		isSet: (f) => f.memberUserIds.length > 0,
		appliesTo: (event) => isContact(event) || isMemberChange(event),
		matches: (event, f) => {
			const ids = isContact(event) ? strings(event.UserID) : strings(event.MemChangeList);
			return ids.some((id) => f.memberUserIds.includes(id));
		},
	},
	{
		// Customer group events carry only ChatId: keep the chosen groups' events.
		isSet: (f) => f.chatIds.length > 0,
		appliesTo: (event) => event.Event === CHAT_EVENT,
		matches: (event, f) => typeof event.ChatId === 'string' && f.chatIds.includes(event.ChatId),
	},
];

/** A usable WelcomeCode: present and not an empty element. */
export function hasWelcomeCode(event: WeComEvent): boolean {
	return typeof event.WelcomeCode === 'string' && event.WelcomeCode !== '';
}

function isSelected(event: WeComEvent, events: string[]): boolean {
	if (events.includes(ALL_EVENTS)) return true;
	const value = valueOfEvent(event.Event, event.ChangeType);
	return value !== undefined && events.includes(value);
}

/** Whether this event starts the workflow: selected, with a WelcomeCode if asked, through every filter. */
export function passesFilter(event: WeComEvent, settings: TriggerSettings): boolean {
	if (settings.onlyWithWelcomeCode && !hasWelcomeCode(event)) return false;
	if (!isSelected(event, settings.events)) return false;
	return FILTERS.every(
		(filter) =>
			!filter.isSet(settings.filters) ||
			!filter.appliesTo(event) ||
			filter.matches(event, settings.filters),
	);
}

/** The trigger's Customer Groups filter: group events (they carry only ChatId) of the picked groups only. */
import { passesFilter } from '../../../nodes/WeComTrigger/callback/filter';
import { filtersFrom, type TriggerSettings } from '../../../nodes/WeComTrigger/callback/settings';
import { WeComTrigger } from '../../../nodes/WeComTrigger/WeComTrigger.node';

const settings = (customerGroups: unknown): TriggerSettings => ({
	events: ['*'],
	onlyWithWelcomeCode: false,
	dropRedeliveries: true,
	includeRawXml: false,
	replayWindowSeconds: 300,
	filters: filtersFrom({ customerGroups } as never),
});
const chat = (ChatId: string, ChangeType = 'update') => ({
	Event: 'change_external_chat',
	ChangeType,
	ChatId,
	UpdateDetail: 'add_member',
});
const picked = (value: string) => ({ chatId: { __rl: true, mode: 'list', value } });

test('picked groups (locator values or plain IDs) keep their events and drop other groups’ events', () => {
	const s = settings({ group: [picked('wrA'), { chatId: 'wrB' }] });
	expect(s.filters.chatIds).toEqual(['wrA', 'wrB']);
	expect(passesFilter(chat('wrA'), s)).toBe(true);
	expect(passesFilter(chat('wrB', 'dismiss'), s)).toBe(true);
	expect(passesFilter(chat('wrC'), s)).toBe(false);
});

test('events without ChatId pass the filter untouched; no picked group filters nothing', () => {
	const s = settings({ group: [picked('wrA')] });
	expect(
		passesFilter(
			{ Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'zhangsan' },
			s,
		),
	).toBe(true);
	expect(passesFilter({ Event: 'change_external_tag', ChangeType: 'create', Id: 'et1' }, s)).toBe(
		true,
	);
	expect(passesFilter(chat('wrC'), settings(undefined))).toBe(true);
	expect(
		passesFilter(
			chat('wrC'),
			settings({ group: [{ chatId: { __rl: true, mode: 'list', value: '' } }] }),
		),
	).toBe(true);
});

test('the filter is a group picker backed by searchCustomerGroups', () => {
	const trigger = new WeComTrigger();
	const filters = trigger.description.properties.find((p) => p.name === 'filters')!;
	const groups = (
		filters.options as Array<{
			name: string;
			options?: Array<{ values: Array<Record<string, any>> }>;
		}>
	).find((o) => o.name === 'customerGroups')!;
	const locator = groups.options![0].values[0];
	expect(locator).toMatchObject({ type: 'resourceLocator', name: 'chatId' });
	expect(locator.modes[0].typeOptions.searchListMethod).toBe('searchCustomerGroups');
	expect(typeof trigger.methods.listSearch.searchCustomerGroups).toBe('function');
});

/**
 * The 获客助手 event family (customer_acquisition) through n8n-core: the sandbox builds and encrypts
 * each ChangeType with WeCom's fields, real HTTP carries it into the trigger, and the item the workflow
 * starts with has a stable shape (numbers as numbers, eventKey), chosen by its own Events value.
 */
import { resetDedupeStores } from '../../../nodes/WeComTrigger/callback/dedupe';
import { resetSetupWarnings } from '../../../nodes/WeComTrigger/callback/diagnostics';
import { EVENT_OPTIONS } from '../../../nodes/WeComTrigger/callback/catalog';
import { buildCallback } from '../../../tools/sandbox/callback/emitter';
import {
	ACQUISITION_CHANGE_TYPES,
	acquisitionEvent,
	contactEvent,
	type CallbackEvent,
} from '../../../tools/sandbox/callback/events';
import {
	startTriggerHarness,
	TEST_CREDENTIAL,
	type HttpAnswer,
	type TriggerHarness,
} from '../../helpers/webhook';

const CORP = TEST_CREDENTIAL.corpId;
const CONFIG = { ...TEST_CREDENTIAL };

function started(answer: HttpAnswer) {
	return (answer.call!.result?.workflowData ?? []).flat().map((item) => item.json);
}

async function send(h: TriggerHarness, event: CallbackEvent): Promise<HttpAnswer> {
	const built = buildCallback(CONFIG, event);
	return await h.post(built.query, built.body);
}

beforeEach(() => {
	resetDedupeStores();
	resetSetupWarnings();
});

test('every ChangeType WeCom lists is a named event with its own value', () => {
	const values = EVENT_OPTIONS.map((o) => String(o.value));
	for (const changeType of ACQUISITION_CHANGE_TYPES)
		expect(values).toContain(`customer_acquisition.${changeType}`);
	const names = EVENT_OPTIONS.filter((o) =>
		String(o.value).startsWith('customer_acquisition.'),
	).map((o) => o.name);
	expect(names).toEqual(
		expect.arrayContaining([
			'Acquisition Quota Low',
			'Acquisition Quota Exhausted',
			'Acquisition Link Unavailable',
			'Acquisition Link Deleted',
			'Acquisition Customer Started Chat',
		]),
	);
	expect(new Set(names).size).toBe(ACQUISITION_CHANGE_TYPES.length);
});

describe('each ChangeType through the trigger', () => {
	let h: TriggerHarness;
	beforeAll(async () => {
		h = await startTriggerHarness({
			parameters: { events: ACQUISITION_CHANGE_TYPES.map((c) => `customer_acquisition.${c}`) },
		});
	});
	afterAll(async () => await h.close());

	test.each(ACQUISITION_CHANGE_TYPES.map((c) => [c]))(
		'%s: 200 empty, one run, WeCom’s fields as sent, eventKey',
		async (changeType) => {
			const sent = acquisitionEvent(CORP, changeType, {
				createTime: 1700002000,
				linkId: 'caLink0001',
				state: 'douyin',
			});
			const answer = await send(h, sent);
			expect(answer.status).toBe(200);
			expect(answer.body).toHaveLength(0);
			const [item, ...rest] = started(answer);
			expect(rest).toHaveLength(0);
			const { eventKey, receivedAt, ...wecomFields } = item;
			expect(wecomFields).toEqual(sent);
			expect(Object.keys(wecomFields)).toEqual(Object.keys(sent));
			expect(eventKey).toMatch(/^[0-9a-f]{32}$/);
			expect(typeof receivedAt).toBe('string');
			expect(item.welcomeCodeExpiresAt).toBeUndefined();
		},
	);

	test('quota_expire_soon: ExpireTime and ExpireQuotaNum are numbers', async () => {
		const [item] = started(
			await send(
				h,
				acquisitionEvent(CORP, 'quota_expire_soon', { expireTime: 1700604800, expireQuotaNum: 30 }),
			),
		);
		expect(item).toMatchObject({
			Event: 'customer_acquisition',
			ChangeType: 'quota_expire_soon',
			ExpireTime: 1700604800,
			ExpireQuotaNum: 30,
		});
		expect(item.LinkId).toBeUndefined();
	});

	test('link_unavailable carries the link; a re-send starts nothing, another event has another eventKey', async () => {
		const event = acquisitionEvent(CORP, 'link_unavailable', {
			createTime: 1700002100,
			linkId: 'caBroken01',
		});
		const [first] = started(await send(h, event));
		expect(first).toMatchObject({
			ChangeType: 'link_unavailable',
			LinkId: 'caBroken01',
			CreateTime: 1700002100,
		});
		// WeCom re-sends an unanswered callback: the same event starts nothing a second time.
		expect(started(await send(h, event))).toHaveLength(0);
		const [other] = started(
			await send(
				h,
				acquisitionEvent(CORP, 'link_unavailable', {
					createTime: 1700002101,
					linkId: 'caBroken01',
				}),
			),
		);
		expect(other.eventKey).not.toBe(first.eventKey);
	});
});

test('only the selected 获客助手 events start the workflow; 客户联系 events with the same ChangeType do not', async () => {
	const h = await startTriggerHarness({
		parameters: {
			events: ['customer_acquisition.balance_low', 'customer_acquisition.del_follow_user'],
		},
	});
	try {
		expect(started(await send(h, acquisitionEvent(CORP, 'balance_exhausted')))).toHaveLength(0);
		expect(started(await send(h, contactEvent(CORP, 'del_follow_user')))).toHaveLength(0);
		expect(started(await send(h, acquisitionEvent(CORP, 'balance_low')))).toHaveLength(1);
		expect(started(await send(h, acquisitionEvent(CORP, 'del_follow_user')))).toHaveLength(1);
		expect(h.started).toHaveLength(2);
	} finally {
		await h.close();
	}
});

/**
 * Every 客户联系 callback family through n8n-core: the sandbox's emitter builds each event with
 * WeCom's field set and encrypts it (its own encrypter), real HTTP carries it into the trigger's
 * webhook(), and the assertions are on the answer and on the item the workflow would start with.
 */
import { HookContext } from 'n8n-core';

import { resetDedupeStores } from '../../../nodes/WeComTrigger/callback/dedupe';
import {
	resetSetupWarnings,
	WARNING_INTERVAL_MS,
} from '../../../nodes/WeComTrigger/callback/diagnostics';
import { EVENT_OPTIONS } from '../../../nodes/WeComTrigger/callback/catalog';
import { buildCallback, buildEcho } from '../../../tools/sandbox/callback/emitter';
import {
	ACQUISITION_EVENTS,
	chatEvent,
	contactEvent,
	EVERY_EVENT,
	tagEvent,
	type CallbackEvent,
	type ChatChangeType,
	type ContactChangeType,
	type TagChangeType,
} from '../../../tools/sandbox/callback/events';
import {
	encryptWeCom,
	signWeCom,
	startTriggerHarness,
	TEST_CREDENTIAL,
	type HttpAnswer,
	type TriggerHarness,
} from '../../helpers/webhook';

const CORP = TEST_CREDENTIAL.corpId;
const CONFIG = { ...TEST_CREDENTIAL };
const NAMED_EVENTS = EVENT_OPTIONS.map((o) => String(o.value)).filter((v) => v !== '*');
const WITH_WELCOME_CODE = new Set([
	'add_external_contact',
	'add_half_external_contact',
	'msg_audit_approved',
]);

/** The sandbox's event for one family + ChangeType, with a WelcomeCode where WeCom sends one. */
function sampleOf(event: string, changeType: string, createTime = 1700001000): CallbackEvent {
	if (event === 'change_external_contact') {
		return contactEvent(CORP, changeType as ContactChangeType, {
			createTime,
			state: 'qr-store-7',
			welcomeCode: WITH_WELCOME_CODE.has(changeType) ? `WC-${changeType}` : undefined,
		});
	}
	if (event === 'change_external_chat')
		return chatEvent(CORP, changeType as ChatChangeType, { createTime, members: ['wmOnlyOne'] });
	return tagEvent(CORP, changeType as TagChangeType, { createTime, strategyId: '1' });
}

function started(answer: HttpAnswer) {
	return (answer.call!.result?.workflowData ?? []).flat().map((item) => item.json);
}

async function send(
	h: TriggerHarness,
	event: CallbackEvent,
	timestamp?: number,
): Promise<HttpAnswer> {
	const built = buildCallback(
		CONFIG,
		event,
		timestamp === undefined ? {} : { timestamp: String(timestamp) },
	);
	return await h.post(built.query, built.body);
}

function expectAnsweredNoRun(answer: HttpAnswer, status = 200) {
	expect(answer.status).toBe(status);
	if (status === 200) expect(answer.body).toHaveLength(0);
	expect(answer.call!.thrown).toBeUndefined();
	expect(answer.call!.result?.workflowData).toBeUndefined();
}

const nowS = () => Math.floor(Date.now() / 1000);

beforeEach(() => {
	resetDedupeStores();
	resetSetupWarnings();
});

describe('every family, every ChangeType', () => {
	let h: TriggerHarness;
	beforeAll(async () => {
		h = await startTriggerHarness({ parameters: { events: NAMED_EVENTS } });
	});
	afterAll(async () => await h.close());

	test('the Events parameter names all 14 events WeCom sends to the 客户联系 URL', () => {
		// Plus the 获客助手 family, tested in acquisitionFamily.test.ts.
		expect(NAMED_EVENTS).toHaveLength(EVERY_EVENT.length + ACQUISITION_EVENTS.length);
		// Values saved before the group and tag families existed keep their meaning.
		for (const saved of [
			'add_external_contact',
			'edit_external_contact',
			'add_half_external_contact',
			'del_external_contact',
			'del_follow_user',
			'transfer_fail',
		]) {
			expect(NAMED_EVENTS).toContain(saved);
		}
		expect(EVENT_OPTIONS[0].value).toBe('*');
	});

	test.each(
		EVERY_EVENT.map(({ event, changeType }) => [`${event} / ${changeType}`, event, changeType]),
	)(
		'%s: 200 empty, one run, WeCom’s fields as sent in the stable shape, eventKey, WelcomeCode expiry where it applies',
		async (_label, event, changeType) => {
			const sent = sampleOf(event, changeType);
			const answer = await send(h, sent);
			expect(answer.status).toBe(200);
			expect(answer.body).toHaveLength(0);
			const [item, ...rest] = started(answer);
			expect(rest).toHaveLength(0);
			const { eventKey, receivedAt, welcomeCodeExpiresAt, ...wecomFields } = item;
			// Exactly WeCom's field names and values: lists arrays, documented integers numbers.
			expect(wecomFields).toEqual(sent);
			expect(Object.keys(wecomFields)).toEqual(Object.keys(sent));
			expect(eventKey).toMatch(/^[0-9a-f]{32}$/);
			expect(typeof receivedAt).toBe('string');
			if (WITH_WELCOME_CODE.has(changeType) && event === 'change_external_contact') {
				expect(item.WelcomeCode).toBe(`WC-${changeType}`);
				// The code's 20 s run from the earlier of CreateTime and receipt.
				const issuedAt = Math.min(
					(sent.CreateTime as number) * 1000,
					Date.parse(receivedAt as string),
				);
				expect(Date.parse(welcomeCodeExpiresAt as string) - issuedAt).toBe(20_000);
			} else {
				expect(welcomeCodeExpiresAt).toBeUndefined();
			}
		},
	);

	test('a group update with one member gives a one-element array; numbers are numbers', async () => {
		const one = started(
			await send(
				h,
				chatEvent(CORP, 'update', { createTime: 1700001100, members: ['wmSolo'], joinScene: 3 }),
			),
		)[0];
		expect(one.MemChangeList).toEqual(['wmSolo']);
		expect(one.MemChangeCnt).toBe(1);
		expect(one.JoinScene).toBe(3);
		expect(one.CreateTime).toBe(1700001100);
		const two = started(
			await send(
				h,
				chatEvent(CORP, 'update', {
					createTime: 1700001101,
					members: ['wmA', 'wmB'],
					joinScene: 0,
				}),
			),
		)[0];
		expect(two.MemChangeList).toEqual(['wmA', 'wmB']);
		expect(two.JoinScene).toBe(0);
		const left = started(
			await send(
				h,
				chatEvent(CORP, 'update', {
					createTime: 1700001102,
					updateDetail: 'del_member',
					quitScene: 1,
					members: ['wmC'],
				}),
			),
		)[0];
		expect(left).toMatchObject({
			UpdateDetail: 'del_member',
			QuitScene: 1,
			MemChangeCnt: 1,
			MemChangeList: ['wmC'],
		});
		expect(left.JoinScene).toBeUndefined();
	});
});

describe('event selection', () => {
	test('only the selected ChangeType of a family starts; the same ChangeType of another family does not', async () => {
		const h = await startTriggerHarness({
			parameters: { events: ['change_external_chat.create', 'change_external_tag.shuffle'] },
		});
		try {
			expectAnsweredNoRun(await send(h, tagEvent(CORP, 'create')));
			expectAnsweredNoRun(await send(h, chatEvent(CORP, 'dismiss')));
			expectAnsweredNoRun(await send(h, contactEvent(CORP, 'add_external_contact')));
			expect(started(await send(h, chatEvent(CORP, 'create')))).toHaveLength(1);
			expect(started(await send(h, tagEvent(CORP, 'shuffle')))).toHaveLength(1);
			expect(h.started).toHaveLength(2);
		} finally {
			await h.close();
		}
	});

	test('a saved workflow with * keeps taking everything, also event types WeCom adds later', async () => {
		const h = await startTriggerHarness({ parameters: { events: ['*'] } });
		try {
			for (const { event, changeType } of EVERY_EVENT) await send(h, sampleOf(event, changeType));
			await send(h, {
				ToUserName: CORP,
				FromUserName: 'sys',
				CreateTime: 1700001200,
				MsgType: 'event',
				Event: 'change_new_thing',
				ChangeType: 'x',
			});
			expect(h.started).toHaveLength(EVERY_EVENT.length + 1);
		} finally {
			await h.close();
		}
	});
});

describe('eventKey', () => {
	test('the same for WeCom’s re-sends (re-encrypted, new nonce and timestamp), different for other events', async () => {
		const h = await startTriggerHarness({
			parameters: { events: ['*'], options: { dropRedeliveries: false } },
		});
		try {
			const update = chatEvent(CORP, 'update', { createTime: 1700001300, members: ['wmA'] });
			const first = started(await send(h, update))[0];
			const resent = started(await send(h, update, nowS() - 20))[0];
			expect(resent.eventKey).toBe(first.eventKey);
			const otherMember = started(await send(h, { ...update, MemChangeList: ['wmB'] }))[0];
			const otherChat = started(await send(h, { ...update, ChatId: 'wrOther' }))[0];
			const tag = started(
				await send(h, tagEvent(CORP, 'update', { createTime: 1700001300, id: 'etX' })),
			)[0];
			const tagDeleted = started(
				await send(h, tagEvent(CORP, 'delete', { createTime: 1700001300, id: 'etX' })),
			)[0];
			const keys = [first, otherMember, otherChat, tag, tagDeleted].map((item) => item.eventKey);
			expect(new Set(keys).size).toBe(keys.length);
		} finally {
			await h.close();
		}
	});

	test('dedupe uses it: a tag event sent three times starts one run, the next tag event its own', async () => {
		const h = await startTriggerHarness({ parameters: { events: ['*'] } });
		try {
			const tag = tagEvent(CORP, 'create', { createTime: 1700001401 });
			for (let i = 0; i < 3; i++) expect((await send(h, tag)).status).toBe(200);
			expect(h.started).toHaveLength(1);
			await send(h, tagEvent(CORP, 'create', { createTime: 1700001402 }));
			expect(h.started).toHaveLength(2);
		} finally {
			await h.close();
		}
	});
});

describe('filters: a filtered callback is answered 200 and starts nothing', () => {
	async function runsFor(
		filters: Record<string, unknown>,
		events: CallbackEvent[],
		selected = ['*'],
	): Promise<boolean[]> {
		const h = await startTriggerHarness({ parameters: { events: selected, filters } });
		try {
			const out: boolean[] = [];
			for (const event of events) {
				const answer = await send(h, event);
				expect(answer.status).toBe(200);
				expect(answer.body).toHaveLength(0);
				out.push(started(answer).length === 1);
			}
			return out;
		} finally {
			await h.close();
		}
	}
	const add = (state: string | undefined, createTime: number) =>
		contactEvent(CORP, 'add_external_contact', { state, createTime, welcomeCode: 'WC' });

	test('State equals (渠道活码): only that channel; an add without State does not match', async () => {
		expect(
			await runsFor({ state: 'spring' }, [
				add('spring', 1),
				add('spring-2', 2),
				add('Spring', 3),
				add(undefined, 4),
			]),
		).toEqual([true, false, false, false]);
	});

	test('State starts with: every channel of a campaign', async () => {
		expect(
			await runsFor({ state: 'spring-', stateMatch: 'startsWith' }, [
				add('spring-a', 1),
				add('spring-b', 2),
				add('autumn-a', 3),
				add('spring', 4),
			]),
		).toEqual([true, true, false, false]);
	});

	test('State narrows only the adds: a deleted member, a group or a tag event still starts', async () => {
		const events = [
			contactEvent(CORP, 'del_follow_user', { createTime: 5 }),
			chatEvent(CORP, 'create', { createTime: 6 }),
			tagEvent(CORP, 'update', { createTime: 7 }),
			contactEvent(CORP, 'add_half_external_contact', { state: 'other', createTime: 8 }),
		];
		expect(await runsFor({ state: 'spring' }, events)).toEqual([true, true, true, false]);
	});

	test('Group Change Kinds (UpdateDetail) narrows group updates only', async () => {
		const events = [
			chatEvent(CORP, 'update', { updateDetail: 'add_member', createTime: 1 }),
			chatEvent(CORP, 'update', { updateDetail: 'change_name', createTime: 2 }),
			chatEvent(CORP, 'update', { updateDetail: 'del_member', createTime: 3 }),
			chatEvent(CORP, 'create', { createTime: 4 }),
		];
		expect(await runsFor({ updateDetails: ['add_member', 'del_member'] }, events)).toEqual([
			true,
			false,
			true,
			true,
		]);
	});

	test('How Members Joined (JoinScene): QR code joins start, invitations do not', async () => {
		const events = [
			chatEvent(CORP, 'update', { joinScene: 3, createTime: 1 }),
			chatEvent(CORP, 'update', { joinScene: 0, createTime: 2 }),
			chatEvent(CORP, 'update', { updateDetail: 'del_member', createTime: 3 }),
		];
		expect(await runsFor({ joinScenes: [3] }, events)).toEqual([true, false, true]);
		resetDedupeStores();
		expect(await runsFor({ joinScenes: [0] }, events)).toEqual([false, true, true]);
	});

	test('Members: the member of a contact event, or anyone in a group member change', async () => {
		const events = [
			contactEvent(CORP, 'del_follow_user', { userId: 'lisi', createTime: 1 }),
			contactEvent(CORP, 'del_follow_user', { userId: 'wangwu', createTime: 2 }),
			chatEvent(CORP, 'update', { members: ['wmX', 'zhangsan'], createTime: 3 }),
			chatEvent(CORP, 'update', { members: ['wmY'], createTime: 4 }),
			tagEvent(CORP, 'create', { createTime: 5 }),
		];
		expect(await runsFor({ memberUserIds: ' lisi,zhangsan ' }, events)).toEqual([
			true,
			false,
			true,
			false,
			true,
		]);
	});

	test('filters combine with the selected events and with each other', async () => {
		const events = [
			chatEvent(CORP, 'update', { joinScene: 3, members: ['wmA'], createTime: 1 }),
			chatEvent(CORP, 'update', {
				joinScene: 3,
				updateDetail: 'add_member',
				members: ['wmB'],
				createTime: 2,
			}),
			chatEvent(CORP, 'create', { createTime: 3 }),
		];
		expect(
			await runsFor(
				{ updateDetails: ['add_member'], joinScenes: [3], memberUserIds: 'wmA' },
				events,
				['change_external_chat.update'],
			),
		).toEqual([true, false, false]);
	});
});

describe('replay window', () => {
	test('a correctly signed callback replayed an hour later is refused with 403 and starts nothing, even with dedupe off', async () => {
		const h = await startTriggerHarness({
			parameters: { events: ['*'], options: { dropRedeliveries: false } },
		});
		try {
			const event = contactEvent(CORP, 'add_external_contact', {
				createTime: nowS() - 3600,
				welcomeCode: 'WC-old',
			});
			const built = buildCallback(CONFIG, event, { timestamp: String(nowS() - 3600) });
			const replay = await h.post(built.query, built.body);
			expectAnsweredNoRun(replay, 403);
			expect(replay.text).toBe('Request expired');
			const future = buildCallback(CONFIG, event, { timestamp: String(nowS() + 3600) });
			expectAnsweredNoRun(await h.post(future.query, future.body), 403);
			// A re-send seconds (or a skewed clock minutes) away is inside the default 300 s window.
			expect(started(await send(h, event, nowS() - 250))).toHaveLength(1);
			expect(started(await send(h, event, nowS() + 250))).toHaveLength(1);
			expect(h.started).toHaveLength(2);
		} finally {
			await h.close();
		}
	});

	test('the window is an option, kept inside 60…3600 s', async () => {
		const narrow = await startTriggerHarness({
			parameters: { events: ['*'], options: { replayWindow: 60 } },
		});
		try {
			expectAnsweredNoRun(
				await send(narrow, tagEvent(CORP, 'create', { createTime: 1 }), nowS() - 120),
				403,
			);
			expect(
				started(await send(narrow, tagEvent(CORP, 'create', { createTime: 2 }), nowS() - 30)),
			).toHaveLength(1);
		} finally {
			await narrow.close();
		}
		const tooSmall = await startTriggerHarness({
			parameters: { events: ['*'], options: { replayWindow: 1 } },
			workflowId: 'w-small',
		});
		try {
			// 1 s is raised to the 60 s minimum: a re-send 30 s later still gets through.
			expect(
				started(await send(tooSmall, tagEvent(CORP, 'create', { createTime: 3 }), nowS() - 30)),
			).toHaveLength(1);
		} finally {
			await tooSmall.close();
		}
		const tooLarge = await startTriggerHarness({
			parameters: { events: ['*'], options: { replayWindow: 86400 } },
			workflowId: 'w-large',
		});
		try {
			expectAnsweredNoRun(
				await send(tooLarge, tagEvent(CORP, 'create', { createTime: 4 }), nowS() - 7200),
				403,
			);
		} finally {
			await tooLarge.close();
		}
	});

	test('URL verification is answered whatever the clock says (an echo starts nothing)', async () => {
		const h = await startTriggerHarness();
		try {
			const answer = await h.get(skewedEcho('8833', nowS() - 3600));
			expect(answer.status).toBe(200);
			expect(answer.text).toBe('8833');
			expect(answer.call!.result?.workflowData).toBeUndefined();
		} finally {
			await h.close();
		}
	});
});

/** A correct URL verification request whose signed timestamp is `timestamp`. */
function skewedEcho(plaintext: string, timestamp: number): Record<string, string> {
	const echostr = encryptWeCom(TEST_CREDENTIAL.encodingAESKey, plaintext, CORP);
	const nonce = '4242';
	const msg_signature = signWeCom(TEST_CREDENTIAL.callbackToken, String(timestamp), nonce, echostr);
	return { msg_signature, timestamp: String(timestamp), nonce, echostr };
}

/** n8n's own logger, the one the trigger's context hands out (same container as the engine's). */
function n8nLogger(): { warn: (...args: unknown[]) => void } {
	for (
		let proto = HookContext.prototype as object | null;
		proto !== null;
		proto = Object.getPrototypeOf(proto)
	) {
		const getter = Object.getOwnPropertyDescriptor(proto, 'logger')?.get;
		if (getter !== undefined) return getter.call(Object.create(HookContext.prototype as object));
	}
	throw new Error('n8n-core contexts have no logger getter');
}

describe('setup diagnostics: rate-limited warnings that name the check and hold no secret', () => {
	const SECRETS = [
		TEST_CREDENTIAL.callbackToken,
		TEST_CREDENTIAL.encodingAESKey,
		TEST_CREDENTIAL.secret,
	];
	let warnings: string[];
	let spy: jest.SpyInstance;
	beforeEach(() => {
		warnings = [];
		spy = jest.spyOn(n8nLogger(), 'warn').mockImplementation((message: unknown) => {
			warnings.push(String(message));
		});
	});
	afterEach(() => spy.mockRestore());

	function expectClean(text: string, extra: string[] = []) {
		for (const secret of [...SECRETS, ...extra]) expect(text).not.toContain(secret);
	}

	test.each([
		[
			'Callback Token',
			{ callbackToken: 'TheConsoleHasAnotherToken' },
			401,
			/signature check.*Callback Token.*Token in 客户联系 → API → 接收事件服务器/,
		],
		[
			'Encoding AES Key',
			{ encodingAESKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut' },
			400,
			/could not be decrypted.*Encoding AES Key.*EncodingAESKey/,
		],
		['Corp ID', { corpId: 'wwAnotherCorp00000' }, 403, /another receiver.*Corp ID.*企业ID/],
	])(
		'WeCom configured with another %s: URL verification and events fail, one warning names what to compare',
		async (_field, consoleSide, status, advice) => {
			// The trigger has TEST_CREDENTIAL; "WeCom" (the sandbox emitter) uses the console's values.
			const wecom = { ...CONFIG, ...consoleSide };
			const h = await startTriggerHarness({ parameters: { events: ['*'] } });
			try {
				const echo = buildEcho(wecom, '1234');
				const get = await h.get(echo.query);
				expect(get.status).toBe(status);
				const built = buildCallback(
					wecom,
					contactEvent(wecom.corpId, 'add_external_contact', { welcomeCode: 'WC-secret-ish' }),
				);
				for (let i = 0; i < 5; i++)
					expectAnsweredNoRun(await h.post(built.query, built.body), status);
				// One warning for URL verification, one for events: the other four are held back.
				expect(warnings).toHaveLength(2);
				expect(warnings[0]).toMatch(/^WeCom Trigger \(URL verification\): /);
				expect(warnings[1]).toMatch(/^WeCom Trigger \(event\): /);
				for (const warning of warnings) {
					expect(warning).toMatch(advice);
					expectClean(warning, [
						...Object.values(consoleSide),
						echo.query.echostr,
						echo.query.msg_signature,
						built.query.msg_signature,
						'WC-secret-ish',
						CORP,
					]);
				}
			} finally {
				await h.close();
			}
		},
	);

	test('after the interval the next warning says how many were held back', async () => {
		const h = await startTriggerHarness({ parameters: { events: ['*'] } });
		const realNow = Date.now;
		try {
			const wecom = { ...CONFIG, callbackToken: 'another' };
			const built = buildCallback(wecom, tagEvent(CORP, 'create'));
			for (let i = 0; i < 3; i++) await h.post(built.query, built.body);
			expect(warnings).toHaveLength(1);
			const later = realNow() + WARNING_INTERVAL_MS + 1000;
			Date.now = () => later;
			await h.post(built.query, built.body);
			expect(warnings).toHaveLength(2);
			expect(warnings[1]).toContain('(2 more like this since the last warning)');
		} finally {
			Date.now = realNow;
			await h.close();
		}
	});

	test('two triggers each get their own warning; junk (no signature at all) warns nobody', async () => {
		const a = await startTriggerHarness({ workflowId: 'wf-a' });
		const b = await startTriggerHarness({ workflowId: 'wf-b' });
		try {
			const built = buildCallback(
				{ ...CONFIG, callbackToken: 'another' },
				tagEvent(CORP, 'create'),
			);
			await a.post(built.query, built.body);
			await b.post(built.query, built.body);
			expect(warnings).toHaveLength(2);
			expect((await a.post('', 'junk')).status).toBe(400);
			expect(
				(
					await a.post(
						{ msg_signature: 'x', timestamp: '1', nonce: '2' },
						'<xml><Encrypt>QUJD</Encrypt></xml>',
					)
				).status,
			).toBe(400);
			expect(
				(
					await a.post(
						{ msg_signature: 'f'.repeat(40), timestamp: '1', nonce: '2' },
						'<xml><Encrypt>QUJD</Encrypt></xml>',
					)
				).status,
			).toBe(401);
			expect(warnings).toHaveLength(2);
		} finally {
			await a.close();
			await b.close();
		}
	});

	test('a stale event warns about the clock with the offset only; a skewed URL check is answered and warns too', async () => {
		const h = await startTriggerHarness({ parameters: { events: ['*'] } });
		try {
			expectAnsweredNoRun(await send(h, tagEvent(CORP, 'create'), nowS() - 3600), 403);
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toMatch(
				/timestamp outside the replay window.*clock \(NTP\).*3600 s behind.*window 300 s/,
			);
			expectClean(warnings[0], [CORP]);
			const answer = await h.get(skewedEcho('77', nowS() + 900));
			expect(answer.status).toBe(200);
			expect(answer.text).toBe('77');
			expect(warnings).toHaveLength(2);
			expect(warnings[1]).toMatch(
				/^WeCom Trigger \(URL verification\): .*clock \(NTP\).*This one is 900 s off \(window 300 s\)/,
			);
			// In the window: no warning.
			await h.get(skewedEcho('78', nowS() - 100));
			expect(warnings).toHaveLength(2);
		} finally {
			await h.close();
		}
	});
});

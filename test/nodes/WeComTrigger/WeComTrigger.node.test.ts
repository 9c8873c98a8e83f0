/**
 * End to end through n8n-core: HTTP client → node:http server on 127.0.0.1 → n8n-core
 * WebhookContext → WeComTrigger.webhook(). Asserts on what the client receives and on the
 * workflowData the node hands to n8n (a workflow starts exactly when it is defined).
 */
import { resetDedupeStores } from '../../../nodes/WeComTrigger/callback/dedupe';
import {
	addContactEvent,
	aesRaw,
	buildEcho,
	buildPost,
	buildPostWithEncrypt,
	encryptWeCom,
	envelopeXml,
	eventXml,
	pad32,
	plaintextOf,
	signedQuery,
	signWeCom,
	startTriggerHarness,
	TEST_CREDENTIAL,
	WECOM_SAMPLE,
	type HttpAnswer,
	type TriggerHarness,
} from '../../helpers/webhook';

const KEY = TEST_CREDENTIAL.encodingAESKey;
const CORP = TEST_CREDENTIAL.corpId;
const SECRET_FRAGMENTS = [
	TEST_CREDENTIAL.callbackToken,
	KEY,
	TEST_CREDENTIAL.secret,
	'zhangsan',
	'WELCOMECODE',
	'at ',
	'Error',
];

function expectRejected(answer: HttpAnswer, status: number) {
	expect(answer.status).toBe(status);
	expect(answer.call).toBeDefined();
	expect(answer.call!.thrown).toBeUndefined();
	expect(answer.call!.result?.workflowData).toBeUndefined();
	expect(answer.call!.result?.noWebhookResponse).toBe(true);
	expect(answer.text.length).toBeLessThan(40);
	for (const fragment of SECRET_FRAGMENTS) expect(answer.text).not.toContain(fragment);
}

/**
 * 200 with an empty body. A callback that starts a workflow is answered by n8n once it has the
 * execution (so a 200 never stands for an event n8n dropped); one that starts nothing (filtered,
 * re-delivered) is answered by the node itself.
 */
function expectAcceptedEmpty(answer: HttpAnswer) {
	expect(answer.status).toBe(200);
	expect(answer.body).toHaveLength(0);
	expect(answer.call!.thrown).toBeUndefined();
	const starts = answer.call!.result?.workflowData !== undefined;
	expect(answer.call!.result?.noWebhookResponse === true).toBe(!starts);
	expect(answer.call!.answeredBeforeReturn).toBe(!starts);
	expect(answer.call!.answeredByN8n === true).toBe(starts);
}

function startedItems(answer: HttpAnswer) {
	return (answer.call!.result?.workflowData ?? []).flat().map((item) => item.json);
}

beforeEach(() => resetDedupeStores());

describe('URL verification (GET)', () => {
	test('WeCom’s published sample answers exactly the plaintext, through HTTP', async () => {
		const s = WECOM_SAMPLE;
		const h = await startTriggerHarness({
			credential: { corpId: s.corpId, callbackToken: s.token, encodingAESKey: s.encodingAESKey },
		});
		try {
			const answer = await h.get({
				msg_signature: s.msgSignature,
				timestamp: s.timestamp,
				nonce: s.nonce,
				echostr: s.echostr,
			});
			expect(answer.status).toBe(200);
			expect(answer.body.equals(Buffer.from(s.plaintext, 'ascii'))).toBe(true);
			expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
			expect(answer.call!.result).toEqual({ noWebhookResponse: true });
			expect(h.started).toHaveLength(0);
			console.log(
				`GET echo (published sample) answered inside webhook() in ${answer.call!.elapsedMs.toFixed(2)} ms`,
			);
		} finally {
			await h.close();
		}
	});

	test.each([['webhook' as const], ['manual' as const]])(
		'echo with the independent encrypter in %s mode: body is exactly the plaintext, no workflow',
		async (mode) => {
			const h = await startTriggerHarness({ mode });
			try {
				const plaintext = '4917360588235219873';
				const started = Date.now();
				const answer = await h.get(buildEcho(plaintext));
				const roundTrip = Date.now() - started;
				expect(answer.status).toBe(200);
				expect(answer.text).toBe(plaintext);
				expect(answer.headers['content-length']).toBe(String(plaintext.length));
				expect(answer.call!.result?.workflowData).toBeUndefined();
				console.log(
					`GET echo (${mode}) HTTP round trip ${roundTrip} ms, in webhook() ${answer.call!.elapsedMs.toFixed(2)} ms`,
				);
			} finally {
				await h.close();
			}
		},
	);

	test('query values are URL-decoded (echostr with + and / and =)', async () => {
		const h = await startTriggerHarness();
		try {
			let query = buildEcho('1');
			for (let i = 0; !/[+/]/.test(query.echostr) && i < 50; i++) query = buildEcho(String(i));
			expect(query.echostr).toMatch(/[+/]/);
			const answer = await h.get(new URLSearchParams(query).toString());
			expect(answer.status).toBe(200);
		} finally {
			await h.close();
		}
	});
});

describe('events (POST)', () => {
	let h: TriggerHarness;
	beforeAll(async () => {
		h = await startTriggerHarness({
			parameters: { events: ['add_external_contact', 'del_external_contact', 'transfer_fail'] },
		});
	});
	afterAll(async () => await h.close());

	test('add_external_contact round trip: 200 empty before the workflow, WeCom field names, expiry of the WelcomeCode', async () => {
		const before = Date.now();
		const { query, body } = buildPost(eventXml(addContactEvent()));
		const answer = await h.post(query, body);
		const after = Date.now();
		expectAcceptedEmpty(answer);
		const [item, ...rest] = startedItems(answer);
		expect(rest).toHaveLength(0);
		expect(item).toMatchObject({
			ToUserName: CORP,
			FromUserName: 'sys',
			CreateTime: 1700000000,
			MsgType: 'event',
			Event: 'change_external_contact',
			ChangeType: 'add_external_contact',
			UserID: 'zhangsan',
			ExternalUserID: 'wmXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
			State: 'campaign-42',
			WelcomeCode: 'WELCOMECODE-abc123',
		});
		const receivedAt = Date.parse(item.receivedAt as string);
		expect(new Date(receivedAt).toISOString()).toBe(item.receivedAt);
		expect(receivedAt).toBeGreaterThanOrEqual(before);
		expect(receivedAt).toBeLessThanOrEqual(after);
		// The code's 20 s run from the earlier of CreateTime and receipt (here CreateTime, in 2023).
		expect(item.welcomeCodeExpiresAt).toBe(new Date(1700000000 * 1000 + 20_000).toISOString());
		expect(item.rawXml).toBeUndefined();
	});

	test('a re-sent callback: the WelcomeCode’s 20 s count from CreateTime, not from receipt', async () => {
		// WeCom re-sends an unanswered event after its 5 s timeout with the event's own CreateTime.
		const createTime = Math.floor(Date.now() / 1000) - 6;
		const { query, body } = buildPost(
			eventXml(addContactEvent({ CreateTime: createTime, WelcomeCode: 'WELCOMECODE-resent' })),
		);
		const answer = await h.post(query, body);
		const item = startedItems(answer)[0];
		expect(item.welcomeCodeExpiresAt).toBe(new Date(createTime * 1000 + 20_000).toISOString());
		// At most 14 s of the code are left when the run starts, not 20.
		expect(
			Date.parse(item.welcomeCodeExpiresAt as string) - Date.parse(item.receivedAt as string),
		).toBeLessThanOrEqual(14_000);
	});

	test('a CreateTime ahead of this server’s clock does not make the WelcomeCode live longer', async () => {
		const createTime = Math.floor(Date.now() / 1000) + 90;
		const { query, body } = buildPost(
			eventXml(addContactEvent({ CreateTime: createTime, WelcomeCode: 'WELCOMECODE-ahead' })),
		);
		const item = startedItems(await h.post(query, body))[0];
		expect(
			Date.parse(item.welcomeCodeExpiresAt as string) - Date.parse(item.receivedAt as string),
		).toBe(20_000);
	});

	test('an envelope with AgentID is accepted', async () => {
		const inner = eventXml(addContactEvent({ CreateTime: 1700000100 }));
		const encrypt = encryptWeCom(KEY, inner, CORP);
		const answer = await h.post(signedQuery(encrypt), envelopeXml(encrypt, CORP, '1000005'));
		expectAcceptedEmpty(answer);
		expect(startedItems(answer)).toHaveLength(1);
	});

	test('del_external_contact carries Source, transfer_fail carries FailReason; no WelcomeCode → no expiry field', async () => {
		const del = buildPost(
			eventXml(
				addContactEvent({
					ChangeType: 'del_external_contact',
					Source: 'DELETE_BY_TRANSFER',
					CreateTime: 1700000200,
				}),
			),
		);
		const {
			WelcomeCode: _w,
			State: _s,
			...withoutCode
		} = addContactEvent({ CreateTime: 1700000201 });
		const transfer = buildPost(
			eventXml({ ...withoutCode, ChangeType: 'transfer_fail', FailReason: 'customer_refused' }),
		);
		const a = await h.post(del.query, del.body);
		const b = await h.post(transfer.query, transfer.body);
		expect(startedItems(a)[0]).toMatchObject({
			ChangeType: 'del_external_contact',
			Source: 'DELETE_BY_TRANSFER',
		});
		const t = startedItems(b)[0];
		expect(t).toMatchObject({ ChangeType: 'transfer_fail', FailReason: 'customer_refused' });
		expect(t.WelcomeCode).toBeUndefined();
		expect(t.welcomeCodeExpiresAt).toBeUndefined();
	});

	test('CDATA exactness: split ]]>, <, &, Chinese, empty elements', async () => {
		const inner =
			'<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>' +
			'<CreateTime>1700000300</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>' +
			'<ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[a<b&c]]></UserID>' +
			'<ExternalUserID><![CDATA[x]]]]><![CDATA[>y]]></ExternalUserID><State><![CDATA[渠道-春节活动]]></State>' +
			'<WelcomeCode></WelcomeCode><Extra/></xml>';
		const { query, body } = buildPost(inner);
		const answer = await h.post(query, body);
		expectAcceptedEmpty(answer);
		const item = startedItems(answer)[0];
		expect(item.UserID).toBe('a<b&c');
		expect(item.ExternalUserID).toBe('x]]>y');
		expect(item.State).toBe('渠道-春节活动');
		expect(item.WelcomeCode).toBe('');
		expect(item.Extra).toBe('');
		expect(item.welcomeCodeExpiresAt).toBeUndefined();
	});

	test('edit_external_contact is not selected here: 200, empty body, no workflow', async () => {
		const { query, body } = buildPost(
			eventXml(addContactEvent({ ChangeType: 'edit_external_contact', CreateTime: 1700000400 })),
		);
		const answer = await h.post(query, body);
		expectAcceptedEmpty(answer);
		expect(answer.call!.result?.workflowData).toBeUndefined();
	});
});

describe('event selection and options', () => {
	test('defaults: only add_external_contact starts the workflow', async () => {
		const h = await startTriggerHarness();
		try {
			for (const changeType of [
				'edit_external_contact',
				'del_external_contact',
				'add_half_external_contact',
			]) {
				const { query, body } = buildPost(eventXml(addContactEvent({ ChangeType: changeType })));
				expectAcceptedEmpty(await h.post(query, body));
			}
			expect(h.started).toHaveLength(0);
			const { query, body } = buildPost(eventXml(addContactEvent()));
			await h.post(query, body);
			expect(h.started).toHaveLength(1);
		} finally {
			await h.close();
		}
	});

	test('All Events (*) passes other Event types too', async () => {
		const h = await startTriggerHarness({ parameters: { events: ['*'] } });
		try {
			const { query, body } = buildPost(
				eventXml({
					ToUserName: CORP,
					FromUserName: 'sys',
					CreateTime: 1700000500,
					MsgType: 'event',
					Event: 'change_external_chat',
					ChatId: 'wrOgQhDgAA',
					ChangeType: 'create',
				}),
			);
			const answer = await h.post(query, body);
			expectAcceptedEmpty(answer);
			expect(startedItems(answer)[0]).toMatchObject({
				Event: 'change_external_chat',
				ChatId: 'wrOgQhDgAA',
				CreateTime: 1700000500,
			});
		} finally {
			await h.close();
		}
	});

	test('onlyWithWelcomeCode: an add without WelcomeCode starts nothing, one with it starts the workflow', async () => {
		const h = await startTriggerHarness({
			parameters: { events: ['add_external_contact'], options: { onlyWithWelcomeCode: true } },
		});
		try {
			const { WelcomeCode: _w, ...noCode } = addContactEvent();
			const without = buildPost(eventXml(noCode));
			expectAcceptedEmpty(await h.post(without.query, without.body));
			const empty = buildPost(
				eventXml(addContactEvent({ WelcomeCode: '', CreateTime: 1700000601 })),
			);
			expectAcceptedEmpty(await h.post(empty.query, empty.body));
			expect(h.started).toHaveLength(0);
			const withCode = buildPost(eventXml(addContactEvent({ CreateTime: 1700000602 })));
			await h.post(withCode.query, withCode.body);
			expect(h.started).toHaveLength(1);
		} finally {
			await h.close();
		}
	});

	test('includeRawXml adds the decrypted XML exactly', async () => {
		const h = await startTriggerHarness({ parameters: { options: { includeRawXml: true } } });
		try {
			const inner = eventXml(addContactEvent({ State: 'a<b&c 中文' }));
			const { query, body } = buildPost(inner);
			const answer = await h.post(query, body);
			expect(startedItems(answer)[0].rawXml).toBe(inner);
		} finally {
			await h.close();
		}
	});

	test('re-deliveries are dropped by default (re-encrypted, new nonce), kept with the option off', async () => {
		const inner = eventXml(addContactEvent({ CreateTime: 1700000700 }));
		const on = await startTriggerHarness();
		try {
			for (let i = 0; i < 3; i++) {
				const { query, body } = buildPost(inner);
				expectAcceptedEmpty(await on.post(query, body));
			}
			expect(on.started).toHaveLength(1);
			// Same customer, a later event (new CreateTime) is not a repeat.
			const later = buildPost(eventXml(addContactEvent({ CreateTime: 1700000701 })));
			await on.post(later.query, later.body);
			expect(on.started).toHaveLength(2);
		} finally {
			await on.close();
		}
		resetDedupeStores();
		const off = await startTriggerHarness({ parameters: { options: { dropRedeliveries: false } } });
		try {
			for (let i = 0; i < 2; i++) {
				const { query, body } = buildPost(inner);
				await off.post(query, body);
			}
			expect(off.started).toHaveLength(2);
		} finally {
			await off.close();
		}
	});

	test('two workflows receiving the same event each start once', async () => {
		const inner = eventXml(addContactEvent({ CreateTime: 1700000800 }));
		const a = await startTriggerHarness({ workflowId: 'wf-a' });
		const b = await startTriggerHarness({ workflowId: 'wf-b' });
		try {
			for (const h of [a, b, a, b]) {
				const { query, body } = buildPost(inner);
				await h.post(query, body);
			}
			expect(a.started).toHaveLength(1);
			expect(b.started).toHaveLength(1);
		} finally {
			await a.close();
			await b.close();
		}
	});

	test('without req.rawBody the node reads the body through req.readRawBody()', async () => {
		const h = await startTriggerHarness({ rawBodyViaReader: true });
		try {
			const { query, body } = buildPost(eventXml(addContactEvent()));
			const answer = await h.post(query, body);
			expectAcceptedEmpty(answer);
			expect(startedItems(answer)).toHaveLength(1);
		} finally {
			await h.close();
		}
	});

	test('listening for a test event (manual mode): the event starts the workflow', async () => {
		const h = await startTriggerHarness({ mode: 'manual' });
		try {
			expect((await h.get(buildEcho('42'))).text).toBe('42');
			const { query, body } = buildPost(eventXml(addContactEvent()));
			const answer = await h.post(query, body);
			expectAcceptedEmpty(answer);
			expect(h.started).toHaveLength(1);
		} finally {
			await h.close();
		}
	});
});

describe('rejections: 4xx, short generic text, no workflow, no crash', () => {
	let h: TriggerHarness;
	beforeAll(async () => {
		h = await startTriggerHarness({ parameters: { events: ['*'] } });
	});
	afterAll(async () => {
		expect(h.started).toHaveLength(0);
		expect(h.calls.every((call) => call.thrown === undefined)).toBe(true);
		await h.close();
	});

	const inner = () => eventXml(addContactEvent());
	const postWith = async (plain: Buffer) => {
		const { query, body } = buildPostWithEncrypt(aesRaw(KEY, plain));
		return await h.post(query, body);
	};

	test('wrong signature', async () => {
		const { query, body } = buildPost(inner());
		expectRejected(await h.post({ ...query, msg_signature: 'f'.repeat(40) }, body), 401);
		expectRejected(
			await h.post({ ...query, msg_signature: query.msg_signature.toUpperCase() }, body),
			401,
		);
	});

	test('signature over another body (replay with an altered Encrypt)', async () => {
		const original = buildPost(inner());
		const other = encryptWeCom(KEY, eventXml(addContactEvent({ UserID: 'mallory' })), CORP);
		expectRejected(await h.post(original.query, envelopeXml(other)), 401);
		// Same signature with a different timestamp or nonce.
		expectRejected(await h.post({ ...original.query, timestamp: '1' }, original.body), 401);
		expectRejected(await h.post({ ...original.query, nonce: '1' }, original.body), 401);
	});

	test('signed with another token', async () => {
		const encrypt = encryptWeCom(KEY, inner(), CORP);
		expectRejected(await h.post(signedQuery(encrypt, 'another-token'), envelopeXml(encrypt)), 401);
	});

	test('wrong corp id in the plaintext', async () => {
		const encrypt = encryptWeCom(KEY, inner(), 'wwffffffffffffffff');
		expectRejected(await h.post(signedQuery(encrypt), envelopeXml(encrypt)), 403);
	});

	test('encrypted with another EncodingAESKey', async () => {
		const encrypt = encryptWeCom('ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut', inner(), CORP);
		const answer = await h.post(signedQuery(encrypt), envelopeXml(encrypt));
		expect([400, 403]).toContain(answer.status);
		expectRejected(answer, answer.status);
	});

	test('truncated ciphertext (last block dropped, and base64 cut short)', async () => {
		const encrypt = encryptWeCom(KEY, inner(), CORP);
		const bytes = Buffer.from(encrypt, 'base64');
		const dropped = bytes.subarray(0, bytes.length - 16).toString('base64');
		expectRejected(await h.post(signedQuery(dropped), envelopeXml(dropped)), 400);
		const cut = encrypt.slice(0, encrypt.length - 5);
		expectRejected(await h.post(signedQuery(cut), envelopeXml(cut)), 400);
	});

	test('ciphertext not a multiple of 16', async () => {
		const encrypt = Buffer.concat([
			Buffer.from(encryptWeCom(KEY, inner(), CORP), 'base64'),
			Buffer.alloc(5, 1),
		]).toString('base64');
		expectRejected(await h.post(signedQuery(encrypt), envelopeXml(encrypt)), 400);
	});

	test('bad padding byte values 0 and 33', async () => {
		for (const value of [0, 33]) {
			const padded = pad32(plaintextOf(inner(), CORP));
			padded[padded.length - 1] = value;
			expectRejected(await postWith(padded), 400);
		}
	});

	test('inconsistent padding bytes', async () => {
		let xml = inner();
		// Make sure the pad is at least 3 bytes long.
		while (32 - (plaintextOf(xml, CORP).length % 32) < 3) xml = xml.replace('</xml>', ' </xml>');
		const plain = plaintextOf(xml, CORP);
		const padded = pad32(plain);
		padded[padded.length - 2] ^= 0x01;
		expectRejected(await postWith(padded), 400);
	});

	test('non-base64 and non-canonical base64 Encrypt', async () => {
		for (const encrypt of [
			'not*base64!!',
			'QR==',
			`${encryptWeCom(KEY, inner(), CORP)}\n`,
			'QUJD-_8=',
		]) {
			expectRejected(await h.post(signedQuery(encrypt), envelopeXml(encrypt)), 400);
		}
	});

	test('length field larger than the plaintext', async () => {
		expectRejected(
			await postWith(pad32(plaintextOf(inner(), CORP, { lengthField: 100_000 }))),
			400,
		);
	});

	test.each([
		['DOCTYPE', '<!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml><Event>x</Event></xml>'],
		[
			'ENTITY',
			'<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Event>&x;</Event></xml>',
		],
		[
			'billion laughs',
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
				'<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><xml><Event>&lol2;</Event></xml>',
		],
		['malformed', '<xml><Event>change_external_contact</Evnt></xml>'],
		['unknown entity', '<xml><Event>&lol;</Event></xml>'],
		['not xml at all', '{"Event":"change_external_contact"}'],
	])('hostile or malformed inner XML: %s', async (_name, xml) => {
		const { query, body } = buildPost(xml);
		expectRejected(await h.post(query, body), 400);
	});

	test('hostile or malformed envelope', async () => {
		const encrypt = encryptWeCom(KEY, inner(), CORP);
		const query = signedQuery(encrypt);
		expectRejected(
			await h.post(
				query,
				`<!DOCTYPE xml [<!ENTITY e "${encrypt}">]><xml><Encrypt>&e;</Encrypt></xml>`,
			),
			400,
		);
		expectRejected(await h.post(query, `<xml><Encrypt>${encrypt}</Encrypt>`), 400);
		expectRejected(await h.post(query, '<xml><ToUserName>x</ToUserName></xml>'), 400);
		expectRejected(
			await h.post(query, `<xml><Encrypt>${encrypt}</Encrypt><Encrypt>${encrypt}</Encrypt></xml>`),
			400,
		);
		expectRejected(await h.post(query, Buffer.from([0x3c, 0x78, 0xff, 0xfe, 0x3e])), 400);
	});

	test('missing msg_signature, timestamp or nonce (POST)', async () => {
		const { query, body } = buildPost(inner());
		for (const name of ['msg_signature', 'timestamp', 'nonce'] as const) {
			const partial: Record<string, string> = { ...query };
			delete partial[name];
			expectRejected(await h.post(partial, body), 400);
		}
		expectRejected(await h.post({ ...query, nonce: '' }, body), 400);
		expectRejected(await h.post('', body), 400);
	});

	test('a repeated query parameter', async () => {
		const { query, body } = buildPost(inner());
		const qs = `${new URLSearchParams(query).toString()}&msg_signature=${query.msg_signature}`;
		expectRejected(await h.post(qs, body), 400);
	});

	test('missing msg_signature, timestamp, nonce or echostr (GET)', async () => {
		const echo = buildEcho('123');
		for (const name of ['msg_signature', 'timestamp', 'nonce', 'echostr']) {
			const partial: Record<string, string> = { ...echo };
			delete partial[name];
			expectRejected(await h.get(partial), 400);
		}
		expectRejected(await h.get(''), 400);
	});

	test('GET with a wrong signature, a foreign corp id or a bad echostr', async () => {
		const echo = buildEcho('123');
		expectRejected(await h.get({ ...echo, msg_signature: '0'.repeat(40) }), 401);
		const foreign = encryptWeCom(KEY, '123', 'wwffffffffffffffff');
		expectRejected(await h.get({ ...signedQuery(foreign), echostr: foreign }), 403);
		const broken = 'AAAA';
		expectRejected(await h.get({ ...signedQuery(broken), echostr: broken }), 400);
	});

	test('empty body', async () => {
		const { query } = buildPost(inner());
		expectRejected(await h.post(query, ''), 400);
	});

	test('oversize body', async () => {
		const encrypt = encryptWeCom(KEY, inner(), CORP);
		const body = envelopeXml(encrypt).replace(
			'</xml>',
			`<Pad>${'x'.repeat(70 * 1024)}</Pad></xml>`,
		);
		expectRejected(await h.post(signedQuery(encrypt), body), 413);
	});

	test('wrong method (PUT reaching the POST entry)', async () => {
		const { query, body } = buildPost(inner());
		const answer = await h.request('PUT', query, body);
		expectRejected(answer, 405);
		expect(answer.headers.allow).toBe('POST');
	});
});

describe('configuration problems', () => {
	test.each([
		['no Callback Token', { ...TEST_CREDENTIAL, callbackToken: '' }],
		['no Encoding AES Key', { ...TEST_CREDENTIAL, encodingAESKey: '' }],
		['a 42-character Encoding AES Key', { ...TEST_CREDENTIAL, encodingAESKey: KEY.slice(0, 42) }],
	])('%s: 500 with a generic text, no workflow', async (_name, credential) => {
		const h = await startTriggerHarness({ credential });
		try {
			const { query, body } = buildPost(eventXml(addContactEvent()));
			const post = await h.post(query, body);
			expect(post.status).toBe(500);
			expect(post.text).toBe('Trigger not configured');
			expect(post.call!.result?.workflowData).toBeUndefined();
			const get = await h.get(buildEcho('1'));
			expect(get.status).toBe(500);
			for (const fragment of SECRET_FRAGMENTS) expect(get.text).not.toContain(fragment);
		} finally {
			await h.close();
		}
	});

	test('the signature is checked before anything is decrypted', async () => {
		// Same token, but signature made over a different ciphertext: no decrypt error may leak.
		const h = await startTriggerHarness();
		try {
			const encrypt = aesRaw(KEY, Buffer.alloc(32, 0));
			const answer = await h.post(
				{
					msg_signature: signWeCom(TEST_CREDENTIAL.callbackToken, '1', '2', 'other'),
					timestamp: '1',
					nonce: '2',
				},
				envelopeXml(encrypt),
			);
			expectRejected(answer, 401);
		} finally {
			await h.close();
		}
	});
});

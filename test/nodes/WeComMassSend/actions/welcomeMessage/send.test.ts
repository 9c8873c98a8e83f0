/** Welcome Message → Send (send_welcome_msg) through the engine against the sandbox. */
import { runMassSend } from '../../../../helpers/engine';
import { useSandbox } from '../../../../helpers/sandbox';
import { pngItem } from '../media/fixtures';

const sandbox = useSandbox();

const send = (extra: Record<string, unknown> = {}) => ({
	resource: 'welcomeMessage',
	operation: 'send',
	text: 'Hi %NICKNAME%, welcome!',
	...extra,
});

const link = { title: 'Price list', url: 'https://example.com/prices' };

test('sends text and attachments with the WelcomeCode from the trigger item', async () => {
	const code = sandbox().issueWelcomeCode();
	const result = await runMassSend(
		send({ attachmentsUi: { attachment: [{ type: 'link', ...link, description: '2025' }] } }),
		[{ WelcomeCode: code }],
	);
	expect(result.error).toBeUndefined();
	expect(result.json()).toEqual([{ sent: true, welcomeCode: code, warnings: [] }]);
	expect(sandbox().welcomeSends).toHaveLength(1);
	expect(sandbox().callsTo('send_welcome_msg')[0].body).toEqual({
		welcome_code: code,
		text: { content: 'Hi %NICKNAME%, welcome!' },
		attachments: [{ msgtype: 'link', link: { ...link, desc: '2025' } }],
	});
});

describe('Welcome Code', () => {
	test.each([
		['left at its default', {}],
		['the default written without spaces', { welcomeCode: '={{$json.WelcomeCode}}' }],
	])('%s: the WelcomeCode of each input item is sent', async (_, parameters) => {
		const codes = [sandbox().issueWelcomeCode(), sandbox().issueWelcomeCode()];
		const result = await runMassSend(
			send(parameters),
			codes.map((WelcomeCode) => ({ WelcomeCode })),
		);
		expect(result.error).toBeUndefined();
		expect(result.json().map((out) => out.welcomeCode)).toEqual(codes);
		expect(sandbox().welcomeSends.map((s) => s.code)).toEqual(codes);
	});

	test('any other expression is evaluated by n8n per item', async () => {
		const codes = [sandbox().issueWelcomeCode(), sandbox().issueWelcomeCode()];
		const result = await runMassSend(
			send({ welcomeCode: '={{ $json.event.code }}' }),
			codes.map((code) => ({ WelcomeCode: 'not-this-one', event: { code } })),
		);
		expect(result.error).toBeUndefined();
		expect(sandbox().welcomeSends.map((s) => s.code)).toEqual(codes);
	});

	test('a fixed value is used as is', async () => {
		const code = sandbox().issueWelcomeCode();
		const result = await runMassSend(send({ welcomeCode: code }), [
			{ WelcomeCode: 'not-this-one' },
		]);
		expect(result.error).toBeUndefined();
		expect(sandbox().welcomeSends.map((s) => s.code)).toEqual([code]);
	});
});

test('attachments can be given as WeCom JSON, without text', async () => {
	const code = sandbox().issueWelcomeCode();
	const attachments = [
		{ msgtype: 'image', image: { pic_url: 'https://wework.qpic.cn/x/0' } },
		{ msgtype: 'link', link },
	];
	const result = await runMassSend(
		send({ text: '', attachmentSource: 'json', attachmentsJson: JSON.stringify(attachments) }),
		[{ WelcomeCode: code }],
	);
	expect(result.error).toBeUndefined();
	expect(sandbox().callsTo('send_welcome_msg')[0].body).toEqual({
		welcome_code: code,
		attachments,
	});
});

describe('%NICKNAME% (case-sensitive)', () => {
	test('a misspelt placeholder is sent as written and reported in warnings', async () => {
		const code = sandbox().issueWelcomeCode();
		const result = await runMassSend(send({ text: 'Hi %nickname%!' }), [{ WelcomeCode: code }]);
		expect(result.error).toBeUndefined();
		const [out] = result.json();
		expect(out.sent).toBe(true);
		expect(out.warnings).toEqual([
			expect.stringContaining('"%nickname%", which WeCom does not replace'),
		]);
		expect(sandbox().welcomeSends[0].body.text).toEqual({ content: 'Hi %nickname%!' });
	});

	test('with Fix Nickname Placeholder it is corrected before sending', async () => {
		const code = sandbox().issueWelcomeCode();
		const result = await runMassSend(
			send({ text: 'Hi ％Nickname％ and % nickname %', options: { fixNicknamePlaceholder: true } }),
			[{ WelcomeCode: code }],
		);
		expect(result.error).toBeUndefined();
		expect(sandbox().welcomeSends[0].body.text).toEqual({
			content: 'Hi %NICKNAME% and %NICKNAME%',
		});
		expect(result.json()[0].warnings).toEqual([
			expect.stringContaining('Replaced "％Nickname％", "% nickname %" with %NICKNAME%'),
		]);
	});
});

describe('single-use code in a 20-second window', () => {
	test('41051 (already welcomed) is a skipped item by default', async () => {
		const code = sandbox().issueWelcomeCode();
		await runMassSend(send(), [{ WelcomeCode: code }]);
		const result = await runMassSend(send(), [{ WelcomeCode: code }]);
		expect(result.error).toBeUndefined();
		expect(result.json()).toEqual([
			expect.objectContaining({
				skipped: true,
				reason: 'alreadyWelcomed',
				errcode: 41051,
				welcomeCode: code,
			}),
		]);
		expect(sandbox().callsTo('send_welcome_msg')).toHaveLength(2);
	});

	test('41051 fails when Treat Already Welcomed as Success is off', async () => {
		const code = sandbox().issueWelcomeCode();
		await runMassSend(send(), [{ WelcomeCode: code }]);
		const result = await runMassSend(send({ options: { treatAlreadyWelcomedAsSuccess: false } }), [
			{ WelcomeCode: code },
		]);
		expect(result.error?.message).toContain('41051');
		expect(result.error?.context?.errcode).toBe(41051);
	});

	test('41096 (another app is sending) is retried while the window is open', async () => {
		const code = sandbox().issueWelcomeCode();
		sandbox().holdWelcomeCode(code, 700);
		const result = await runMassSend(send(), [{ WelcomeCode: code }]);
		expect(result.error).toBeUndefined();
		expect(result.json()[0].sent).toBe(true);
		const calls = sandbox().callsTo('send_welcome_msg');
		expect(calls.length).toBeGreaterThanOrEqual(2);
		expect(calls[0].errcode).toBe(41096);
		expect(calls[calls.length - 1].errcode).toBe(0);
	});

	test('41096 retries stop at the code’s expiry taken from the trigger item', async () => {
		const code = sandbox().issueWelcomeCode();
		sandbox().holdWelcomeCode(code, 15000);
		const started = Date.now();
		const welcomeCodeExpiresAt = new Date(started + 800).toISOString();
		const result = await runMassSend(send(), [{ WelcomeCode: code, welcomeCodeExpiresAt }]);
		expect(Date.now() - started).toBeLessThan(3000);
		expect(result.error?.context?.errcode).toBe(41096);
		expect(sandbox().welcomeSends).toHaveLength(0);
	});

	test('41050 (expired) from WeCom explains the 20-second rule and how to keep the flow fast', async () => {
		// No welcomeCodeExpiresAt on the item (e.g. a Set node dropped it): only WeCom can tell.
		const code = sandbox().issueWelcomeCode({ ttlMs: 1 });
		await new Promise((resolve) => setTimeout(resolve, 20));
		const result = await runMassSend(send(), [{ WelcomeCode: code }]);
		expect(result.error?.message).toMatch(
			/^WeCom send_welcome_msg failed: \[41050\].* — the WelcomeCode has expired or was already used$/,
		);
		expect(result.error?.description).toContain('within 20 seconds');
		expect(result.error?.description).toContain('directly after the WeCom Trigger');
		expect(result.error?.context).toMatchObject({ errcode: 41050, field: 'welcomeCode' });
		expect(sandbox().callsTo('send_welcome_msg')).toHaveLength(1);
	});

	describe('a code whose window passed before the node ran costs no WeCom call', () => {
		const expiredItem = (code: string, agoMs = 5000) => ({
			WelcomeCode: code,
			welcomeCodeExpiresAt: new Date(Date.now() - agoMs).toISOString(),
		});

		test('it fails with the 41050 explanation and no request at all', async () => {
			// Still valid at the sandbox: a request would succeed there, so 0 calls proves the check.
			const code = sandbox().issueWelcomeCode();
			const result = await runMassSend(send(), [expiredItem(code)]);
			expect(result.error?.message).toMatch(
				/WelcomeCode expired before this node ran, so it was not sent \(errcode 41050\)$/,
			);
			expect(result.error?.description).toMatch(
				/started about 2\d(\.\d)? s after the trigger received the event/,
			);
			expect(result.error?.description).toContain('no request was made');
			expect(result.error?.context).toMatchObject({
				errcode: 41050,
				field: 'welcomeCode',
				reason: 'expired',
			});
			expect(sandbox().calls).toHaveLength(0);
		});

		test('with Skip Expired Codes it is a skipped item, and the fresh code next to it is sent', async () => {
			const [late, fresh] = [sandbox().issueWelcomeCode(), sandbox().issueWelcomeCode()];
			const expiresAt = new Date(Date.now() + 15000).toISOString();
			const stale = expiredItem(late, 1);
			const result = await runMassSend(send({ options: { skipExpiredCodes: true } }), [
				stale,
				{ WelcomeCode: fresh, welcomeCodeExpiresAt: expiresAt },
			]);
			expect(result.error).toBeUndefined();
			expect(result.json()).toEqual([
				{
					sent: false,
					skipped: true,
					reason: 'expired',
					welcomeCode: late,
					expiredAt: stale.welcomeCodeExpiresAt,
				},
				{ sent: true, welcomeCode: fresh, warnings: [] },
			]);
			expect(sandbox().welcomeSends.map((s) => s.code)).toEqual([fresh]);
			expect(sandbox().callsTo('send_welcome_msg')).toHaveLength(1);
		});

		test('an attachment to upload in the same step is not uploaded either', async () => {
			const code = sandbox().issueWelcomeCode();
			const result = await runMassSend(
				send({ attachmentsUi: { attachment: [{ type: 'image', binaryProperty: 'data' }] } }),
				[pngItem(expiredItem(code))],
			);
			expect(result.error?.context).toMatchObject({ errcode: 41050, reason: 'expired' });
			expect(sandbox().calls).toHaveLength(0);
		});

		test('with Continue On Fail the item carries errcode 41050 and the field', async () => {
			const code = sandbox().issueWelcomeCode();
			const result = await runMassSend(send(), [expiredItem(code)], { continueOnFail: true });
			expect(result.error).toBeUndefined();
			expect(result.json()).toEqual([
				expect.objectContaining({
					error: expect.stringMatching(
						/WelcomeCode expired before this node ran, so it was not sent \(errcode 41050\)$/,
					),
					errcode: 41050,
					field: 'welcomeCode',
				}),
			]);
			expect(sandbox().calls).toHaveLength(0);
		});

		test('WeCom’s own 41050 is a skipped item too with Skip Expired Codes', async () => {
			const code = sandbox().issueWelcomeCode({ ttlMs: 1 });
			await new Promise((resolve) => setTimeout(resolve, 20));
			const result = await runMassSend(send({ options: { skipExpiredCodes: true } }), [
				{ WelcomeCode: code },
			]);
			expect(result.error).toBeUndefined();
			expect(result.json()).toEqual([
				expect.objectContaining({ sent: false, skipped: true, reason: 'expired', errcode: 41050 }),
			]);
			expect(sandbox().callsTo('send_welcome_msg')).toHaveLength(1);
		});
	});

	test('a send that may have reached WeCom is never repeated (connection reset)', async () => {
		const code = sandbox().issueWelcomeCode();
		sandbox().fault({ api: 'send_welcome_msg', kind: 'reset' });
		const result = await runMassSend(send(), [{ WelcomeCode: code }]);
		expect(result.error).toBeDefined();
		expect(result.error?.description).toContain('not sent again');
		expect(sandbox().callsTo('send_welcome_msg')).toHaveLength(1);
	});
});

describe('content is checked before anything is sent', () => {
	const refused = async (parameters: Record<string, unknown>, field: string, expected: RegExp) => {
		const code = sandbox().issueWelcomeCode();
		const result = await runMassSend(send(parameters), [{ WelcomeCode: code }]);
		expect(result.error?.context?.itemIndex).toBe(0); // n8n names the item; the message does not repeat it
		expect(result.error?.message).toMatch(expected);
		expect(result.error?.context?.field).toBe(field);
		expect(sandbox().calls).toHaveLength(0);
	};

	test('text over 4,000 bytes, measured in UTF-8', async () => {
		await refused(
			{ text: '欢'.repeat(1334) },
			'text',
			/^Text is 4002 bytes in UTF-8; WeCom accepts at most 4000 bytes/,
		);
	});
	test('text and attachments both empty', async () => {
		await refused({ text: '  ' }, 'text', /^Text and Attachments are both empty/);
	});
	test('more than 9 attachments', async () => {
		const ten = Array.from({ length: 10 }, () => ({ msgtype: 'link', link }));
		await refused(
			{ attachmentSource: 'json', attachmentsJson: JSON.stringify(ten) },
			'attachmentsJson',
			/10 attachments; WeCom accepts at most 9/,
		);
	});
	test('a required field per type (UI)', async () => {
		await refused(
			{
				attachmentsUi: {
					attachment: [
						{ type: 'link', ...link },
						{ type: 'miniprogram', title: 'Shop', appId: 'wx1', page: 'p' },
					],
				},
			},
			'attachmentsUi.attachment[1].pic_media_id',
			/Attachment 2 \(miniprogram\): "Cover Media ID" is required/,
		);
	});
	test('a byte limit per type (link title ≤ 128 bytes)', async () => {
		await refused(
			{
				attachmentsUi: { attachment: [{ type: 'link', title: '标'.repeat(43), url: 'https://x' }] },
			},
			'attachmentsUi.attachment[0].title',
			/"Title" is 129 bytes in UTF-8; WeCom accepts at most 128 bytes/,
		);
	});
	test('an unknown msgtype (JSON)', async () => {
		await refused(
			{
				attachmentSource: 'json',
				attachmentsJson: '[{"msgtype":"voice","voice":{"media_id":"x"}}]',
			},
			'attachmentsJson[0].msgtype',
			/msgtype "voice" is not one of image, link, miniprogram, video, file/,
		);
	});
	test('JSON that is not an array of objects', async () => {
		await refused(
			{ attachmentSource: 'json', attachmentsJson: '{"msgtype":"link"}' },
			'attachmentsJson',
			/must be an array of objects/,
		);
	});
	test('a WelcomeCode that is not text (the default reads the item’s field without an expression)', async () => {
		const result = await runMassSend(send(), [{ WelcomeCode: { code: 'x' } }]);
		expect(result.error?.message).toMatch(
			/^"Welcome Code" is required, but this event carries no WelcomeCode/,
		);
		expect(result.error?.context?.field).toBe('welcomeCode');
		expect(sandbox().calls).toHaveLength(0);
	});
	test('a Customer Added event without a WelcomeCode: the error says why (the console’s own 欢迎语) and the fix', async () => {
		const event = { ChangeType: 'add_external_contact', UserID: 'zhangsan', ExternalUserID: 'wmX' };
		const result = await runMassSend(send(), [event]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'"Welcome Code" is required, but this event (ChangeType add_external_contact) carries no ' +
				'WelcomeCode: WeCom sends none when a welcome message (欢迎语) is configured for this ' +
				'member in the admin console',
		);
		expect(result.error?.description).toContain('turn off the console’s 欢迎语');
		expect(result.error?.description).toContain('"Only With Welcome Code"');
		expect(result.error?.context).toMatchObject({ field: 'welcomeCode', itemIndex: 0 });
		expect(sandbox().calls).toHaveLength(0);
	});
	test('an event that is not a new customer: the error says only new-customer events carry a code', async () => {
		const result = await runMassSend(send(), [{ ChangeType: 'del_follow_user' }]);
		expect(result.error?.message).toBe(
			'"Welcome Code" is required, but this event (ChangeType del_follow_user) carries no ' +
				'WelcomeCode: this event is not a new customer, and only Customer Added, Customer ' +
				'Half-Added and Customer Approved Chat Archiving events carry one',
		);
		expect(sandbox().calls).toHaveLength(0);
	});
	test('an expression that gives nothing: the same explanation', async () => {
		const result = await runMassSend(send({ welcomeCode: '={{ $json.code }}' }), [{}]);
		expect(result.error?.message).toMatch(
			/^"Welcome Code" is required, but this event carries no WelcomeCode: WeCom sends none when a welcome message \(欢迎语\) is configured/,
		);
		expect(result.error?.context?.field).toBe('welcomeCode');
		expect(sandbox().calls).toHaveLength(0);
	});
});

test('with Continue On Fail a bad item in the middle fails alone', async () => {
	const codes = [
		sandbox().issueWelcomeCode(),
		sandbox().issueWelcomeCode(),
		sandbox().issueWelcomeCode(),
	];
	const texts = ['Hello %NICKNAME%', '欢'.repeat(1400), 'Bye %NICKNAME%'];
	const result = await runMassSend(
		send({ text: '={{ $json.text }}' }),
		codes.map((WelcomeCode, i) => ({ WelcomeCode, text: texts[i] })),
		{ continueOnFail: true },
	);
	expect(result.error).toBeUndefined();
	const items = result.items();
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json).toMatchObject({ sent: true, welcomeCode: codes[0] });
	expect(items[1].json).toMatchObject({
		field: 'text',
		error: expect.stringMatching(/^Text is 4200 bytes/),
	});
	expect(items[2].json).toMatchObject({ sent: true, welcomeCode: codes[2] });
	expect(sandbox().welcomeSends.map((s) => s.code)).toEqual([codes[0], codes[2]]);
});

describe('files named by binary property are uploaded in the same step', () => {
	test('the same file on two items is uploaded once and both sends carry its media_id', async () => {
		const codes = [sandbox().issueWelcomeCode(), sandbox().issueWelcomeCode()];
		const result = await runMassSend(
			send({ attachmentsUi: { attachment: [{ type: 'image', binaryProperty: 'data' }] } }),
			codes.map((WelcomeCode) => pngItem({ WelcomeCode }, 500, 'same')),
		);
		expect(result.error).toBeUndefined();
		const uploads = sandbox().callsTo('media/upload');
		expect(uploads).toHaveLength(1);
		expect(uploads[0].query.type).toBe('image');
		const [mediaId] = [...sandbox().media.keys()];
		const bodies = sandbox()
			.callsTo('send_welcome_msg')
			.map((call) => call.body as Record<string, unknown>);
		expect(bodies.map((body) => body.attachments)).toEqual([
			[{ msgtype: 'image', image: { media_id: mediaId } }],
			[{ msgtype: 'image', image: { media_id: mediaId } }],
		]);
	});

	test('different files are uploaded separately; a mini program cover goes up as an image', async () => {
		const codes = [sandbox().issueWelcomeCode(), sandbox().issueWelcomeCode()];
		const mini = {
			type: 'miniprogram',
			title: 'Shop',
			appId: 'wx123',
			page: 'pages/index',
			binaryProperty: 'data',
		};
		const result = await runMassSend(
			send({ attachmentsUi: { attachment: [mini] } }),
			codes.map((WelcomeCode, i) => pngItem({ WelcomeCode }, 500, `seed${i}`)),
		);
		expect(result.error).toBeUndefined();
		expect(
			sandbox()
				.callsTo('media/upload')
				.map((call) => call.query.type),
		).toEqual(['image', 'image']);
		const sent = sandbox().welcomeSends.map((s) => s.body.attachments[0].miniprogram.pic_media_id);
		expect(new Set(sent).size).toBe(2);
		for (const id of sent) expect(sandbox().media.has(id)).toBe(true);
	});

	test('a bad inline file fails the item before any upload or send', async () => {
		const code = sandbox().issueWelcomeCode();
		const result = await runMassSend(
			send({ attachmentsUi: { attachment: [{ type: 'video', binaryProperty: 'data' }] } }),
			[pngItem({ WelcomeCode: code })],
		);
		expect(result.error?.message).toMatch(/^"photo\.png" \(\.png, image\/png\) is not a mp4 video/);
		expect(result.error?.context?.field).toBe('attachmentsUi.attachment[0].binaryProperty');
		expect(sandbox().calls).toHaveLength(0);
	});

	test('a media id and a binary property on the same attachment are refused', async () => {
		const code = sandbox().issueWelcomeCode();
		const result = await runMassSend(
			send({
				attachmentsUi: { attachment: [{ type: 'file', mediaId: 'abc', binaryProperty: 'data' }] },
			}),
			[pngItem({ WelcomeCode: code })],
		);
		expect(result.error?.message).toContain(
			'give either "Media ID" or "Input Binary Field", not both',
		);
		expect(sandbox().calls).toHaveLength(0);
	});
});

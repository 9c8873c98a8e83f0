/** The pure content rules, without the engine. */
import {
	attachmentsFromJson,
	checkAttachment,
	checkSingleKind,
	isViolation,
	singleAttachmentFromJson,
	toTemplateField,
	type Attachment,
} from '../../../../nodes/WeComMassSend/validation/attachments';
import {
	checkAttachmentCount,
	checkNotEmpty,
	checkTextBytes,
	utf8Bytes,
} from '../../../../nodes/WeComMassSend/validation/content';
import {
	containsNicknamePlaceholder,
	findNicknameMisspellings,
	fixNicknamePlaceholders,
} from '../../../../nodes/WeComMassSend/validation/nickname';

describe('text', () => {
	test('limits are UTF-8 bytes: a Chinese character counts 3', () => {
		expect(utf8Bytes('你好')).toBe(6);
		expect(checkTextBytes('a'.repeat(4000), 4000)).toBeUndefined();
		expect(checkTextBytes('你'.repeat(1333), 4000)).toBeUndefined();
		const violation = checkTextBytes('你'.repeat(1334), 4000);
		expect(violation?.field).toBe('text');
		expect(violation?.rule).toContain('4002 bytes');
		expect(violation?.rule).toContain('at most 4000 bytes');
	});

	test('text and attachments may not both be empty', () => {
		expect(checkNotEmpty(false, 0, 'attachmentsUi')?.rule).toContain('both empty');
		expect(checkNotEmpty(true, 0, 'attachmentsUi')).toBeUndefined();
		expect(checkNotEmpty(false, 1, 'attachmentsUi')).toBeUndefined();
	});

	test('at most the given number of attachments', () => {
		expect(checkAttachmentCount(9, 9, 'attachmentsJson')).toBeUndefined();
		expect(checkAttachmentCount(10, 9, 'attachmentsJson')?.rule).toContain('at most 9');
	});
});

describe('attachments in WeCom shape', () => {
	const link = (inner: Record<string, unknown>) => ({
		msgtype: 'link',
		link: { title: 't', url: 'https://x', ...inner },
	});

	test('accepts each kind with its required fields', () => {
		expect(checkAttachment({ msgtype: 'image', image: { media_id: 'm' } }, 'a')).toBeUndefined();
		expect(
			checkAttachment({ msgtype: 'image', image: { pic_url: 'https://p' } }, 'a'),
		).toBeUndefined();
		expect(checkAttachment(link({ picurl: 'https://p', desc: 'd' }), 'a')).toBeUndefined();
		expect(
			checkAttachment(
				{
					msgtype: 'miniprogram',
					miniprogram: { title: 't', pic_media_id: 'm', appid: 'wx1', page: 'p' },
				},
				'a',
			),
		).toBeUndefined();
		expect(checkAttachment({ msgtype: 'video', video: { media_id: 'm' } }, 'a')).toBeUndefined();
		expect(checkAttachment({ msgtype: 'file', file: { media_id: 'm' } }, 'a')).toBeUndefined();
	});

	test('refuses missing required fields, naming them', () => {
		expect(checkAttachment({ msgtype: 'image', image: {} }, 'att[0]')?.field).toBe(
			'att[0].image.media_id',
		);
		expect(checkAttachment({ msgtype: 'link', link: { title: 't' } }, 'att[0]')?.field).toBe(
			'att[0].link.url',
		);
		expect(
			checkAttachment(
				{ msgtype: 'miniprogram', miniprogram: { title: 't', appid: 'a', page: 'p' } },
				'x',
			)?.field,
		).toBe('x.miniprogram.pic_media_id');
		expect(checkAttachment({ msgtype: 'video', video: {} }, 'x')?.rule).toContain(
			'"media_id" is required',
		);
		expect(checkAttachment({ msgtype: 'file' }, 'x')?.rule).toContain('"file" object is missing');
	});

	test('media ids may come from an inline upload', () => {
		expect(
			checkAttachment({ msgtype: 'video', video: {} }, 'x', { mediaFromBinary: true }),
		).toBeUndefined();
		expect(
			checkAttachment({ msgtype: 'image', image: {} }, 'x', { mediaFromBinary: true }),
		).toBeUndefined();
	});

	test('byte limits of link and mini program fields', () => {
		expect(checkAttachment(link({ title: 'a'.repeat(128) }), 'x')).toBeUndefined();
		expect(checkAttachment(link({ title: '标'.repeat(43) }), 'x')?.rule).toContain('129 bytes');
		expect(checkAttachment(link({ url: 'https://' + 'a'.repeat(2041) }), 'x')?.field).toBe(
			'x.link.url',
		);
		expect(checkAttachment(link({ picurl: 'https://' + 'a'.repeat(2041) }), 'x')?.field).toBe(
			'x.link.picurl',
		);
		expect(checkAttachment(link({ desc: '描'.repeat(171) }), 'x')?.field).toBe('x.link.desc');
		const mini = (title: string) => ({
			msgtype: 'miniprogram',
			miniprogram: { title, pic_media_id: 'm', appid: 'a', page: 'p' },
		});
		expect(checkAttachment(mini('小'.repeat(21)), 'x')).toBeUndefined();
		expect(checkAttachment(mini('小'.repeat(22)), 'x')?.rule).toContain('66 bytes');
	});

	test('unknown msgtype and non-objects', () => {
		expect(checkAttachment({ msgtype: 'voice', voice: {} }, 'x')?.rule).toContain(
			'msgtype "voice" is not one of',
		);
		expect(checkAttachment('image', 'x')?.rule).toContain('must be an object');
	});
});

describe('attachments given as JSON', () => {
	test('the array form must be an array of objects', () => {
		expect(attachmentsFromJson('[]', 'attachmentsJson')).toEqual([]);
		expect(attachmentsFromJson('', 'attachmentsJson')).toEqual([]);
		expect(attachmentsFromJson([{ msgtype: 'image' }], 'attachmentsJson')).toEqual([
			{ msgtype: 'image' },
		]);
		for (const bad of ['{"msgtype":"image"}', '[1]', '["a"]', '[[]]', 'not json']) {
			const result = attachmentsFromJson(bad, 'attachmentsJson');
			expect(isViolation(result)).toBe(true);
		}
		expect(JSON.stringify(attachmentsFromJson('{', 'attachmentsJson'))).toContain('not valid JSON');
	});

	test('the single form takes one object, in the add_msg_template shape or WeCom’s template shape', () => {
		const link = { title: 't', url: 'https://x' };
		expect(singleAttachmentFromJson('{}', 'attachmentJson')).toBeUndefined();
		expect(singleAttachmentFromJson({ msgtype: 'link', link }, 'attachmentJson')).toEqual({
			msgtype: 'link',
			link,
		});
		expect(singleAttachmentFromJson([{ msgtype: 'link', link }], 'attachmentJson')).toEqual({
			msgtype: 'link',
			link,
		});
		expect(singleAttachmentFromJson({ link }, 'attachmentJson')).toEqual({ msgtype: 'link', link });
	});

	test('the single form refuses several kinds, naming WeCom’s priority rule', () => {
		const two = singleAttachmentFromJson(
			[
				{ msgtype: 'video', video: { media_id: 'v' } },
				{ msgtype: 'image', image: { media_id: 'i' } },
			],
			'attachmentJson',
		);
		expect(JSON.stringify(two)).toContain('image > link > miniprogram > file > video');
		const mixed = singleAttachmentFromJson(
			{ image: { media_id: 'i' }, link: { title: 't', url: 'u' } },
			'attachmentJson',
		);
		expect(isViolation(mixed) && mixed.rule).toContain('names image, link');
		expect(
			isViolation(
				checkSingleKind(
					[{ msgtype: 'image' }, { msgtype: 'file' }] as Attachment[],
					'attachmentUi',
				),
			),
		).toBe(true);
	});

	test('templates take the attachment as a top-level field', () => {
		expect(toTemplateField({ msgtype: 'file', file: { media_id: 'm' } })).toEqual({
			file: { media_id: 'm' },
		});
	});
});

describe('%NICKNAME%', () => {
	test('finds spellings WeCom would send literally, including the full-width ％', () => {
		const text = 'Hi %nickname%, %NICKNAME%! ％NICKNAME％ % Nickname % %Nick_Name% %nickname%';
		expect(findNicknameMisspellings(text)).toEqual([
			'%nickname%',
			'％NICKNAME％',
			'% Nickname %',
			'%Nick_Name%',
		]);
		expect(findNicknameMisspellings('Hi %NICKNAME%')).toEqual([]);
		expect(findNicknameMisspellings('100% sure, name it')).toEqual([]);
	});

	test('corrects them to the one spelling WeCom replaces', () => {
		expect(fixNicknamePlaceholders('Hi %nickname% and ％Nickname％')).toBe(
			'Hi %NICKNAME% and %NICKNAME%',
		);
		expect(containsNicknamePlaceholder('Dear %NICKNAME%')).toBe(true);
		expect(containsNicknamePlaceholder('Dear customer')).toBe(false);
	});
});

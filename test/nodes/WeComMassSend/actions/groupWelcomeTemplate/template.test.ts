/** Group Welcome Template create / update / get / delete (group_welcome_template) through the engine. */
import type { IDataObject } from 'n8n-workflow';

import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, useSandbox } from '../../../../helpers/sandbox';
import { pngItem } from '../media/fixtures';

const sandbox = useSandbox();

const link = { title: 'Group rules', url: 'https://example.com/rules' };
const op = (operation: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'groupWelcomeTemplate',
	operation,
	...extra,
});

async function createTemplate(extra: IDataObject = {}): Promise<string> {
	const result = await runMassSend(op('create', { text: 'Welcome %NICKNAME%!', ...extra }));
	expect(result.error).toBeUndefined();
	return result.json()[0].template_id as string;
}

test('create sends text and one attachment as a top-level field and returns template_id', async () => {
	const result = await runMassSend(
		op('create', {
			text: 'Welcome %NICKNAME%!',
			attachmentUi: { attachment: { type: 'link', ...link, picUrl: 'https://p/0' } },
		}),
	);
	expect(result.error).toBeUndefined();
	const [out] = result.json();
	expect(out).toEqual({ template_id: expect.any(String), warnings: [] });
	const [call] = sandbox().callsTo('group_welcome_template/add');
	expect(call.body).toEqual({
		text: { content: 'Welcome %NICKNAME%!' },
		link: { ...link, picurl: 'https://p/0' },
		notify: 1,
	});
	expect(sandbox().templates.get(out.template_id as string)).toMatchObject({
		link: { ...link, picurl: 'https://p/0' },
	});
});

test('create: notify off and agentid for legacy suites', async () => {
	await createTemplate({ notify: false, options: { agentId: 1000002 } });
	expect(sandbox().callsTo('group_welcome_template/add')[0].body).toEqual({
		text: { content: 'Welcome %NICKNAME%!' },
		notify: 0,
		agentid: 1000002,
	});
});

test('create accepts the attachment as JSON in the add_msg_template shape or WeCom’s template shape', async () => {
	await createTemplate({
		text: '',
		attachmentSource: 'json',
		attachmentJson: JSON.stringify({ msgtype: 'link', link }),
	});
	await createTemplate({ text: '', attachmentSource: 'json', attachmentJson: { link } });
	const bodies = sandbox()
		.callsTo('group_welcome_template/add')
		.map((call) => call.body);
	expect(bodies).toEqual([
		{ link, notify: 1 },
		{ link, notify: 1 },
	]);
});

test('get is a POST with template_id in the JSON body (not a GET query)', async () => {
	const templateId = await createTemplate({
		attachmentUi: { attachment: { type: 'link', ...link } },
	});
	sandbox().resetCalls();
	const result = await runMassSend(op('get', { templateId }));
	expect(result.error).toBeUndefined();
	expect(result.json()).toEqual([
		{ template_id: templateId, text: { content: 'Welcome %NICKNAME%!' }, link },
	]);
	const [call] = sandbox().callsTo('group_welcome_template/get');
	expect(call.method).toBe('POST');
	expect(call.body).toEqual({ template_id: templateId });
	expect(call.query.template_id).toBeUndefined();
});

test('update sends template_id with the new content and no notify', async () => {
	const templateId = await createTemplate();
	const result = await runMassSend(
		op('update', {
			templateId,
			text: 'Hello again %NICKNAME%',
			attachmentUi: { attachment: { type: 'image', picUrl: 'https://p/1' } },
		}),
	);
	expect(result.error).toBeUndefined();
	expect(result.json()).toEqual([{ template_id: templateId, updated: true, warnings: [] }]);
	expect(sandbox().callsTo('group_welcome_template/edit')[0].body).toEqual({
		template_id: templateId,
		text: { content: 'Hello again %NICKNAME%' },
		image: { pic_url: 'https://p/1' },
	});
	expect(sandbox().templates.get(templateId)).toMatchObject({
		text: { content: 'Hello again %NICKNAME%' },
		image: { pic_url: 'https://p/1' },
	});
});

test('delete removes the template, passing agentid when set', async () => {
	const templateId = await createTemplate();
	const result = await runMassSend(op('delete', { templateId, options: { agentId: 7 } }));
	expect(result.error).toBeUndefined();
	expect(result.json()).toEqual([{ template_id: templateId, deleted: true }]);
	expect(sandbox().callsTo('group_welcome_template/del')[0].body).toEqual({
		template_id: templateId,
		agentid: 7,
	});
	expect(sandbox().templates.has(templateId)).toBe(false);
});

test('a misspelt %NICKNAME% is reported, or corrected on request', async () => {
	const warned = await runMassSend(op('create', { text: 'Hi %Nickname%' }));
	expect(warned.json()[0].warnings).toEqual([
		expect.stringContaining('"%Nickname%", which WeCom does not replace'),
	]);
	await runMassSend(
		op('create', { text: 'Hi %Nickname%', options: { fixNicknamePlaceholder: true } }),
	);
	const texts = sandbox()
		.callsTo('group_welcome_template/add')
		.map((call) => (call.body as IDataObject).text);
	expect(texts).toEqual([{ content: 'Hi %Nickname%' }, { content: 'Hi %NICKNAME%' }]);
});

test('an image named by binary property is uploaded in the same step', async () => {
	const result = await runMassSend(
		op('create', {
			text: '',
			attachmentUi: { attachment: { type: 'image', binaryProperty: 'data' } },
		}),
		[pngItem()],
	);
	expect(result.error).toBeUndefined();
	const [mediaId] = [...sandbox().media.keys()];
	expect(sandbox().callsTo('group_welcome_template/add')[0].body).toEqual({
		image: { media_id: mediaId },
		notify: 1,
	});
});

describe('refused before sending', () => {
	const refused = async (parameters: IDataObject, field: string, expected: RegExp) => {
		const result = await runMassSend(op('create', parameters));
		expect(result.error?.context?.itemIndex).toBe(0); // n8n names the item; the message does not repeat it
		expect(result.error?.message).toMatch(expected);
		expect(result.error?.context?.field).toBe(field);
		expect(sandbox().calls).toHaveLength(0);
	};
	const image = { msgtype: 'image', image: { media_id: 'm' } };
	const video = { msgtype: 'video', video: { media_id: 'v' } };

	test('several attachments as a JSON array (WeCom would keep only one)', async () => {
		await refused(
			{ attachmentSource: 'json', attachmentJson: JSON.stringify([video, image]) },
			'attachmentJson',
			/holds 2 attachments: .*image > link > miniprogram > file > video/,
		);
	});
	test('an object naming several kinds', async () => {
		await refused(
			{
				attachmentSource: 'json',
				attachmentJson: JSON.stringify({ image: { media_id: 'm' }, link }),
			},
			'attachmentJson',
			/names image, link: .*WeCom would silently keep only the first/,
		);
	});
	test('text over 3,000 bytes', async () => {
		await refused(
			{ text: '群'.repeat(1000) + '!' },
			'text',
			/^Text is 3001 bytes in UTF-8; WeCom accepts at most 3000 bytes/,
		);
	});
	test('text and attachment both empty', async () => {
		await refused({ text: '' }, 'text', /^Text and Attachment are both empty/);
	});
	test('a required field of the attachment', async () => {
		await refused(
			{ attachmentUi: { attachment: { type: 'link', title: 'No URL' } } },
			'attachmentUi.attachment.url',
			/Attachment \(link\): "URL" is required/,
		);
	});
	test('update, get and delete need a template ID', async () => {
		for (const operation of ['update', 'get', 'delete']) {
			// An expression that resolves to nothing: n8n itself refuses a literally empty required field.
			const result = await runMassSend(
				op(operation, { text: 'x', templateId: '={{ $json.template_id }}' }),
				[{}],
			);
			expect(result.error?.message).toBe('"Template ID" is required');
		}
		expect(sandbox().calls).toHaveLength(0);
	});
});

test('the 101st template fails with 41055 and says how to make room', async () => {
	const hundred = Array.from({ length: 100 }, (_, i) => ({ text: `Welcome #${i}` }));
	const filled = await runMassSend(op('create', { text: '={{ $json.text }}' }), hundred);
	expect(filled.error).toBeUndefined();
	expect(sandbox().templates.size).toBe(100);

	const result = await runMassSend(op('create', { text: 'One too many' }));
	expect(result.error?.message).toContain('[41055]');
	expect(result.error?.message).toContain('group welcome template limit (100) reached');
	expect(result.error?.description).toContain('Delete unused group welcome templates');
	expect(apiCalls(sandbox()).filter((call) => call.errcode === 41055)).toHaveLength(1);
});

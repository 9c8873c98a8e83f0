/**
 * WeCom's successful answer to an API that creates something always carries its id (msgid,
 * media_id, template_id, url). An answer with errcode 0 but no id — a proxy answering `{}` — is not
 * a success: it must not look like a sent message, and an inline upload must not go on to send
 * media_id "".
 */
import { runMassSend } from '../../../helpers/engine';
import { useSandbox } from '../../../helpers/sandbox';
import { pngItem } from '../../WeComMassSend/actions/media/fixtures';

const sandbox = useSandbox();
const proxyAnswers = (api: string, json: Record<string, unknown>) =>
	sandbox().fault({ api, kind: 'answer', json });

test('Mass Message → Create answered errcode 0 without msgid is an error that says WeCom may have done it', async () => {
	proxyAnswers('add_msg_template', { errcode: 0, errmsg: 'ok' });
	const result = await runMassSend({
		resource: 'massMessage',
		operation: 'create',
		externalUserIds: 'wmA1',
		text: 'Spring sale',
	});
	expect(result.error?.name).toBe('NodeApiError');
	expect(result.error?.message).toBe(
		'WeCom add_msg_template: the answer says errcode 0 but has no msgid, which WeCom always returns when it succeeds',
	);
	expect(result.error?.description).toMatch(
		/did not come from WeCom as documented.*WeCom may have done it/,
	);
	expect(result.error?.context).toMatchObject({
		api: 'add_msg_template',
		mayHaveReachedWeCom: true,
	});
	// Not repeated: it may have created a task.
	expect(sandbox().callsTo('add_msg_template')).toHaveLength(1);
});

test('an inline upload answered `{}` stops the welcome message: no send with media_id ""', async () => {
	const code = sandbox().issueWelcomeCode();
	proxyAnswers('media/upload', {});
	const result = await runMassSend(
		{
			resource: 'welcomeMessage',
			operation: 'send',
			text: 'Hi',
			attachmentsUi: { attachment: [{ type: 'image', binaryProperty: 'data' }] },
		},
		[pngItem({ WelcomeCode: code })],
	);
	expect(result.error?.message).toMatch(
		/^WeCom media\/upload: the answer says errcode 0 but has no media_id/,
	);
	expect(sandbox().callsTo('send_welcome_msg')).toHaveLength(0);
	expect(sandbox().welcomeSends).toHaveLength(0);
});

test.each([
	[
		'Media → Upload',
		'media/upload',
		{ resource: 'media', operation: 'upload', mediaType: 'image' },
		'media_id',
	],
	[
		'Media → Upload Image',
		'media/uploadimg',
		{ resource: 'media', operation: 'uploadImage' },
		'url',
	],
	[
		'Group Welcome Template → Create',
		'group_welcome_template/add',
		{ resource: 'groupWelcomeTemplate', operation: 'create', text: 'Welcome' },
		'template_id',
	],
])(
	'%s (%s) answered errcode 0 without its id is an error',
	async (_name, api, parameters, field) => {
		proxyAnswers(api, { errcode: 0, errmsg: 'ok', [field]: '' });
		const result = await runMassSend(parameters, [pngItem({})]);
		expect(result.error?.message).toContain(`but has no ${field}`);
		expect(sandbox().callsTo(api)).toHaveLength(1);
	},
);

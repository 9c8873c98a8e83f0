/** Moment → Create: upload_attachment for binary files, add_moment_task, then a bounded get_moment_task_result poll. */
import { MOMENT_JOB_POLLS } from '../../../../../tools/sandbox/moments';
import { SEEDED_TAGS } from '../../../../../tools/sandbox/contacts';
import { runMassSend } from '../../../../helpers/engine';
import { apiCalls, bodyOf, useSandbox } from '../../../../helpers/sandbox';
import { binary, fakeFile, itemWithFiles, pngItem } from '../media/fixtures';

const sandbox = useSandbox();
const FAST = { pollIntervalSeconds: 0 };
const create = (extra: Record<string, unknown> = {}) => ({
	resource: 'moment',
	operation: 'create',
	text: '双十二会员福利',
	options: FAST,
	...extra,
});
const names = () => apiCalls(sandbox()).map((c) => c.path.split('/').pop());

test('text + two images from binary data to a tag: uploads, creates, polls until done, outputs the moment and the refusals', async () => {
	const item = itemWithFiles(
		{},
		{
			a: binary(fakeFile(300, 'a'), 'a.png', 'image/png'),
			b: binary(fakeFile(300, 'b'), 'b.jpg', 'image/jpeg'),
		},
	);
	const result = await runMassSend(
		create({
			attachmentType: 'image',
			binaryProperties: 'a, b',
			members: 'zhangsan, nobody',
			customerTags: { tags: [{ tag: SEEDED_TAGS.vip }, { tag: 'etNoSuchTag' }] },
		}),
		[item],
	);
	const [out] = result.json();
	expect(out).toMatchObject({
		done: true,
		moment_id: expect.stringMatching(/^mom/),
		invalidMembers: ['nobody'],
		invalidTags: ['etNoSuchTag'],
	});
	expect(names()).toEqual([
		'upload_attachment',
		'upload_attachment',
		'add_moment_task',
		...Array.from({ length: MOMENT_JOB_POLLS }, () => 'get_moment_task_result'),
	]);
	const calls = apiCalls(sandbox());
	expect(calls[0].query).toMatchObject({ media_type: 'image', attachment_type: '1' });
	const add = bodyOf(calls[2]);
	expect(add.text).toEqual({ content: '双十二会员福利' });
	expect(add.attachments).toHaveLength(2);
	expect(add.attachments[0]).toEqual({
		msgtype: 'image',
		image: { media_id: expect.stringMatching(/^WWCISP_/) },
	});
	expect(add.visible_range).toEqual({
		sender_list: { user_list: ['zhangsan', 'nobody'] },
		external_contact_list: { tag_list: [SEEDED_TAGS.vip, 'etNoSuchTag'] },
	});
	expect(calls[3].method).toBe('GET');
	expect(calls[3].query.jobid).toBe(out.jobid);
	// The created moment is there for the reads.
	const tasks = await runMassSend({
		resource: 'moment',
		operation: 'getMemberTasks',
		momentId: out.moment_id,
		returnAll: true,
	});
	expect(tasks.json().map((t) => t.userid)).toEqual(['zhangsan']);
});

test('a link with a cover image given as a media ID; text only needs no upload', async () => {
	const media = await runMassSend(
		create({
			attachmentType: 'image',
			binaryProperties: 'data',
			options: { ...FAST, waitForResult: false },
		}),
		[pngItem()],
	);
	const mediaId = bodyOf(apiCalls(sandbox()).find((c) => c.path.endsWith('add_moment_task'))!)
		.attachments[0].image.media_id;
	expect(media.json()[0]).toEqual({ jobid: expect.any(String), done: false });
	sandbox().resetCalls();
	const link = await runMassSend(
		create({
			attachmentType: 'link',
			fileSource: 'mediaId',
			mediaIds: mediaId,
			linkTitle: '活动',
			linkUrl: 'https://example.com/x',
		}),
	);
	expect(link.json()[0]).toMatchObject({ done: true });
	expect(bodyOf(apiCalls(sandbox())[0]).attachments).toEqual([
		{ msgtype: 'link', link: { title: '活动', url: 'https://example.com/x', media_id: mediaId } },
	]);
	sandbox().resetCalls();
	await runMassSend(create());
	expect(names()[0]).toBe('add_moment_task');
	expect(bodyOf(apiCalls(sandbox())[0])).toEqual({ text: { content: '双十二会员福利' } });
});

test('a bound too low says WeCom is still working, with the job ID', async () => {
	const early = await runMassSend(create({ options: { ...FAST, maxPolls: MOMENT_JOB_POLLS - 1 } }));
	expect(early.json()[0]).toMatchObject({
		done: false,
		status: 2,
		message: expect.stringContaining('still creating'),
	});
	expect(sandbox().callsTo('get_moment_task_result')).toHaveLength(MOMENT_JOB_POLLS - 1);
});

test('WeCom’s limits are refused before any request, naming the field', async () => {
	const cases: Array<[Record<string, unknown>, string, RegExp]> = [
		[{ text: 'x'.repeat(2001) }, 'text', /at most 2000/],
		[{ text: ' ' }, 'text', /needs one or the other/],
		[
			{
				attachmentType: 'image',
				fileSource: 'mediaId',
				mediaIds: Array.from({ length: 10 }, (_, i) => `m${i}`).join(','),
			},
			'mediaIds',
			/at most 9 images/,
		],
		[
			{ attachmentType: 'video', fileSource: 'mediaId', mediaIds: 'm1, m2' },
			'mediaIds',
			/one video/,
		],
		[
			{ attachmentType: 'link', fileSource: 'mediaId', mediaIds: 'm1', linkUrl: 'example.com' },
			'linkUrl',
			/http/,
		],
		[
			{ attachmentType: 'image', binaryProperties: 'missing' },
			'binaryProperties',
			/no binary field "missing"/,
		],
	];
	for (const [extra, field, message] of cases) {
		const result = await runMassSend(create(extra), [pngItem()], { continueOnFail: true });
		expect(result.json()[0]).toMatchObject({ field, error: expect.stringMatching(message) });
	}
	const big = await runMassSend(
		create({ attachmentType: 'video', binaryProperties: 'data' }),
		[itemWithFiles({}, { data: binary(fakeFile(11 * 1024 * 1024), 'v.mp4', 'video/mp4') })],
		{
			continueOnFail: true,
		},
	);
	expect(big.json()[0].error).toMatch(/at most 10/);
	expect(apiCalls(sandbox())).toHaveLength(0);
});

test('after a lost answer add_moment_task is not sent again; a lost poll answer is asked again', async () => {
	sandbox().fault({ api: 'add_moment_task', kind: 'doneThenReset' });
	const lost = await runMassSend(create(), [{}], { continueOnFail: true });
	expect(lost.json()[0]).toMatchObject({ api: 'add_moment_task', mayHaveReachedWeCom: true });
	expect(sandbox().callsTo('add_moment_task')).toHaveLength(1);
	sandbox().resetCalls();
	sandbox().fault({ api: 'get_moment_task_result', kind: 'reset' });
	const polled = await runMassSend(create());
	expect(polled.json()[0]).toMatchObject({ done: true });
});

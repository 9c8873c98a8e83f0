/** Media → Upload / Upload Image through the engine against the sandbox. */
import { runMassSend } from '../../../../helpers/engine';
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../../../../helpers/sandbox';
import { binary, fakeFile, itemWithFiles, pngItem } from './fixtures';

const sandbox = useSandbox();
const MB = 1024 * 1024;
const upload = (extra: Record<string, unknown> = {}) => ({
	resource: 'media',
	operation: 'upload',
	mediaType: 'image',
	...extra,
});

test('upload sends the file as multipart field "media" and returns a 3-day media_id', async () => {
	const before = Math.floor(Date.now() / 1000);
	const result = await runMassSend(upload(), [pngItem({}, 300)]);
	expect(result.error).toBeUndefined();
	const [out] = result.json();
	expect(Object.keys(out).sort()).toEqual(['created_at', 'expires_at', 'media_id', 'type']);
	expect(out.type).toBe('image');
	expect(typeof out.created_at).toBe('number');
	expect(out.created_at as number).toBeGreaterThanOrEqual(before);
	expect(out.expires_at).toBe(
		new Date((out.created_at as number) * 1000 + 3 * 86400 * 1000).toISOString(),
	);
	expect(sandbox().media.has(out.media_id as string)).toBe(true);

	const [call] = sandbox().callsTo('media/upload');
	expect(call.method).toBe('POST');
	expect(call.query.type).toBe('image');
	expect(call.body).toEqual({
		field: 'media',
		filename: 'photo.png',
		contentType: 'image/png',
		size: 300,
	});
	expect(result.items()[0].pairedItem).toEqual({ item: 0 });
});

test('upload takes the binary property and media type from the parameters', async () => {
	const item = itemWithFiles(
		{},
		{ attachment: binary(fakeFile(1000), 'brochure.pdf', 'application/pdf') },
	);
	const result = await runMassSend(
		upload({ mediaType: 'file', binaryPropertyName: 'attachment' }),
		[item],
	);
	expect(result.error).toBeUndefined();
	expect(result.json()[0].type).toBe('file');
	expect(sandbox().callsTo('media/upload')[0].body).toMatchObject({
		filename: 'brochure.pdf',
		size: 1000,
	});
});

test('a file whose name lacks the extension is named after its MIME type', async () => {
	const item = itemWithFiles({}, { data: binary(fakeFile(100), 'photo', 'image/jpeg') });
	const result = await runMassSend(upload(), [item]);
	expect(result.error).toBeUndefined();
	expect(sandbox().callsTo('media/upload')[0].body).toMatchObject({
		filename: 'photo.jpg',
		contentType: 'image/jpeg',
	});
});

describe('limits are checked before uploading', () => {
	const refused = async (parameters: IDataObject, item: IDataObject, expected: RegExp) => {
		const result = await runMassSend(parameters, [item]);
		expect(result.error?.context?.itemIndex).toBe(0); // n8n names the item; the message does not repeat it
		expect(result.error?.message).toMatch(expected);
		expect(result.error?.context?.field).toBe('binaryPropertyName');
		expect(sandbox().calls).toHaveLength(0);
	};

	test('5 bytes or less', async () => {
		await refused(
			upload({ mediaType: 'file' }),
			pngItem({}, 5),
			/5 bytes; WeCom accepts only files larger than 5 bytes/,
		);
	});
	test('image type', async () => {
		const gif = itemWithFiles({}, { data: binary(fakeFile(100), 'anim.gif', 'image/gif') });
		await refused(upload(), gif, /not a jpg or png image/);
	});
	test('image size', async () => {
		await refused(upload(), pngItem({}, 10 * MB + 1), /10\.0 MB for image media/);
	});
	test('voice size and type', async () => {
		const voice = itemWithFiles(
			{},
			{ data: binary(fakeFile(2 * MB + 1), 'note.amr', 'audio/amr') },
		);
		await refused(upload({ mediaType: 'voice' }), voice, /at most 2\.0 MB for voice media/);
		const mp3 = itemWithFiles({}, { data: binary(fakeFile(100), 'note.mp3', 'audio/mpeg') });
		await refused(upload({ mediaType: 'voice' }), mp3, /not a amr voice file/);
	});
	test('video type', async () => {
		const mov = itemWithFiles({}, { data: binary(fakeFile(100), 'clip.mov', 'video/quicktime') });
		await refused(upload({ mediaType: 'video' }), mov, /not a mp4 video/);
	});
	test('file size', async () => {
		await refused(
			upload({ mediaType: 'file' }),
			pngItem({}, 20 * MB + 1),
			/20\.0 MB for file media/,
		);
	});
	test('missing binary property', async () => {
		await refused(
			upload({ binaryPropertyName: 'scan' }),
			pngItem(),
			/no binary field "scan"; the item has "data"/,
		);
	});
	test('upload image: jpg/png up to 2 MB', async () => {
		await refused(
			{ resource: 'media', operation: 'uploadImage' },
			pngItem({}, 2 * MB + 1),
			/at most 2\.0 MB for Upload Image/,
		);
	});
});

test('upload image returns a permanent URL for image.pic_url', async () => {
	const result = await runMassSend({ resource: 'media', operation: 'uploadImage' }, [pngItem()]);
	expect(result.error).toBeUndefined();
	expect(result.json()).toEqual([{ url: expect.stringMatching(/^https:\/\/wework\.qpic\.cn\//) }]);
	const [call] = sandbox().callsTo('media/uploadimg');
	expect(call.body).toMatchObject({
		field: 'media',
		filename: 'photo.png',
		contentType: 'image/png',
	});
});

test('a WeCom error of the upload names the errcode', async () => {
	sandbox().fault({ api: 'media/upload', kind: 'errcode', errcode: 45009 });
	const result = await runMassSend(upload(), [pngItem()]);
	expect(result.error?.message).toContain('45009');
});

/** Media limits and the multipart body builder, without the engine. */
import {
	checkMediaFile,
	uploadFileName,
} from '../../../../nodes/WeComMassSend/validation/attachmentsMedia';
import { buildMultipart } from '../../../../nodes/shared/transport/multipart';
import { boundaryOf, parseMultipart } from '../../../../tools/sandbox/multipart';

const MB = 1024 * 1024;

describe('media limits', () => {
	test('every file must be larger than 5 bytes', () => {
		expect(checkMediaFile('file', { size: 5, fileName: 'a.txt' }, 'f')?.rule).toContain(
			'larger than 5 bytes',
		);
		expect(checkMediaFile('file', { size: 6, fileName: 'a.txt' }, 'f')).toBeUndefined();
	});

	test('sizes per type', () => {
		expect(checkMediaFile('image', { size: 10 * MB, fileName: 'a.png' }, 'f')).toBeUndefined();
		expect(checkMediaFile('image', { size: 10 * MB + 1, fileName: 'a.png' }, 'f')?.rule).toContain(
			'at most 10.0 MB',
		);
		expect(checkMediaFile('voice', { size: 2 * MB + 1, fileName: 'a.amr' }, 'f')?.rule).toContain(
			'at most 2.0 MB',
		);
		expect(checkMediaFile('video', { size: 10 * MB + 1, fileName: 'a.mp4' }, 'f')?.rule).toContain(
			'at most 10.0 MB for video media',
		);
		expect(checkMediaFile('file', { size: 20 * MB, fileName: 'a.pdf' }, 'f')).toBeUndefined();
		expect(checkMediaFile('file', { size: 20 * MB + 1, fileName: 'a.pdf' }, 'f')?.rule).toContain(
			'at most 20.0 MB for file media',
		);
		expect(
			checkMediaFile('uploadimg', { size: 2 * MB + 1, fileName: 'a.jpg' }, 'f')?.rule,
		).toContain('Upload Image');
	});

	test('types per kind, by extension or MIME type', () => {
		expect(
			checkMediaFile('image', { size: 100, fileName: 'a.gif', mimeType: 'image/gif' }, 'f')?.rule,
		).toContain('jpg or png');
		expect(
			checkMediaFile('image', { size: 100, fileName: 'photo', mimeType: 'image/png' }, 'f'),
		).toBeUndefined();
		expect(
			checkMediaFile('video', { size: 100, fileName: 'a.mov', mimeType: 'video/quicktime' }, 'f')
				?.rule,
		).toContain('is not a mp4 video');
		expect(checkMediaFile('voice', { size: 100, fileName: 'a.mp3' }, 'f')?.rule).toContain(
			'is not a amr voice file',
		);
		expect(checkMediaFile('file', { size: 100, fileName: 'anything.bin' }, 'f')).toBeUndefined();
	});

	test('the uploaded name carries the extension WeCom judges the type by', () => {
		expect(uploadFileName('image', { size: 100, fileName: 'photo', mimeType: 'image/png' })).toBe(
			'photo.png',
		);
		expect(
			uploadFileName('image', { size: 100, fileName: 'photo.JPG', mimeType: 'image/jpeg' }),
		).toBe('photo.JPG');
		expect(uploadFileName('image', { size: 100, mimeType: 'image/jpeg' })).toBe('image.jpg');
		expect(uploadFileName('file', { size: 100, fileName: 'report.pdf' })).toBe('report.pdf');
	});
});

describe('multipart body', () => {
	test('round-trips through a multipart parser with name, filename and content type', () => {
		const data = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255, 254]);
		const body = buildMultipart([
			{ name: 'media', filename: '报告 "final".pdf', contentType: 'application/pdf', data },
		]);
		const boundary = boundaryOf(body.contentType);
		expect(boundary).toMatch(/^----n8nWeComFormBoundary[0-9a-f]{24}$/);
		const parts = parseMultipart(body.buffer, boundary!);
		expect(parts).toHaveLength(1);
		expect(parts![0].name).toBe('media');
		expect(parts![0].filename).toBe('报告 %22final%22.pdf');
		expect(parts![0].contentType).toBe('application/pdf');
		expect(parts![0].data.equals(data)).toBe(true);
	});
});

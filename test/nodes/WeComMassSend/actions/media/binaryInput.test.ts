/**
 * What an input item's binary brings into an upload: its MIME type goes into the multipart body
 * WeCom parses, so it must not be able to add header lines there; and its size is checked before
 * the file is read, so an oversized file is refused without loading it.
 */
import path from 'node:path';

import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { runMassSend } from '../../../../helpers/engine';
import { useSandbox } from '../../../../helpers/sandbox';
import { binary, fakeFile, itemWithFiles } from './fixtures';

const sandbox = useSandbox();
const MB = 1024 * 1024;
const upload = (mediaType: string) => ({ resource: 'media', operation: 'upload', mediaType });

describe('the MIME type in the multipart body', () => {
	test.each([
		['CR LF and a header', 'image/png\r\nX-Injected: yes'],
		['LF alone', 'image/png\nContent-Disposition: form-data; name="other"'],
	])('%s cannot add header lines to the part WeCom parses', async (_name, mimeType) => {
		const result = await runMassSend(upload('image'), [
			itemWithFiles({}, { data: binary(fakeFile(300), 'photo.png', mimeType) }),
		]);
		expect(result.error).toBeUndefined();
		const [call] = sandbox().callsTo('media/upload');
		expect(call.body).toEqual({
			field: 'media',
			filename: 'photo.png',
			contentType: 'application/octet-stream',
			size: 300,
		});
	});

	test('a plain MIME type with parameters is sent as it is', async () => {
		await runMassSend(upload('file'), [
			itemWithFiles({}, { data: binary(fakeFile(300), 'notes.txt', 'text/plain; charset=utf-8') }),
		]);
		expect(sandbox().callsTo('media/upload')[0].body).toMatchObject({
			contentType: 'text/plain; charset=utf-8',
		});
	});
});

describe('the size is checked before the file is read', () => {
	/** A binary data store (like n8n's filesystem or cancel_groupmsg_send mode) that counts how often a file is read. */
	const files = new Map<string, { size: number; fileName: string; mimeType: string }>();
	let reads = 0;
	beforeAll(() => {
		// n8n-core's own DI container (the one its helpers use), on either engine line.
		const coreDir = path.dirname(require.resolve('n8n-core'));
		const { Container } = require(
			require.resolve('@n8n/di', { paths: [coreDir] }),
		) as typeof import('@n8n/di');
		Container.get(BinaryDataService).setManager(
			'counting' as never,
			{
				init: async () => {},
				getAsBuffer: async (fileId: string) => {
					reads++;
					return fakeFile(files.get(fileId)!.size);
				},
				getMetadata: async (fileId: string) => ({
					...files.get(fileId)!,
					fileSize: files.get(fileId)!.size,
				}),
			} as never,
		);
	});
	beforeEach(() => {
		reads = 0;
	});

	function stored(id: string, size: number, fileName: string, mimeType: string): IBinaryData {
		files.set(id, { size, fileName, mimeType });
		return {
			id: `counting:${id}`,
			data: 'counting',
			fileName,
			mimeType,
			fileSize: `${Math.round(size / MB)} MB`,
		};
	}

	test('a 25 MB file is refused as too large without being read, and nothing is sent', async () => {
		const result = await runMassSend(upload('file'), [
			itemWithFiles({}, { data: stored('big', 25 * MB, 'report.pdf', 'application/pdf') }),
		]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/25\.0 MB; WeCom accepts at most 20\.0 MB/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(reads).toBe(0);
		expect(sandbox().calls).toHaveLength(0);
	});

	test('a file inside the limit is read once and uploaded whole', async () => {
		const result = await runMassSend(upload('file'), [
			itemWithFiles({}, { data: stored('ok', 2 * MB, 'report.pdf', 'application/pdf') }),
		]);
		expect(result.error).toBeUndefined();
		expect(reads).toBe(1);
		expect(sandbox().callsTo('media/upload')[0].body).toMatchObject({
			filename: 'report.pdf',
			size: 2 * MB,
		});
	});

	test('a file kept in the item (base64) is measured from its text before it is decoded', async () => {
		const big = Buffer.alloc(11 * MB, 1);
		const result = await runMassSend(upload('image'), [
			itemWithFiles({}, { data: binary(big, 'photo.png', 'image/png') }),
		]);
		expect(result.error?.message).toMatch(/11\.0 MB; WeCom accepts at most 10\.0 MB/);
		expect(sandbox().calls).toHaveLength(0);
	});
});
